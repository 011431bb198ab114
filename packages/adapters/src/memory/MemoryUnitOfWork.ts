import { UnitOfWork } from "@openap/core"
import { Effect, Exit, Layer, Ref } from "effect"
import { MemoryState } from "./MemoryState.js"

/**
 * Snapshot and restore: the state before the effect is put back if it fails (or dies, or is
 * interrupted). Meant for use-case tests, which run one use case at a time: a write made by another
 * fiber during a failing transaction would be undone with it.
 */
export const make = Effect.map(MemoryState, (state) =>
  UnitOfWork.UnitOfWork.of({
    transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(Ref.get(state), (before) =>
          restore(effect).pipe(
            Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : Ref.set(state, before)))
          )
        )
      )
  })
)

export const layer = Layer.effect(UnitOfWork.UnitOfWork, make)
