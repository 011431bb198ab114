import { describe, expect, layer, type Vitest } from "@effect/vitest"
import { Accounts } from "@openap/core"
import { DateTime, Effect, Layer, Option } from "effect"
import * as MemorySignInAttempts from "../src/memory/MemorySignInAttempts.js"
import * as Store from "../src/Store.js"
import * as SqlSignInAttempts from "../src/sql/SqlSignInAttempts.js"
import { postgresServer } from "./contract/Databases.js"

const at = (minute: number) => DateTime.unsafeMake(Date.UTC(2025, 9, 6, 9, minute))

/** One contract, three stores: what the sign-in throttle relies on. */
const contract = (it: Vitest.MethodsNonLive<Accounts.SignInThrottle.SignInAttempts>) => {
  it.effect("returns a key's failures since a time, oldest first, and no one else's", () =>
    Effect.gen(function* () {
      const attempts = yield* Accounts.SignInThrottle.SignInAttempts
      const key = `account:${Math.random()}`
      const other = `address:${Math.random()}`
      yield* attempts.recordFailure([key, other], at(3))
      yield* attempts.recordFailure([key], at(1))
      yield* attempts.recordFailure([key], at(7))
      const since2 = yield* attempts.failuresSince(key, at(2))
      expect(since2.map(DateTime.formatIso)).toEqual([at(3), at(7)].map(DateTime.formatIso))
      expect((yield* attempts.failuresSince(other, at(0))).length).toBe(1)
    })
  )

  it.effect("counts a failure at exactly `since`", () =>
    Effect.gen(function* () {
      const attempts = yield* Accounts.SignInThrottle.SignInAttempts
      const key = `account:${Math.random()}`
      yield* attempts.recordFailure([key], at(5))
      expect((yield* attempts.failuresSince(key, at(5))).length).toBe(1)
    })
  )

  it.effect("clears one key and leaves the others", () =>
    Effect.gen(function* () {
      const attempts = yield* Accounts.SignInThrottle.SignInAttempts
      const key = `account:${Math.random()}`
      const other = `address:${Math.random()}`
      yield* attempts.recordFailure([key, other], at(3))
      yield* attempts.clear(key)
      expect(yield* attempts.failuresSince(key, at(0))).toEqual([])
      expect((yield* attempts.failuresSince(other, at(0))).length).toBe(1)
    })
  )

  it.effect("locks an account after five failures, through the policy", () =>
    Effect.gen(function* () {
      const attempts = yield* Accounts.SignInThrottle.SignInAttempts
      const key = `account:${Math.random()}`
      for (const minute of [0, 1, 2, 3, 4]) yield* attempts.recordFailure([key], at(minute))
      const failures = yield* attempts.failuresSince(key, at(0))
      expect(
        Accounts.SignInThrottle.lockedUntil(failures, 5, at(5)).pipe(Option.map(DateTime.formatIso))
      ).toEqual(Option.some(DateTime.formatIso(at(15))))
    })
  )
}

describe("SignInAttempts in memory", () => {
  layer(MemorySignInAttempts.layer)((it) => {
    it.effect("starts empty", () =>
      Effect.gen(function* () {
        const attempts = yield* Accounts.SignInThrottle.SignInAttempts
        expect(yield* attempts.failuresSince("account:a@b.c", at(0))).toEqual([])
      })
    )
  })
  layer(MemorySignInAttempts.layer)((it) => contract(it))
})

describe("SignInAttempts on embedded PGlite", () => {
  layer(SqlSignInAttempts.layer.pipe(Layer.provideMerge(Store.layerEmbeddedInMemory)), { timeout: 60_000 })(
    (it) => contract(it)
  )
})

// Against a real server only when DATABASE_URL names one; set but unreachable, it fails.
if (Option.isSome(postgresServer)) {
  const server = postgresServer.value
  describe("SignInAttempts on PostgreSQL (DATABASE_URL)", () => {
    layer(SqlSignInAttempts.layer.pipe(Layer.provideMerge(Store.layerPostgresFresh(server))), {
      timeout: 60_000
    })((it) => contract(it))
  })
}
