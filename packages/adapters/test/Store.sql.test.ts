import { SqlClient } from "@effect/sql"
import { describe, expect, layer, type Vitest } from "@effect/vitest"
import { DataScope, RegisterRepository } from "@openap/core"
import { Deferred, Effect, Either, Fiber, Option } from "effect"
import * as Store from "../src/Store.js"
import { postgresServer } from "./contract/Databases.js"
import { nowInstant, world } from "./contract/World.js"

type Services = Store.Services

/** The audit table itself refuses to be rewritten, whatever code or console session asks. */
const auditTrigger = (it: Vitest.MethodsNonLive<Services>) => {
  it.effect("the audit_log table refuses UPDATE, DELETE and TRUNCATE", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`insert into audit_log (at, actor_type, actor_name, action, subject_type, subject_id)
        values (now(), 'system', 'test', 'checked', 'test', 'trigger')`
      for (const statement of [
        sql`update audit_log set action = 'rewritten' where subject_id = 'trigger'`,
        sql`delete from audit_log where subject_id = 'trigger'`,
        sql`truncate audit_log`
      ]) {
        const result = yield* Effect.either(statement)
        expect(Either.isLeft(result) && String(result.left.cause)).toContain("append-only")
      }
      const rows = yield* sql<{ action: string }>`select action from audit_log where subject_id = 'trigger'`
      expect(rows).toEqual([{ action: "checked" }])
    })
  )
}

/** Many people pressing Save on one register at once, all based on the same version: one wins. */
const racingSaves = (it: Vitest.MethodsNonLive<Services>) => {
  it.effect(
    "concurrent saves of one register from the same version: exactly one wins, none is lost silently",
    () =>
      Effect.gen(function* () {
        const w = yield* world
        const registers = yield* RegisterRepository.RegisterRepository
        const codes = ["present", "late", "dismissed_other", "not_required"] as const
        const results = yield* Effect.forEach(
          codes,
          (code) =>
            Effect.either(
              registers.save(
                DataScope.all,
                w.lessonA.id,
                [{ learnerId: w.ava.id, code, contribution: 0 }],
                0,
                w.tutorA.id,
                nowInstant
              )
            ),
          { concurrency: "unbounded" }
        )
        const won = results.flatMap((r, i) => (Either.isRight(r) ? [codes[i]] : []))
        expect(won.length).toBe(1)
        expect(results.filter(Either.isLeft).map((r) => r.left._tag)).toEqual([
          "StaleRegister",
          "StaleRegister",
          "StaleRegister"
        ])
        const loaded = Option.getOrThrow(yield* registers.load(DataScope.all, w.lessonA.id))
        expect([loaded.version, loaded.learners.find((l) => l.learnerId === w.ava.id)?.mark?.code]).toEqual([
          1,
          won[0]
        ])
        expect((yield* registers.history(DataScope.all, w.lessonA.id)).length).toBe(1)
      })
  )
}

describe("embedded PGlite store, SQL", () => {
  layer(Store.layerEmbeddedInMemory, { timeout: "120 seconds" })((it) => {
    auditTrigger(it)
    racingSaves(it)

    it.effect(
      "a statement from outside (the job queue's) waits for an open transaction instead of joining it",
      () =>
        Effect.gen(function* () {
          const backend = yield* Store.Backend
          if (backend._tag !== "Embedded") return yield* Effect.dieMessage("expected the embedded store")
          const sql = yield* SqlClient.SqlClient
          const inside = yield* Deferred.make<void>()
          const finish = yield* Deferred.make<void>()
          const transaction = yield* sql
            .withTransaction(
              Effect.gen(function* () {
                yield* sql`insert into organisations (id, kind, name)
                values ('22222222-2222-4222-8222-222222222222', 'school', 'Held open')`
                yield* Deferred.succeed(inside, undefined)
                yield* Deferred.await(finish)
                return yield* Effect.fail("roll back" as const)
              })
            )
            .pipe(Effect.either, Effect.fork)
          yield* Deferred.await(inside)
          let seen: unknown
          const outside = backend.database
            .executeSql("select count(*)::int as n from organisations where name = $1", ["Held open"])
            .then((result) => {
              seen = result.rows[0]?.n
            })
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 200)))
          expect(seen).toBeUndefined()
          yield* Deferred.succeed(finish, undefined)
          expect(yield* Fiber.join(transaction)).toEqual(Either.left("roll back"))
          yield* Effect.promise(() => outside)
          // Had it run inside the open transaction it would have counted the row that was rolled back.
          expect(seen).toBe(0)
        })
    )
  })
})

if (Option.isSome(postgresServer)) {
  const server = postgresServer.value
  describe("PostgreSQL store, SQL", () => {
    layer(Store.layerPostgresFresh(server, 6), { timeout: "60 seconds" })((it) => {
      auditTrigger(it)
      racingSaves(it)

      it.effect(
        "a save waits for another session's open save of the same register, then is refused as stale",
        () =>
          Effect.gen(function* () {
            const w = yield* world
            const sql = yield* SqlClient.SqlClient
            const registers = yield* RegisterRepository.RegisterRepository
            const firstSaved = yield* Deferred.make<void>()
            const commitFirst = yield* Deferred.make<void>()
            const save = (code: "present" | "late") =>
              registers.save(
                DataScope.all,
                w.lessonA.id,
                [{ learnerId: w.ava.id, code, contribution: 0 }],
                0,
                w.tutorA.id,
                nowInstant
              )
            // Session one saves inside a transaction it keeps open until told to commit.
            const first = yield* sql
              .withTransaction(
                Effect.gen(function* () {
                  const version = yield* save("present")
                  yield* Deferred.succeed(firstSaved, undefined)
                  yield* Deferred.await(commitFirst)
                  return version
                })
              )
              .pipe(Effect.fork)
            yield* Deferred.await(firstSaved)
            // Session two starts from the same version while session one has not committed.
            const second = yield* Effect.either(save("late")).pipe(Effect.fork)
            yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 300)))
            expect(Option.isNone(yield* Fiber.poll(second))).toBe(true)
            yield* Deferred.succeed(commitFirst, undefined)
            expect(yield* Fiber.join(first)).toBe(1)
            const outcome = yield* Fiber.join(second)
            expect(Either.isLeft(outcome) && outcome.left).toEqual(
              new RegisterRepository.StaleRegister({
                lessonId: w.lessonA.id,
                expectedVersion: 0,
                currentVersion: 1
              })
            )
            const loaded = Option.getOrThrow(yield* registers.load(DataScope.all, w.lessonA.id))
            expect([loaded.version, loaded.learners[0]?.mark?.code]).toEqual([1, "present"])
          })
      )
    })
  })
}
