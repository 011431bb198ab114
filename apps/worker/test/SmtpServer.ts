import type { AddressInfo } from "node:net"
import type { SmtpMailer } from "@openap/adapters"
import { Option } from "effect"
import { SMTPServer } from "smtp-server"

/** How the worker's SMTP mailer reaches the test server on `port`: plain, no sign-in. */
export const smtpOptions = (port: number): SmtpMailer.SmtpOptions => ({
  host: "127.0.0.1",
  port,
  secure: false,
  requireTls: false,
  user: Option.none(),
  password: Option.none(),
  from: "AP <no-reply@ap.example>",
  messageIdDomain: "ap.example"
})

export interface Received {
  readonly to: ReadonlyArray<string>
  readonly messageId: string
  readonly subject: string
  readonly raw: string
}

/**
 * A real SMTP server on loopback that keeps what it is given. `beforeAccept` runs when a whole
 * message has arrived, before the server answers: where a test kills the sender.
 */
export const startSmtpServer = async (
  beforeAccept?: (message: Received) => Promise<void> | void
): Promise<{ port: number; received: Array<Received>; close: () => Promise<void> }> => {
  const received: Array<Received> = []
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8")
        const head = (raw.split("\r\n\r\n")[0] ?? "").replace(/\r\n[ \t]+/g, " ")
        const header = (name: string) =>
          head
            .split("\r\n")
            .find((l) => l.toLowerCase().startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim() ?? ""
        const message = {
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header("message-id"),
          subject: header("subject"),
          raw
        }
        received.push(message)
        Promise.resolve()
          .then(() => beforeAccept?.(message))
          .then(
            () => callback(),
            (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)))
          )
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
