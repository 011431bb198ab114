import type { AddressInfo } from "node:net"
import { SMTPServer, type SMTPServerOptions } from "smtp-server"

/** One message as the SMTP server received it. */
export interface Received {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly user: string | undefined
  readonly raw: string
  readonly headers: ReadonlyMap<string, string>
  /** The body with quoted-printable soft breaks and escapes undone (ASCII test content only). */
  readonly body: string
}

export interface SmtpTestServer {
  readonly port: number
  readonly received: Array<Received>
  readonly close: () => Promise<void>
}

const parseHeaders = (raw: string): Map<string, string> => {
  const head = raw.split("\r\n\r\n")[0] ?? ""
  const unfolded = head.replace(/\r\n[ \t]+/g, " ")
  const headers = new Map<string, string>()
  for (const line of unfolded.split("\r\n")) {
    const colon = line.indexOf(":")
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

const decodeQuotedPrintable = (text: string): string =>
  text
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/**
 * A real SMTP server on loopback. `beforeAccept` runs once the whole message has arrived and
 * before the server answers 250: the place to simulate a client that dies while waiting.
 */
export const startSmtpTestServer = async (
  options: {
    readonly credentials?: { readonly user: string; readonly pass: string }
    readonly beforeAccept?: (message: Received) => Promise<void> | void
  } = {}
): Promise<SmtpTestServer> => {
  const received: Array<Received> = []
  const serverOptions: SMTPServerOptions = {
    disabledCommands: options.credentials ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    authOptional: options.credentials === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = auth.username === options.credentials?.user && auth.password === options.credentials?.pass
      callback(ok ? null : new Error("Invalid credentials"), ok ? { user: auth.username } : undefined)
    },
    onData(stream, session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8")
        const message: Received = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : undefined,
          raw,
          headers: parseHeaders(raw),
          body: decodeQuotedPrintable(raw.slice(raw.indexOf("\r\n\r\n") + 4))
        }
        received.push(message)
        Promise.resolve()
          .then(() => options.beforeAccept?.(message))
          .then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)))
          )
      })
    }
  }
  const server = new SMTPServer(serverOptions)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
