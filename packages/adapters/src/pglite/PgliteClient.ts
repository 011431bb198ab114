import * as Reactivity from "@effect/experimental/Reactivity"
import * as SqlClient from "@effect/sql/SqlClient"
import type { Connection } from "@effect/sql/SqlConnection"
import { SqlError } from "@effect/sql/SqlError"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Layer, Stream } from "effect"
import { EmbeddedDatabase, runStatement } from "./EmbeddedDatabase.js"

/**
 * An @effect/sql SqlClient over PGlite. No Effect driver for PGlite exists for Effect 3, and
 * PGlite speaks PostgreSQL, so this reuses @effect/sql-pg's compiler and adds the one thing PGlite
 * needs: the single lock. A statement outside a transaction takes the lock for itself; a
 * transaction takes it once for its whole life, and its statements run under it.
 */
export const make = Effect.gen(function* () {
  const db = yield* EmbeddedDatabase
  const compiler = PgClient.makeCompiler()

  const run = (sql: string, params: ReadonlyArray<unknown>, rowMode: "object" | "array" = "object") =>
    Effect.tryPromise({
      try: () => runStatement(db.pglite, sql, params, rowMode),
      catch: (cause) => new SqlError({ cause, message: "Failed to execute statement" })
    })

  const connection = (locked: boolean): Connection => {
    const rows = (sql: string, params: ReadonlyArray<unknown>) => {
      const effect = Effect.map(run(sql, params), (r) => r.rows)
      return locked ? db.withLockEffect(effect) : effect
    }
    const execute = (
      sql: string,
      params: ReadonlyArray<unknown>,
      transformRows: (<A extends object>(row: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined
    ) => (transformRows ? Effect.map(rows(sql, params), transformRows) : rows(sql, params))
    return {
      execute,
      executeRaw: (sql, params) => (locked ? db.withLockEffect(run(sql, params)) : run(sql, params)),
      executeStream: (sql, params, transformRows) =>
        Stream.fromIterableEffect(execute(sql, params, transformRows)),
      executeValues: (sql, params) => {
        const effect = Effect.map(
          run(sql, params, "array"),
          (r) => r.rows as unknown as Array<Array<unknown>>
        )
        return locked ? db.withLockEffect(effect) : effect
      },
      executeUnprepared: execute
    }
  }

  const outside = connection(true)
  const inside = connection(false)
  return yield* SqlClient.make({
    acquirer: Effect.succeed(outside),
    transactionAcquirer: Effect.as(db.lockScoped, inside),
    compiler,
    spanAttributes: [["db.system.name", "postgresql"]]
  })
})

/** The SqlClient for an EmbeddedDatabase. */
export const layer: Layer.Layer<SqlClient.SqlClient, never, EmbeddedDatabase> = Layer.effect(
  SqlClient.SqlClient,
  make
).pipe(Layer.provide(Reactivity.layer))
