import { randomUUID } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Layer, Runtime } from "effect"
import { JobQueue } from "../src/index.js"
import * as EmbeddedDatabase from "../src/pglite/EmbeddedDatabase.js"

/** A queue that works, and hands a job's data over exactly once. */
const roundTrip = Effect.gen(function* () {
  const boss = yield* JobQueue.JobQueue
  const runtime = yield* Effect.runtime<never>()
  const received = yield* Deferred.make<unknown>()
  const seen: Array<unknown> = []
  yield* Effect.promise(() => boss.createQueue("queue-test"))
  yield* Effect.promise(() =>
    boss.work<{ n: number }>("queue-test", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job?.data)
      await Runtime.runPromise(runtime)(Deferred.succeed(received, job?.data))
    })
  )
  const id = yield* Effect.promise(() => boss.send("queue-test", { n: 42 }))
  expect(id).toEqual(expect.any(String))
  expect(yield* Deferred.await(received)).toEqual({ n: 42 })
  // completion is written after the handler returns
  yield* Effect.promise(async () => {
    for (let i = 0; i < 50; i++) {
      const job = await boss.getJobById("queue-test", id!)
      if (job?.state === "completed") return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error("the job never completed")
  })
  expect(seen).toEqual([{ n: 42 }])
})

describe("job queue on the embedded database", () => {
  it.scopedLive("runs a job through pg-boss on PGlite, under the database's single lock", () =>
    Effect.gen(function* () {
      const db = yield* EmbeddedDatabase.EmbeddedDatabase
      yield* roundTrip
      // pg-boss's statements take the same lock as a transaction: while one is open, they wait.
      const boss = yield* JobQueue.JobQueue
      const order: Array<string> = []
      const send = yield* Effect.scoped(
        Effect.gen(function* () {
          yield* db.lockScoped
          const pending = Effect.runPromise(
            Effect.promise(() => boss.send("queue-test", { n: 1 })).pipe(Effect.tap(() => order.push("send")))
          )
          yield* Effect.sleep("200 millis")
          order.push("transaction ends")
          return pending
        })
      )
      yield* Effect.promise(() => send)
      expect(order).toEqual(["transaction ends", "send"])
    }).pipe(
      Effect.provide(
        JobQueue.layerEmbedded({ pollingIntervalSeconds: 0.5, stopTimeoutMs: 1000 }).pipe(
          Layer.provideMerge(EmbeddedDatabase.layerInMemory)
        )
      )
    )
  )
})

const databaseUrl = process.env.DATABASE_URL
describe.runIf(databaseUrl !== undefined)("job queue on real PostgreSQL", () => {
  it.scopedLive("runs a job through pg-boss, in a schema of its own", () =>
    roundTrip.pipe(
      Effect.provide(
        JobQueue.layerPostgres(databaseUrl!, {
          schema: `pgboss_test_${randomUUID().replaceAll("-", "")}`,
          pollingIntervalSeconds: 0.5,
          stopTimeoutMs: 1000
        })
      )
    )
  )
})
