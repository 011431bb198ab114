import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { UnitOfWork } from "@openap/core"
import { Effect, Layer } from "effect"

/**
 * A transaction on the shared SqlClient: every repository statement run inside it uses the same
 * connection (on PGlite, while holding the single lock), and nested calls become savepoints.
 * A database failure inside is a defect: no use case can act on it.
 */
export const make = Effect.map(SqlClient.SqlClient, (sql) =>
  UnitOfWork.UnitOfWork.of({
    transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      sql
        .withTransaction(effect)
        .pipe(
          Effect.catchAll((error) =>
            error instanceof SqlError ? Effect.die(error) : Effect.fail(error as E)
          )
        )
  })
)

export const layer = Layer.effect(UnitOfWork.UnitOfWork, make)
