import { SqlClient } from "@effect/sql"
import { Accounts } from "@openap/core"
import { DateTime, Duration, Effect, Layer } from "effect"
import { sha256 } from "../Hash.js"
import { instant, instantParam } from "./Values.js"

/** Failures older than this can no longer count towards any limit; they are removed as new ones arrive. */
const retention = Duration.days(1)

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return Accounts.SignInThrottle.SignInAttempts.of({
    recordFailure: (keys, at) =>
      Effect.gen(function* () {
        yield* sql`delete from sign_in_failures
          where failed_at < ${instantParam(DateTime.subtractDuration(at, retention))}`
        for (const key of keys) {
          yield* sql`insert into sign_in_failures (key_hash, failed_at) values (${sha256(key)}, ${instantParam(at)})`
        }
      }).pipe(Effect.orDie),
    failuresSince: (key, since) =>
      sql<{ failed_at: Date }>`select failed_at from sign_in_failures
        where key_hash = ${sha256(key)} and failed_at >= ${instantParam(since)}
        order by failed_at`.pipe(
        Effect.map((rows) => rows.map((r) => instant(r.failed_at))),
        Effect.orDie
      ),
    clear: (key) =>
      sql`delete from sign_in_failures where key_hash = ${sha256(key)}`.pipe(Effect.asVoid, Effect.orDie)
  })
})

export const layer = Layer.effect(Accounts.SignInThrottle.SignInAttempts, make)
