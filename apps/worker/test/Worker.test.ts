import { describe, expect, it } from "@effect/vitest"
import { FileStorageMemory, JobQueue, MemoryMailer } from "@openap/adapters"
import { Notifications, Transfers } from "@openap/core"
import { Duration, Effect, Layer } from "effect"
import { Temporal } from "temporal-polyfill"
import * as EtaRenderer from "../src/EtaRenderer.js"
import * as Jobs from "../src/Jobs.js"
import * as Links from "../src/Links.js"
import * as Worker from "../src/Worker.js"
import type { WorkerSettings } from "../src/WorkerConfig.js"
import { addresses, lesson, seed } from "./Fixtures.js"
import { clockAt, databaseStores } from "./Stores.js"

const settings: WorkerSettings = {
  publicBaseUrl: "https://ap.example.gov.uk/",
  delivery: Notifications.DeliverOutbox.defaultSettings,
  pollEvery: Duration.millis(200),
  digest: Notifications.DailyDigest.defaultSettings,
  reminders: Notifications.RegisterReminders.defaultSettings,
  transfers: Transfers.TransferSettings.defaults,
  jobPollingSeconds: 0.5
}

const eventually = <A, E, R>(check: Effect.Effect<A | undefined, E, R>) =>
  Effect.gen(function* () {
    for (let i = 0; i < 100; i++) {
      const found = yield* check
      if (found !== undefined) return found
      yield* Effect.sleep("100 millis")
    }
    throw new Error("nothing happened within 10 seconds")
  })

describe.each(databaseStores)("the worker on $name", (store) => {
  it.live(
    "a reminder job from pg-boss enqueues the reminder and the delivery loop emails it with a link",
    () =>
      Effect.gen(function* () {
        yield* seed
        const lessonId = yield* lesson(Temporal.PlainDate.from("2025-10-06"), "09:30", "12:00")
        const mailbox = yield* MemoryMailer.MemoryMailbox
        yield* Effect.scoped(
          Effect.gen(function* () {
            yield* Worker.run(settings)
            const boss = yield* JobQueue.JobQueue
            // what pg-boss's minute schedule does, without waiting for the minute
            yield* Effect.promise(() => boss.send(Jobs.names.registerReminders, {}))
            const email = yield* eventually(
              Effect.map(mailbox.sent, (sent) =>
                sent.find((m) => m.key === Notifications.RegisterReminders.keyOf(lessonId))
              )
            )
            expect(email.to).toEqual([{ address: addresses.providerCoordinator }])
            expect(email.subject).toBe("Register not complete: Motor vehicle skills, 6 October")
            expect(email.text).toContain("Monday 6 October 2025, 9:30am to 12pm")
            expect(email.text).toContain(`https://ap.example.gov.uk/registers/${lessonId}`)
          })
        )
        // one reminder for the register, however many rounds the delivery loop ran
        expect((yield* mailbox.sent).length).toBe(1)
      }).pipe(
        // Monday 6 October 2025, 12:45 in London: the 9:30-12:00 lesson ended 45 minutes ago
        Effect.withClock(clockAt("2025-10-06T11:45:00Z")),
        Effect.provide(
          Layer.mergeAll(
            JobQueue.layer({ pollingIntervalSeconds: 0.5, stopTimeoutMs: 2000 }),
            MemoryMailer.layer,
            FileStorageMemory.layer,
            EtaRenderer.layer(Links.make(settings.publicBaseUrl))
          ).pipe(Layer.provideMerge(store.layer as never))
        )
      ) as Effect.Effect<void>,
    60_000
  )
})
