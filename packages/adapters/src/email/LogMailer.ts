import { Mailer as MailerPort } from "@openap/core"
import { Effect, Layer } from "effect"

/**
 * The embedded default: nothing leaves the machine. The CAP admin's Outbox page shows what would
 * have been sent; the log carries only the key and counts, never the body, because the body names
 * children.
 */
export const layer: Layer.Layer<MailerPort.Mailer> = Layer.succeed(
  MailerPort.Mailer,
  MailerPort.Mailer.of({
    send: (message) =>
      Effect.logInfo("email not sent: no mail server is configured (see the Outbox page)").pipe(
        Effect.annotateLogs({ key: message.key, recipients: message.to.length })
      )
  })
)
