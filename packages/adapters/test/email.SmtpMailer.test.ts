import { describe, expect, it } from "@effect/vitest"
import type { Mailer } from "@openap/core"
import { Effect, Option, Redacted } from "effect"
import { SmtpMailer } from "../src/index.js"
import { type SmtpTestServer, startSmtpTestServer } from "./email/SmtpTestServer.js"

const message: Mailer.EmailMessage = {
  key: "absence-alert:lesson-1:school-a",
  to: [
    { name: "Sam Coordinator", address: "coordinator@school-a.example" },
    { name: "Dee Lead", address: "dsl@school-a.example" }
  ],
  subject: "Unexplained absence today",
  text: "A learner was not at their lesson today.\nProcess it: https://openap.example/registers/1",
  html: "<p>A learner was not at their lesson today.</p>"
}

const options = (port: number, credentials?: { user: string; pass: string }): SmtpMailer.SmtpOptions => ({
  host: "127.0.0.1",
  port,
  secure: false,
  requireTls: false,
  user: credentials ? Option.some(credentials.user) : Option.none(),
  password: credentials ? Option.some(Redacted.make(credentials.pass)) : Option.none(),
  from: "Coventry AP <no-reply@ap.example>",
  messageIdDomain: "ap.example"
})

const withServer = <A, E>(
  serverOptions: Parameters<typeof startSmtpTestServer>[0],
  use: (server: SmtpTestServer) => Effect.Effect<A, E>
) =>
  Effect.acquireUseRelease(
    Effect.promise(() => startSmtpTestServer(serverOptions)),
    use,
    (server) => Effect.promise(() => server.close())
  )

const send = (opts: SmtpMailer.SmtpOptions, m: Mailer.EmailMessage) =>
  Effect.scoped(Effect.flatMap(SmtpMailer.make(opts), (mailer) => mailer.send(m)))

describe("SMTP mailer against a real SMTP server on loopback", () => {
  it.effect("delivers the message with its recipients, sender, subject and both bodies", () =>
    withServer({}, (server) =>
      Effect.gen(function* () {
        yield* send(options(server.port), message)
        expect(server.received).toHaveLength(1)
        const got = server.received[0]!
        expect(got.from).toBe("no-reply@ap.example")
        expect(got.to).toEqual(["coordinator@school-a.example", "dsl@school-a.example"])
        expect(got.headers.get("to")).toBe(
          "Sam Coordinator <coordinator@school-a.example>, Dee Lead <dsl@school-a.example>"
        )
        expect(got.headers.get("from")).toBe("Coventry AP <no-reply@ap.example>")
        expect(got.headers.get("subject")).toBe("Unexplained absence today")
        expect(got.headers.get("content-type")).toMatch(/^multipart\/alternative/)
        expect(got.body).toContain("Process it: https://openap.example/registers/1")
        expect(got.body).toContain("<p>A learner was not at their lesson today.</p>")
      })
    )
  )

  it.effect("derives the Message-ID from the idempotency key, the same on every attempt", () =>
    withServer({}, (server) =>
      Effect.gen(function* () {
        yield* send(options(server.port), message)
        yield* send(options(server.port), message)
        yield* send(options(server.port), { ...message, key: "absence-alert:lesson-2:school-a" })
        const ids = server.received.map((r) => r.headers.get("message-id"))
        expect(ids[0]).toBe(SmtpMailer.messageIdFor(message.key, "ap.example"))
        expect(ids[0]).toMatch(/^<[0-9a-f]{40}@ap\.example>$/)
        expect(ids[1]).toBe(ids[0])
        expect(ids[2]).not.toBe(ids[0])
        expect(server.received[0]!.headers.get("x-openap-message-key")).toBe(message.key)
      })
    )
  )

  it.effect("authenticates with the configured credentials", () =>
    withServer({ credentials: { user: "openap", pass: "s3cret-pass" } }, (server) =>
      Effect.gen(function* () {
        yield* send(options(server.port, { user: "openap", pass: "s3cret-pass" }), message)
        expect(server.received.map((r) => r.user)).toEqual(["openap"])
        const refused = yield* Effect.flip(
          send(options(server.port, { user: "openap", pass: "wrong" }), message)
        )
        expect(refused._tag).toBe("MailNotSent")
        expect(server.received).toHaveLength(1)
      })
    )
  )

  it.effect("reports a refusal by the server as not sent, permanent for a 5xx answer", () =>
    withServer(
      {
        beforeAccept: () => {
          throw Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 })
        }
      },
      (server) =>
        Effect.gen(function* () {
          const error = yield* Effect.flip(send(options(server.port), message))
          expect(error).toMatchObject({ _tag: "MailNotSent", permanent: true })
        })
    )
  )

  it.effect("reports an unreachable server as not sent and worth retrying", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => startSmtpTestServer())
      yield* Effect.promise(() => server.close())
      const error = yield* Effect.flip(send(options(server.port), message))
      expect(error).toMatchObject({ _tag: "MailNotSent", permanent: false })
    })
  )

  it.effect("reads host, port, TLS and credentials from config, the password redacted", () =>
    Effect.gen(function* () {
      const { ConfigProvider } = yield* Effect.promise(() => import("effect"))
      const provider = ConfigProvider.fromMap(
        new Map([
          ["SMTP_HOST", "smtp.example"],
          ["SMTP_PORT", "465"],
          ["SMTP_SECURE", "true"],
          ["SMTP_USER", "openap"],
          ["SMTP_PASSWORD", "hunter2-long"],
          ["MAIL_FROM", "AP <no-reply@council.example>"]
        ])
      )
      const read = yield* Effect.withConfigProvider(SmtpMailer.config, provider)
      expect(read.host).toBe("smtp.example")
      expect(read.port).toBe(465)
      expect(read.secure).toBe(true)
      expect(read.requireTls).toBe(true)
      expect(read.user).toEqual(Option.some("openap"))
      expect(Option.map(read.password, Redacted.value)).toEqual(Option.some("hunter2-long"))
      expect(String(read.password)).not.toContain("hunter2")
      expect(read.messageIdDomain).toBe("council.example")
    })
  )
})
