import { mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import { Cause, Context, Data, Effect, Exit, Layer, type Scope } from "effect"
import * as lockfile from "proper-lockfile"

/** Another process holds the data directory: two PGlite instances on one directory corrupt it. */
export class DataDirInUse extends Data.TaggedError("DataDirInUse")<{
  readonly dataDir: string
  readonly cause?: unknown
}> {
  override get message() {
    return (
      `Another OpenAP process is already using the data directory ${this.dataDir}. ` +
      "Stop that process first, or set DATA_DIR to a different directory."
    )
  }
}

export class EmbeddedDatabaseError extends Data.TaggedError("EmbeddedDatabaseError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** The result shape pg-boss (and anything else written for node-postgres) expects. */
export interface QueryResult {
  readonly rows: Array<Record<string, unknown>>
  readonly rowCount: number
}

/**
 * The embedded PostgreSQL (PGlite): one in-process database session. A transaction is a property
 * of the session, so EVERY statement and every whole transaction must hold `lock`; otherwise a
 * statement from elsewhere would land inside someone else's transaction. The SqlClient takes it
 * for you; anything else that talks to PGlite (the job queue) must go through `withLock` or
 * `executeSql`, and must never be called from inside a transaction (it would wait for itself).
 */
export class EmbeddedDatabase extends Context.Tag("openap/EmbeddedDatabase")<
  EmbeddedDatabase,
  {
    readonly pglite: PGlite
    /** Where the data lives; undefined for an in-memory database. */
    readonly dataDir: string | undefined
    /** Runs `f` while holding the single lock (for Effect code). */
    readonly withLockEffect: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
    /** Holds the lock until the surrounding scope closes (a whole transaction). */
    readonly lockScoped: Effect.Effect<void, never, Scope.Scope>
    /** Runs `f` while holding the single lock (for Promise code). */
    readonly withLock: <A>(f: () => Promise<A>) => Promise<A>
    /**
     * One statement with parameters, or a parameterless script of several, under the lock:
     * the `executeSql` that pg-boss's `db` option asks for.
     */
    readonly executeSql: (text: string, values?: ReadonlyArray<unknown>) => Promise<QueryResult>
  }
>() {}

/** Dates stay ISO text ("2025-09-01") so they become Temporal.PlainDate, never a shifted JS Date. */
const parsers = { 1082: (value: string) => value }

const runStatement = async (
  pglite: PGlite,
  text: string,
  values: ReadonlyArray<unknown>,
  rowMode: "object" | "array" = "object"
): Promise<QueryResult> => {
  if (values.length === 0) {
    const results = await pglite.exec(text, { rowMode })
    const last = results[results.length - 1]
    const rows = (last?.rows ?? []) as Array<Record<string, unknown>>
    return { rows, rowCount: last?.affectedRows ?? rows.length }
  }
  const result = await pglite.query<Record<string, unknown>>(text, [...values], { rowMode })
  return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length }
}

const openPglite = (dataDir: string | undefined) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        const pglite = new PGlite(dataDir === undefined ? { parsers } : { dataDir, parsers })
        await pglite.waitReady
        return pglite
      },
      catch: (cause) =>
        new EmbeddedDatabaseError({
          message: `Could not open the embedded database${dataDir ? ` in ${dataDir}` : ""}`,
          cause
        })
    }),
    (pglite) => Effect.promise(() => pglite.close()).pipe(Effect.ignore)
  )

/**
 * Claims the data directory for this process. proper-lockfile keeps the lock fresh while we run,
 * so a lock left by a process that crashed goes stale and the next start may take it.
 */
const lockDataDir = (root: string) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => {
        mkdirSync(root, { recursive: true })
        return lockfile.lock(root, {
          lockfilePath: join(root, "openap.lock"),
          realpath: false,
          stale: 15_000,
          update: 5_000,
          retries: 0,
          onCompromised: (error) => {
            // Losing the lock means another process may open the same files: stop, do not corrupt.
            console.error(`OpenAP lost its lock on ${root}: ${error.message}. Stopping.`)
            process.exit(70)
          }
        })
      },
      catch: (cause) =>
        (cause as { code?: string }).code === "ELOCKED"
          ? new DataDirInUse({ dataDir: root, cause })
          : new EmbeddedDatabaseError({ message: `Could not lock the data directory ${root}`, cause })
    }),
    (release) => Effect.promise(() => release()).pipe(Effect.ignore)
  )

const make = (root: string | undefined) =>
  Effect.gen(function* () {
    let pgDir: string | undefined
    if (root !== undefined) {
      const absolute = resolve(root)
      yield* lockDataDir(absolute)
      pgDir = join(absolute, "pg")
    }
    const pglite = yield* openPglite(pgDir)
    const semaphore = yield* Effect.makeSemaphore(1)
    const withLockEffect = <A, E, R>(effect: Effect.Effect<A, E, R>) => semaphore.withPermits(1)(effect)
    const withLock = async <A>(f: () => Promise<A>): Promise<A> => {
      const exit = await Effect.runPromiseExit(withLockEffect(Effect.tryPromise({ try: f, catch: (e) => e })))
      if (Exit.isSuccess(exit)) return exit.value
      throw Cause.squash(exit.cause)
    }
    return EmbeddedDatabase.of({
      pglite,
      dataDir: root === undefined ? undefined : resolve(root),
      withLockEffect,
      lockScoped: Effect.asVoid(Effect.acquireRelease(semaphore.take(1), () => semaphore.release(1))),
      withLock,
      executeSql: (text, values = []) => withLock(() => runStatement(pglite, text, values))
    })
  })

/** PGlite with its data under `root` (in `root`/pg, locked by `root`/openap.lock). */
export const layerDir = (root: string): Layer.Layer<EmbeddedDatabase, DataDirInUse | EmbeddedDatabaseError> =>
  Layer.scoped(EmbeddedDatabase, make(root))

/** PGlite in memory: nothing is kept. For tests. */
export const layerInMemory: Layer.Layer<EmbeddedDatabase, EmbeddedDatabaseError> = Layer.scoped(
  EmbeddedDatabase,
  make(undefined)
) as Layer.Layer<EmbeddedDatabase, EmbeddedDatabaseError>

export { runStatement }
