import { Store } from "@openap/adapters"
import { Clock, Duration, Effect, type Layer, Redacted } from "effect"

/**
 * The stores every job test runs on: in memory, embedded PGlite, and real PostgreSQL when
 * DATABASE_URL is set (a fresh database per layer; unreachable means the tests fail).
 */
export interface StoreUnderTest {
  readonly name: string
  readonly layer: Layer.Layer<Store.Repositories, unknown>
  readonly database: boolean
}

const databaseUrl = process.env.DATABASE_URL

export const databaseStores: ReadonlyArray<StoreUnderTest> = [
  { name: "embedded PGlite", layer: Store.layerEmbeddedInMemory, database: true },
  ...(databaseUrl === undefined
    ? []
    : [{ name: "PostgreSQL", layer: Store.layerPostgresFresh(Redacted.make(databaseUrl)), database: true }])
]

export const allStores: ReadonlyArray<StoreUnderTest> = [
  { name: "memory", layer: Store.layerMemory, database: false },
  ...databaseStores
]

/**
 * A clock stopped at `iso`: "now" for the use cases, while sleeps (database drivers, retries)
 * still take real time. Tests move time by running the next step at a later instant.
 */
export const clockAt = (iso: string): Clock.Clock => {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`)
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => ms,
    unsafeCurrentTimeNanos: () => BigInt(ms) * 1_000_000n,
    currentTimeMillis: Effect.succeed(ms),
    currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
    sleep: (duration: Duration.Duration) =>
      Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, Duration.toMillis(duration))))
  }
}

/** Runs `effect` as if it were `iso` now. */
export const at =
  (iso: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.withClock(effect, clockAt(iso))
