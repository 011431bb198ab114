import { DateTime, Duration, Effect, Option, Ref } from "effect"
import type { NotificationId } from "../../Ids.js"
import type { Notification } from "../../model/Notification.js"
import { type EmailMessage, Mailer } from "../../ports/Mailer.js"
import { Outbox } from "../../ports/Outbox.js"
import { EmailRenderer } from "./EmailRenderer.js"

export interface DeliverySettings {
  /** Messages claimed per run. */
  readonly batchSize: number
  /** How long a claim lasts: longer than the slowest send, or a live worker's message is re-claimed. */
  readonly claimFor: Duration.Duration
  /** Attempts (of a message the mail server refused or could not be reached for) before giving up. */
  readonly maxAttempts: number
  /** The wait after the first failure; it doubles with each attempt, up to `maxBackoff`. */
  readonly firstBackoff: Duration.Duration
  readonly maxBackoff: Duration.Duration
}

export const defaultSettings: DeliverySettings = {
  batchSize: 20,
  claimFor: Duration.minutes(2),
  maxAttempts: 8,
  firstBackoff: Duration.seconds(30),
  maxBackoff: Duration.hours(1)
}

/** The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, ... at most an hour by default. */
export const backoff = (attempts: number, settings: DeliverySettings): Duration.Duration =>
  Duration.min(
    Duration.times(settings.firstBackoff, 2 ** Math.max(0, Math.min(attempts - 1, 30))),
    settings.maxBackoff
  )

export const unconfirmedReason =
  "Unconfirmed: delivery was interrupted after the message was handed to the mail server, so it may " +
  "have arrived. It was not sent again. Check with the recipients before sending it again."

export const noRecipientsReason =
  "No one to send to: the organisation has no active user with the role this message is for."

export interface DeliveryReport {
  readonly sent: number
  readonly retrying: number
  readonly dead: number
  readonly unconfirmed: number
}

type Outcome = keyof DeliveryReport

const htmlFromText = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, "<br>")}</p>`)
    .join("\n")

/**
 * One message, start to end. The order is what makes delivery idempotent: attempted is committed
 * before the mailer is called, and sent right after it returns. A worker that dies in between
 * leaves `attemptedAt` set, and whoever claims the message next files it as unconfirmed rather
 * than sending it again: at most once, never silently lost. Uninterruptible, so a worker asked to
 * stop finishes the message it is sending.
 */
const deliverOne = (
  message: Notification,
  settings: DeliverySettings
): Effect.Effect<Outcome, never, Outbox | Mailer | EmailRenderer> =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const retryOrDie = (reason: string) =>
      Effect.gen(function* () {
        if (message.attempts >= settings.maxAttempts) {
          yield* outbox.markDead(message.id, `Gave up after ${message.attempts} attempts. ${reason}`)
          return "dead" as const
        }
        const now = yield* DateTime.now
        yield* outbox.markFailed(
          message.id,
          reason,
          DateTime.addDuration(now, backoff(message.attempts, settings))
        )
        return "retrying" as const
      })

    if (message.attemptedAt !== undefined) {
      yield* outbox.markDead(message.id, unconfirmedReason)
      return "unconfirmed"
    }
    if (message.recipients.length === 0) {
      yield* outbox.markDead(message.id, noRecipientsReason)
      return "dead"
    }
    const content = message.content
    const rendered =
      content._tag === "Rendered"
        ? Option.some({ text: content.text, html: content.html ?? htmlFromText(content.text) })
        : yield* (yield* EmailRenderer).render(content.template, content.data).pipe(
            Effect.map(Option.some),
            Effect.catchTag("RenderFailed", (e) =>
              Effect.as(Effect.logError("email template failed", e), Option.none())
            )
          )
    if (Option.isNone(rendered))
      return yield* retryOrDie("The email could not be rendered from its template.")

    const email: EmailMessage = {
      key: message.key,
      to: message.recipients.map((address) => ({ address })),
      subject: message.subject,
      text: rendered.value.text,
      html: rendered.value.html
    }
    yield* outbox.markAttempted(message.id, yield* DateTime.now)
    return yield* (yield* Mailer).send(email).pipe(
      Effect.matchEffect({
        onSuccess: () =>
          Effect.flatMap(DateTime.now, (at) => Effect.as(outbox.markSent(message.id, at), "sent" as const)),
        onFailure: (error) =>
          error._tag === "MailOutcomeUnknown"
            ? Effect.as(
                outbox.markDead(message.id, `${unconfirmedReason} (${error.reason})`),
                "unconfirmed" as const
              )
            : error.permanent
              ? Effect.as(
                  outbox.markDead(message.id, `The mail server refused it: ${error.reason}`),
                  "dead" as const
                )
              : retryOrDie(`Not sent: ${error.reason}`)
      })
    )
  }).pipe(Effect.uninterruptible)

/**
 * Claims the messages that are due and delivers them one by one. If the worker is stopped part
 * way, the claimed messages it has not started go straight back to the queue (due now) instead of
 * waiting for their claim to run out.
 */
export const deliverDue = (
  settings: DeliverySettings = defaultSettings
): Effect.Effect<DeliveryReport, never, Outbox | Mailer | EmailRenderer> =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const now = yield* DateTime.now
    const claimed = yield* outbox.claimDue(
      now,
      settings.batchSize,
      DateTime.addDuration(now, settings.claimFor)
    )
    const untouched = yield* Ref.make<ReadonlySet<NotificationId>>(new Set(claimed.map((m) => m.id)))
    const outcomes = yield* Effect.forEach(claimed, (message) =>
      Ref.update(untouched, (ids) => new Set([...ids].filter((id) => id !== message.id))).pipe(
        Effect.zipRight(deliverOne(message, settings)),
        Effect.uninterruptible
      )
    ).pipe(
      Effect.onInterrupt(() =>
        Effect.flatMap(Ref.get(untouched), (ids) =>
          Effect.flatMap(DateTime.now, (at) =>
            Effect.forEach(ids, (id) => outbox.markFailed(id, "The worker stopped before sending it.", at), {
              discard: true
            })
          )
        )
      )
    )
    const count = (o: Outcome) => outcomes.filter((x) => x === o).length
    return {
      sent: count("sent"),
      retrying: count("retrying"),
      dead: count("dead"),
      unconfirmed: count("unconfirmed")
    }
  })
