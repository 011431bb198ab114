import { randomUUID } from "node:crypto"
import { IdGenerator } from "@openap/core"
import { Effect, Layer, Ref } from "effect"

/** Random (version 4) UUIDs from the platform's CSPRNG. */
export const layer = Layer.succeed(
  IdGenerator.IdGenerator,
  IdGenerator.IdGenerator.of({ next: Effect.sync(randomUUID) })
)

/**
 * Predictable UUIDs (…0001, …0002): tests can name the ids they expect. Each layer build counts
 * from one.
 */
export const layerSequential = Layer.effect(
  IdGenerator.IdGenerator,
  Effect.map(Ref.make(0), (counter) =>
    IdGenerator.IdGenerator.of({
      next: Ref.updateAndGet(counter, (n) => n + 1).pipe(
        Effect.map((n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`)
      )
    })
  )
)
