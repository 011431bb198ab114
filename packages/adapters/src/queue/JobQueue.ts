import { Context, Data, Effect, Layer, Redacted, Runtime, type Scope } from "effect"
import PgBoss from "pg-boss"
import { EmbeddedDatabase } from "../pglite/EmbeddedDatabase.js"
import { Backend } from "../Store.js"

export class JobQueueError extends Data.TaggedError("JobQueueError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** Where the queue's tables live: a real PostgreSQL, or the embedded one through its single lock. */
export type Connection =
  | { readonly _tag: "Postgres"; readonly connectionString: string; readonly maxConnections?: number }
  | {
      readonly _tag: "Embedded"
      readonly executeSql: (
        text: string,
        values?: ReadonlyArray<unknown>
      ) => Promise<{ rows: Array<unknown> }>
    }

export interface QueueOptions {
  /** The database schema for pg-boss's tables (tests use a fresh one per run). */
  readonly schema: string
  /** How long `stop` waits for jobs in flight before handing them back to the queue. */
  readonly stopTimeoutMs: number
  /** How often an idle worker asks for new jobs. */
  readonly pollingIntervalSeconds: number
}

export const defaultOptions: QueueOptions = {
  schema: "pgboss",
  stopTimeoutMs: 30_000,
  pollingIntervalSeconds: 2
}

/**
 * pg-boss, started, and stopped gracefully when the scope closes: it stops fetching, waits for the
 * jobs in flight (up to `stopTimeoutMs`) and fails back to the queue whatever did not finish, so
 * the job runs again elsewhere. Many workers may share one database: pg-boss fetches with SKIP
 * LOCKED, and its schedules fire once per minute across all of them.
 */
export const make = (
  connection: Connection,
  options: Partial<QueueOptions> = {}
): Effect.Effect<PgBoss, JobQueueError, Scope.Scope> =>
  Effect.gen(function* () {
    const settings = { ...defaultOptions, ...options }
    const runtime = yield* Effect.runtime<never>()
    const logError = (error: unknown) =>
      Runtime.runFork(runtime)(
        Effect.logError("job queue error", error instanceof Error ? error.message : error)
      )
    return yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: async () => {
          const boss = new PgBoss({
            schema: settings.schema,
            ...(connection._tag === "Postgres"
              ? { connectionString: connection.connectionString, max: connection.maxConnections ?? 4 }
              : {
                  db: {
                    executeSql: (text: string, values: Array<unknown>) =>
                      connection.executeSql(text, values ?? [])
                  }
                }),
            // The embedded database is one session shared with the web app: keep pg-boss's own
            // bookkeeping queries rare there.
            ...(connection._tag === "Embedded" ? { monitorStateIntervalSeconds: 600 } : {})
          })
          boss.on("error", logError)
          await boss.start()
          return boss
        },
        catch: (cause) => new JobQueueError({ message: "The job queue could not start", cause })
      }),
      (boss) =>
        Effect.promise(() => boss.stop({ graceful: true, wait: true, timeout: settings.stopTimeoutMs })).pipe(
          Effect.catchAllDefect((defect) => Effect.logError("job queue did not stop cleanly", defect))
        )
    )
  })

/** The running queue, for the worker's jobs. */
export class JobQueue extends Context.Tag("openap/JobQueue")<JobQueue, PgBoss>() {}

/** The queue on the embedded database, sharing its lock. */
export const layerEmbedded = (
  options: Partial<QueueOptions> = {}
): Layer.Layer<JobQueue, JobQueueError, EmbeddedDatabase> =>
  Layer.scoped(
    JobQueue,
    Effect.flatMap(EmbeddedDatabase, (db) => make({ _tag: "Embedded", executeSql: db.executeSql }, options))
  )

/** The queue on a real PostgreSQL. */
export const layerPostgres = (
  connectionString: string,
  options: Partial<QueueOptions> = {}
): Layer.Layer<JobQueue, JobQueueError> =>
  Layer.scoped(JobQueue, make({ _tag: "Postgres", connectionString }, options))

/**
 * The queue on whatever database the store runs on: its own connections to a real PostgreSQL, or
 * the embedded database's single lock. An in-memory store has no queue.
 */
export const layer = (options: Partial<QueueOptions> = {}): Layer.Layer<JobQueue, JobQueueError, Backend> =>
  Layer.scoped(
    JobQueue,
    Effect.flatMap(Backend, (backend) => {
      switch (backend._tag) {
        case "Postgres":
          return make({ _tag: "Postgres", connectionString: Redacted.value(backend.url) }, options)
        case "Embedded":
          return make({ _tag: "Embedded", executeSql: backend.database.executeSql }, options)
        case "Memory":
          return Effect.fail(
            new JobQueueError({ message: "The job queue needs a database; this store is in memory" })
          )
      }
    })
  )
