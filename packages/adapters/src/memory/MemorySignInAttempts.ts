import { Accounts } from "@openap/core"
import { DateTime, Effect, HashMap, Layer, Option, Ref } from "effect"

/** Attempts are recorded outside any transaction (a refused sign-in must still count), so a Ref of their own. */
export const make = Effect.map(Ref.make(HashMap.empty<string, ReadonlyArray<DateTime.Utc>>()), (state) =>
  Accounts.SignInThrottle.SignInAttempts.of({
    recordFailure: (keys, at) =>
      Ref.update(state, (map) =>
        keys.reduce(
          (m, key) => HashMap.set(m, key, [...Option.getOrElse(HashMap.get(m, key), () => []), at]),
          map
        )
      ),
    failuresSince: (key, since) =>
      Effect.map(Ref.get(state), (map) =>
        Option.getOrElse(HashMap.get(map, key), () => [] as ReadonlyArray<DateTime.Utc>)
          .filter((at) => DateTime.greaterThanOrEqualTo(at, since))
          .toSorted(DateTime.Order)
      ),
    clear: (key) => Ref.update(state, (map) => HashMap.remove(map, key))
  })
)

export const layer = Layer.effect(Accounts.SignInThrottle.SignInAttempts, make)
