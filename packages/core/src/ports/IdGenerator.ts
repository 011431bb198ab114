import { Context, Effect, type Schema } from "effect"

/** Makes the UUIDs that key every record. A port, so that core never draws randomness itself. */
export class IdGenerator extends Context.Tag("openap/IdGenerator")<
  IdGenerator,
  { readonly next: Effect.Effect<string> }
>() {}

/** A fresh id of a branded id schema: `yield* IdGenerator.newId(LearnerId)`. */
export const newId = <A extends string, I extends string>(
  _schema: Schema.Schema<A, I>
): Effect.Effect<A, never, IdGenerator> =>
  Effect.flatMap(IdGenerator, (_) => _.next).pipe(Effect.map((id) => id as A))
