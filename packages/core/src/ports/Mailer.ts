import { Context, Data, type Effect, Schema } from "effect"

/** One person an email goes to. The name, when known, is only for the "To" header. */
export const EmailRecipient = Schema.Struct({
  address: Schema.String.pipe(Schema.pattern(/^[^\s@<>]+@[^\s@<>]+$/)),
  name: Schema.optional(Schema.String)
})
export type EmailRecipient = typeof EmailRecipient.Type

/**
 * A fully rendered email. `key` is the idempotency key of the outbox message it comes from: the
 * adapter turns it into a deterministic Message-ID, so two copies of one message can always be
 * recognised as the same message by every system that sees them.
 */
export interface EmailMessage {
  readonly key: string
  readonly to: ReadonlyArray<EmailRecipient>
  readonly subject: string
  readonly text: string
  readonly html: string
}

/**
 * The mail server certainly did not accept the message: it refused it, or we never got as far as
 * handing it over. Safe to try again unless `permanent` (a 5xx answer: trying again cannot help).
 */
export class MailNotSent extends Data.TaggedError("MailNotSent")<{
  readonly permanent: boolean
  readonly reason: string
}> {}

/**
 * The connection broke while the message was being handed over, so it may or may not have been
 * accepted. SMTP cannot be asked afterwards; the caller must not blindly send it again.
 */
export class MailOutcomeUnknown extends Data.TaggedError("MailOutcomeUnknown")<{
  readonly reason: string
}> {}

export class Mailer extends Context.Tag("openap/Mailer")<
  Mailer,
  {
    readonly send: (message: EmailMessage) => Effect.Effect<void, MailNotSent | MailOutcomeUnknown>
  }
>() {}
