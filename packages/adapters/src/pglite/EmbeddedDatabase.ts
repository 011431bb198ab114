import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import { join, resolve } from "node:path"
import { threadId } from "node:worker_threads"
import { PGlite } from "@electric-sql/pglite"
import { Cause, Context, Data, Effect, Exit, Layer, type Scope } from "effect"

/** Who holds a data directory, as written in `DATA_DIR/openap.lock`. */
export interface LockOwner {
  readonly pid: number
  readonly hostname: string
  /** ISO instant at which the lock was taken. */
  readonly startedAt: string
}

/** Another process holds the data directory: two PGlite instances on one directory corrupt it. */
export class DataDirInUse extends Data.TaggedError("DataDirInUse")<{
  readonly dataDir: string
  /** Undefined when the lock file could not be read (being written, or damaged). */
  readonly owner?: LockOwner | undefined
  readonly cause?: unknown
}> {
  override get message() {
    const lockFile = join(this.dataDir, "openap.lock")
    const owner = this.owner
    const who =
      owner === undefined
        ? ""
        : owner.hostname === hostname()
          ? ` (process ${owner.pid}, since ${owner.startedAt})`
          : ` (process ${owner.pid} on host ${owner.hostname}, since ${owner.startedAt})`
    // A pid on another machine, or an unreadable lock, cannot be checked from here: only a person can.
    const unsure =
      owner === undefined || owner.hostname !== hostname()
        ? ` Remove ${lockFile} only if you are sure no process uses the directory.`
        : ""
    return (
      `Another OpenAP process is already using the data directory ${this.dataDir}${who}. ` +
      `Stop that process first, or set DATA_DIR to a different directory.${unsure}`
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

// The lock is an ownership record, not a lease: it is valid exactly while its owner process lives.
// A lease that must be refreshed goes stale whenever the event loop is blocked (PGlite runs on the
// main thread), and a second process would then open the same files and corrupt them.

const lockFileIn = (root: string) => join(root, "openap.lock")

/** Creates the lock file only if none exists: the atomic step two starters cannot both win. */
const tryCreate = (path: string, content: string): boolean => {
  try {
    writeFileSync(path, content, { flag: "wx" })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false
    throw error
  }
}

type Read =
  | { readonly _tag: "Owner"; readonly owner: LockOwner }
  | { readonly _tag: "Gone" }
  | { readonly _tag: "Unreadable" }

const readOwner = (path: string): Read => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { _tag: "Gone" }
    throw error
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>
    if (
      typeof value.pid === "number" &&
      typeof value.hostname === "string" &&
      typeof value.startedAt === "string"
    ) {
      return {
        _tag: "Owner",
        owner: { pid: value.pid, hostname: value.hostname, startedAt: value.startedAt }
      }
    }
  } catch {
    // An empty file is one being written by a starter that has just won: treat it as held.
  }
  return { _tag: "Unreadable" }
}

/** When this process began, by the wall clock (the same clock `startedAt` is written with). */
const processStartedMs = () => Date.now() - process.uptime() * 1000

/**
 * True only when we can be sure the owner is gone: a pid on another host cannot be checked. Our
 * own pid in a lock written before this process began is a previous run (a restarted container
 * is pid 1 again); written since, it is this process's own open store.
 */
const isDead = (owner: LockOwner): boolean => {
  if (owner.hostname !== hostname()) return false
  if (owner.pid === process.pid) return Date.parse(owner.startedAt) < processStartedMs() - 1000
  try {
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    // EPERM means the process exists but belongs to another user: alive.
    return (error as NodeJS.ErrnoException).code === "ESRCH"
  }
}

const inUse = (root: string, read: Read) =>
  new DataDirInUse({ dataDir: root, owner: read._tag === "Owner" ? read.owner : undefined })

/**
 * Takes `root/openap.lock` for this process, taking over a lock whose owner has died. Returns the
 * content written, so release can tell whether the file is still ours.
 */
const claim = (root: string): string => {
  const path = lockFileIn(root)
  // Real wall time, not Effect's Clock: it is compared with the OS's process lifetime, and a
  // TestClock must not make this process's own lock look older than the process.
  const mine = JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() })
  if (tryCreate(path, mine)) return mine
  const found = readOwner(path)
  if (found._tag === "Gone") {
    // The owner let go between our two looks: one more try, and whoever wins owns it.
    if (tryCreate(path, mine)) return mine
    throw inUse(root, readOwner(path))
  }
  if (found._tag === "Unreadable" || !isDead(found.owner)) throw inUse(root, found)

  // The owner crashed. Renaming is atomic, so only one starter moves the file away; but between our
  // read and the rename another starter may already have replaced it with a live lock, so judge
  // what we actually moved, and put a live lock back. (A third starter arriving in the instant the
  // live lock is away could still win too; two crashes and three starts at once is not a case.)
  const moved = `${path}.stale-${process.pid}-${threadId}`
  if (moveAway(path, moved)) {
    const taken = readOwner(moved)
    // An unreadable file here is a lock a winner is still writing: live, like any other.
    if (taken._tag === "Unreadable" || (taken._tag === "Owner" && !isDead(taken.owner))) {
      putBack(moved, path)
      throw inUse(root, taken)
    }
    unlinkSync(moved)
  }
  if (tryCreate(path, mine)) return mine
  throw inUse(root, readOwner(path))
}

/** False when there was nothing to move: another starter moved it first. */
const moveAway = (path: string, to: string): boolean => {
  try {
    renameSync(path, to)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false
    throw error
  }
}

/** Restores a live lock without overwriting one created meanwhile (link refuses to). */
const putBack = (moved: string, path: string) => {
  try {
    linkSync(moved, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
  } finally {
    unlinkSync(moved)
  }
}

/** Removes the lock only if it is still the one we wrote. */
const release = (root: string, mine: string) => {
  const path = lockFileIn(root)
  try {
    if (readFileSync(path, "utf8") === mine) unlinkSync(path)
  } catch {
    // Already gone: nothing of ours to remove.
  }
}

/** Claims the data directory for this process until the scope closes. */
const lockDataDir = (root: string) =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        mkdirSync(root, { recursive: true })
        return claim(root)
      },
      catch: (cause) =>
        cause instanceof DataDirInUse
          ? cause
          : new EmbeddedDatabaseError({ message: `Could not lock the data directory ${root}`, cause })
    }),
    (mine) => Effect.sync(() => release(root, mine))
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
