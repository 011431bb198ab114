import { Context, Effect, type Schema } from "effect"

/** Makes the UUIDs that key every record. A port, so that core never draws randomness itself. */
export class IdGenerator extends Context.Tag("openap/IdGenerator")<
  IdGenerator,
  { readonly next: Effect.Effect<string> }
>() {}

/** A fresh id of a branded id schema: `yield* IdGenerator.newId(LearnerId)`. */
export const newId = <S extends Schema.Schema<unknown, string>>(
  _schema: S
): Effect.Effect<Schema.Schema.Type<S>, never, IdGenerator> =>
  Effect.map(IdGenerator, (_) => _.next).pipe(
    Effect.flatten,
    Effect.map((id) => id as Schema.Schema.Type<S>)
  )
