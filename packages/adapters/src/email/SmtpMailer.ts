import { createHash } from "node:crypto"
import { Mailer as MailerPort } from "@openap/core"
import { Config, type ConfigError, Effect, Layer, Option, Redacted } from "effect"
import { createTransport } from "nodemailer"

export interface SmtpOptions {
  readonly host: string
  readonly port: number
  /** Implicit TLS from the first byte (usually port 465). */
  readonly secure: boolean
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  readonly requireTls: boolean
  readonly user: Option.Option<string>
  readonly password: Option.Option<Redacted.Redacted<string>>
  /** The From header, e.g. `Coventry AP <no-reply@example.gov.uk>`. */
  readonly from: string
  /** The right-hand side of every Message-ID. */
  readonly messageIdDomain: string
}

export const config: Config.Config<SmtpOptions> = Config.all({
  host: Config.string("SMTP_HOST"),
  port: Config.integer("SMTP_PORT").pipe(Config.withDefault(587)),
  secure: Config.boolean("SMTP_SECURE").pipe(Config.withDefault(false)),
  requireTls: Config.boolean("SMTP_REQUIRE_TLS").pipe(Config.withDefault(true)),
  user: Config.option(Config.string("SMTP_USER")),
  password: Config.option(Config.redacted("SMTP_PASSWORD")),
  from: Config.string("MAIL_FROM"),
  messageIdDomain: Config.option(Config.string("MAIL_MESSAGE_ID_DOMAIN"))
}).pipe(
  Config.map(({ messageIdDomain, ...rest }) => ({
    ...rest,
    messageIdDomain: Option.getOrElse(messageIdDomain, () => domainOf(rest.from))
  }))
)

const domainOf = (from: string): string => /@([^>\s]+)/.exec(from)?.[1] ?? "openap.invalid"

/**
 * The same outbox key always gives the same Message-ID, so a copy that did get through twice (for
 * example after an operator chose to send an unconfirmed message again) is recognisably the same
 * message to the recipient's mail system. Hashed because keys may hold characters a Message-ID
 * cannot, and so that no internal id is exposed.
 */
export const messageIdFor = (key: string, domain: string): string =>
  `<${createHash("sha256").update(key).digest("hex").slice(0, 40)}@${domain}>`

interface NodemailerError {
  readonly code?: string
  readonly command?: string
  readonly responseCode?: number
  readonly message?: string
}

/**
 * A reply code means the server answered, so we know the outcome. Without one, only failures
 * before the message was handed over are known not to have delivered it; a broken connection or
 * a timeout during the transfer may have happened after the server took the message.
 */
const classify = (error: unknown): MailerPort.MailNotSent | MailerPort.MailOutcomeUnknown => {
  const e = (typeof error === "object" && error !== null ? error : {}) as NodemailerError
  const reason = `${e.code ?? "ERROR"}${e.command ? ` at ${e.command}` : ""}: ${e.message ?? String(error)}`
  if (typeof e.responseCode === "number") {
    return new MailerPort.MailNotSent({ permanent: e.responseCode >= 500, reason })
  }
  const beforeHandOver =
    e.command === "CONN" ||
    ["EDNS", "ETLS", "EREQUIRETLS", "EAUTH", "ENOAUTH", "ECONFIG", "EENVELOPE", "EMAXRECIPIENTS"].includes(
      e.code ?? ""
    )
  return beforeHandOver
    ? new MailerPort.MailNotSent({ permanent: false, reason })
    : new MailerPort.MailOutcomeUnknown({ reason })
}

export const make = (options: SmtpOptions) =>
  Effect.acquireRelease(
    Effect.sync(() =>
      createTransport({
        host: options.host,
        port: options.port,
        secure: options.secure,
        requireTLS: options.requireTls,
        ...(Option.isSome(options.user)
          ? {
              auth: {
                user: options.user.value,
                pass: Option.match(options.password, { onNone: () => "", onSome: Redacted.value })
              }
            }
          : {}),
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000
      })
    ),
    (transport) => Effect.sync(() => transport.close())
  ).pipe(
    Effect.map((transport) =>
      MailerPort.Mailer.of({
        send: (message) =>
          Effect.tryPromise({
            try: () =>
              transport.sendMail({
                from: options.from,
                to: message.to.map((r) =>
                  r.name === undefined ? r.address : { name: r.name, address: r.address }
                ),
                subject: message.subject,
                text: message.text,
                html: message.html,
                messageId: messageIdFor(message.key, options.messageIdDomain),
                headers: { "X-OpenAP-Message-Key": message.key }
              }),
            catch: classify
          }).pipe(
            Effect.tap((info) =>
              info.rejected.length > 0
                ? Effect.logWarning("mail server refused some recipients").pipe(
                    Effect.annotateLogs({ key: message.key, refused: info.rejected.length })
                  )
                : Effect.void
            ),
            Effect.asVoid
          )
      })
    )
  )

/** The SMTP mailer, configured from SMTP_* and MAIL_FROM. */
export const layer: Layer.Layer<MailerPort.Mailer, ConfigError.ConfigError> = Layer.scoped(
  MailerPort.Mailer,
  Effect.flatMap(config, make)
)
