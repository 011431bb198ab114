import { Context, type Effect } from "effect"

/**
 * Runs an effect as one transaction: a change, its outbox message and its audit entry are all
 * written or none is. If the effect fails, everything it wrote through the repositories is undone.
 */
export class UnitOfWork extends Context.Tag("openap/UnitOfWork")<
  UnitOfWork,
  { readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R> }
>() {}
