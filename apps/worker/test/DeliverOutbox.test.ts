import { describe, expect, it } from "@effect/vitest"
import { MemoryMailer, SmtpMailer, Store } from "@openap/adapters"
import { type Ids, Mailer, Notifications, Outbox } from "@openap/core"
import { type Context, DateTime, Effect, Layer, Option, Redacted, Ref, type Scope } from "effect"
import * as EtaRenderer from "../src/EtaRenderer.js"
import * as Links from "../src/Links.js"
import { smtpOptions, startSmtpServer } from "./SmtpServer.js"
import { at } from "./Stores.js"

const renderer = EtaRenderer.layer(Links.make("https://ap.example.gov.uk"))

/** A plain message, as the account set-up email is written: already rendered. */
const enqueueRendered = (key: string, recipients: ReadonlyArray<string> = ["someone@school-a.example"]) =>
  Effect.gen(function* () {
    const now = yield* DateTime.now
    yield* (yield* Outbox.Outbox).enqueue({
      id: `00000000-0000-4000-b000-${key.replace(/\D/g, "").padStart(12, "0").slice(-12)}` as Ids.NotificationId,
      key,
      kind: "account-setup",
      recipients,
      subject: "Set your password",
      content: { _tag: "Rendered", text: `Message ${key}.\n\nUse the link.` },
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now
    })
  })

const statusOf = (key: string) =>
  Effect.flatMap(Outbox.Outbox, (o) => o.findByKey(key)).pipe(Effect.map(Option.getOrThrow))

const deliver = (when: string, settings = Notifications.DeliverOutbox.defaultSettings) =>
  at(when)(Notifications.DeliverOutbox.deliverDue(settings))

/** A mailer that fails as told, and counts what it was asked to send. */
const scriptedMailer = (outcome: () => Effect.Effect<void, Mailer.MailNotSent | Mailer.MailOutcomeUnknown>) =>
  Layer.effect(
    Mailer.Mailer,
    Effect.map(Ref.make(0), (calls) =>
      Mailer.Mailer.of({
        send: () =>
          Effect.zipRight(
            Ref.update(calls, (n) => n + 1),
            outcome()
          )
      })
    )
  )

describe("outbox delivery (in memory)", () => {
  it.effect("sends a due message once and marks it sent; the next round sends nothing", () =>
    Effect.gen(function* () {
      yield* at("2025-10-06T09:00:00Z")(enqueueRendered("m-1"))
      expect(yield* deliver("2025-10-06T09:00:05Z")).toEqual({
        sent: 1,
        retrying: 0,
        dead: 0,
        unconfirmed: 0
      })
      expect(yield* deliver("2025-10-06T09:10:00Z")).toEqual({
        sent: 0,
        retrying: 0,
        dead: 0,
        unconfirmed: 0
      })
      const sent = yield* (yield* MemoryMailer.MemoryMailbox).sent
      expect(sent.map((m) => m.key)).toEqual(["m-1"])
      expect(sent[0]?.html).toBe("<p>Message m-1.</p>\n<p>Use the link.</p>")
      const stored = yield* statusOf("m-1")
      expect(stored.status).toBe("sent")
      expect(stored.sentAt?.epochMillis).toBe(Date.parse("2025-10-06T09:00:05Z"))
    }).pipe(Effect.provide(Layer.mergeAll(Store.layerMemory, MemoryMailer.layer, renderer)))
  )

  it.effect("retries a message the mail server could not take, with back-off, then dead-letters it", () =>
    Effect.gen(function* () {
      yield* at("2025-10-06T09:00:00Z")(enqueueRendered("m-2"))
      const settings = { ...Notifications.DeliverOutbox.defaultSettings, maxAttempts: 3 }
      expect((yield* deliver("2025-10-06T09:00:00Z", settings)).retrying).toBe(1)
      const first = yield* statusOf("m-2")
      expect(first.status).toBe("pending")
      expect(first.lastError).toContain("connection refused")
      expect(first.nextAttemptAt.epochMillis).toBe(Date.parse("2025-10-06T09:00:30Z"))
      // not due yet: nothing happens
      expect((yield* deliver("2025-10-06T09:00:20Z", settings)).retrying).toBe(0)
      expect((yield* deliver("2025-10-06T09:00:30Z", settings)).retrying).toBe(1)
      expect((yield* statusOf("m-2")).nextAttemptAt.epochMillis).toBe(Date.parse("2025-10-06T09:01:30Z"))
      expect((yield* deliver("2025-10-06T09:01:30Z", settings)).dead).toBe(1)
      const dead = yield* statusOf("m-2")
      expect(dead.status).toBe("dead")
      expect(dead.lastError).toMatch(/^Gave up after 3 attempts/)
      const deadList = yield* (yield* Outbox.Outbox).list({ status: "dead", limit: 10 })
      expect(deadList.map((m) => m.key)).toEqual(["m-2"])
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Store.layerMemory,
          renderer,
          scriptedMailer(() =>
            Effect.fail(new Mailer.MailNotSent({ permanent: false, reason: "connection refused" }))
          )
        )
      )
    )
  )

  it.effect(
    "a permanent refusal, an unknown outcome and a message with no one to send to go straight to the dead-letter list",
    () =>
      Effect.gen(function* () {
        yield* at("2025-10-06T09:00:00Z")(enqueueRendered("m-3"))
        yield* at("2025-10-06T09:00:01Z")(enqueueRendered("m-4"))
        yield* at("2025-10-06T09:00:02Z")(enqueueRendered("m-5", []))
        expect(yield* deliver("2025-10-06T09:01:00Z")).toEqual({
          sent: 0,
          retrying: 0,
          dead: 2,
          unconfirmed: 1
        })
        expect((yield* statusOf("m-3")).lastError).toContain("refused it: 550")
        expect((yield* statusOf("m-4")).lastError).toMatch(/^Unconfirmed/)
        expect((yield* statusOf("m-5")).lastError).toBe(Notifications.DeliverOutbox.noRecipientsReason)
      }).pipe(
        Effect.provide(
          Layer.mergeAll(
            Store.layerMemory,
            renderer,
            Layer.effect(
              Mailer.Mailer,
              Effect.map(Ref.make(0), (n) =>
                Mailer.Mailer.of({
                  send: () =>
                    Effect.flatMap(
                      Ref.getAndUpdate(n, (x) => x + 1),
                      (i): Effect.Effect<void, Mailer.MailNotSent | Mailer.MailOutcomeUnknown> =>
                        i === 0
                          ? Effect.fail(
                              new Mailer.MailNotSent({ permanent: true, reason: "550 no such user" })
                            )
                          : Effect.fail(new Mailer.MailOutcomeUnknown({ reason: "socket closed" }))
                    )
                })
              )
            )
          )
        )
      )
  )

  it.effect("a CAP admin can send a dead-lettered message again; nobody else can", () =>
    Effect.gen(function* () {
      yield* at("2025-10-06T09:00:00Z")(enqueueRendered("m-6", []))
      yield* deliver("2025-10-06T09:00:00Z")
      const dead = yield* statusOf("m-6")
      const admin = {
        userId: "00000000-0000-4000-a000-000000000099",
        organisationId: "00000000-0000-4000-a000-000000000001",
        orgKind: "cap",
        roles: ["admin"]
      } as never
      const school = {
        userId: "00000000-0000-4000-a000-000000000098",
        organisationId: "00000000-0000-4000-a000-000000000002",
        orgKind: "school",
        roles: ["cap_coordinator", "dsl"]
      } as never
      expect((yield* Effect.flip(Notifications.sendAgain(school, dead.id)))._tag).toBe("OutboxNotPermitted")
      expect((yield* Effect.flip(Notifications.listOutbox(school, { limit: 10 })))._tag).toBe(
        "OutboxNotPermitted"
      )
      yield* at("2025-10-06T10:00:00Z")(Notifications.sendAgain(admin, dead.id))
      const again = yield* statusOf("m-6")
      expect(again.status).toBe("pending")
      expect(again.attemptedAt).toBeUndefined()
      expect(yield* Effect.flip(Notifications.sendAgain(admin, dead.id))).toMatchObject({
        _tag: "NotDeadLettered"
      })
      expect((yield* Notifications.listOutbox(admin, { limit: 10 })).map((m) => m.key)).toEqual(["m-6"])
    }).pipe(Effect.provide(Layer.mergeAll(Store.layerMemory, MemoryMailer.layer, renderer)))
  )
})

const databaseUrl = process.env.DATABASE_URL

type StoreContext = Context.Context<Store.Repositories>

/** Two workers' views of one database: PGlite has one session, PostgreSQL gets two pools. */
const twoWorkers: ReadonlyArray<{
  readonly name: string
  readonly contexts: Effect.Effect<readonly [StoreContext, StoreContext], unknown, Scope.Scope>
}> = [
  {
    name: "embedded PGlite (two workers in one process, one lock)",
    contexts: Effect.map(Layer.build(Store.layerEmbeddedInMemory), (ctx) => [ctx, ctx] as const)
  },
  ...(databaseUrl === undefined
    ? []
    : [
        {
          name: "PostgreSQL (two connection pools)",
          contexts: Effect.gen(function* () {
            const url = yield* Store.freshDatabase(Redacted.make(databaseUrl))
            const a = yield* Layer.build(Store.layerPostgres(url, 3))
            const b = yield* Layer.build(Store.layerPostgres(url, 3))
            return [a, b] as const
          })
        }
      ])
]

describe.each(twoWorkers)("outbox delivery on $name", ({ contexts }) => {
  it.live(
    "two workers at once deliver every message exactly once, to a real SMTP server",
    () =>
      Effect.gen(function* () {
        const server = yield* Effect.acquireRelease(
          Effect.promise(() => startSmtpServer()),
          (s) => Effect.promise(() => s.close())
        )
        const [a, b] = yield* contexts
        const keys = Array.from({ length: 30 }, (_, i) => `two-workers-${i + 1}`)
        yield* Effect.forEach(keys, (key) => enqueueRendered(key), { discard: true }).pipe(Effect.provide(a))
        const worker = (ctx: StoreContext) =>
          Effect.gen(function* () {
            const mailer = yield* SmtpMailer.make(smtpOptions(server.port))
            let sent = 0
            while (true) {
              const report = yield* Notifications.DeliverOutbox.deliverDue({
                ...Notifications.DeliverOutbox.defaultSettings,
                batchSize: 4
              }).pipe(Effect.provideService(Mailer.Mailer, mailer))
              if (report.sent + report.retrying + report.dead + report.unconfirmed === 0) return sent
              sent += report.sent
            }
          }).pipe(Effect.provide(ctx), Effect.provide(renderer))
        const [byA, byB] = yield* Effect.all([worker(a), worker(b)], { concurrency: 2 })
        expect(byA + byB).toBe(keys.length)
        const ids = server.received.map((m) => m.messageId)
        expect(ids).toHaveLength(keys.length)
        expect(new Set(ids).size).toBe(keys.length)
        expect(new Set(ids)).toEqual(new Set(keys.map((k) => SmtpMailer.messageIdFor(k, "ap.example"))))
        const outbox = yield* Effect.provide(Outbox.Outbox, a)
        const sentRows = yield* outbox.list({ status: "sent", limit: 100 })
        expect(sentRows.map((m) => m.key).sort()).toEqual([...keys].sort())
      }).pipe(Effect.scoped),
    60_000
  )
})
