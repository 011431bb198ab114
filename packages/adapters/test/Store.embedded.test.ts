import { spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { hostname, tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import {
  AuditLog,
  DataScope,
  LearnerRepository,
  OrganisationRepository,
  RegisterRepository
} from "@openap/core"
import { Effect, Either, Exit, Layer, Option, Scope } from "effect"
import * as EmbeddedDatabase from "../src/pglite/EmbeddedDatabase.js"
import * as Store from "../src/Store.js"
import { nowInstant, setNow, world } from "./contract/World.js"

const scratch = mkdtempSync(join(tmpdir(), "openap-embedded-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** The directory most tests share, so the database is created only once. */
const dataDir = join(scratch, "data")
const lockFile = (dir: string) => join(dir, "openap.lock")
const readLock = (dir: string) =>
  JSON.parse(readFileSync(lockFile(dir), "utf8")) as EmbeddedDatabase.LockOwner

/** Builds the embedded store on `dir` and keeps it open until the returned scope is closed. */
const open = (dir: string) =>
  Effect.gen(function* () {
    const scope = yield* Scope.make()
    const context = yield* Layer.buildWithScope(Store.layerEmbedded(dir), scope)
    return { scope, context }
  })

const repoRoot = resolve(import.meta.dirname, "../../..")
const openFixture = join(import.meta.dirname, "fixtures/OpenEmbeddedStore.ts")
const holdFixture = join(import.meta.dirname, "fixtures/HoldEmbeddedStore.ts")

interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  /** The lock file's owner as read while the child was running, for the holding fixture. */
  readonly lockWhileRunning?: EmbeddedDatabase.LockOwner
}

/**
 * Runs a fixture in its own node process (node itself, not the tsx launcher, so a signal reaches
 * the process that holds the store). Asynchronously: this process's event loop keeps running.
 * `onOutput` may kill the child once it has said enough.
 */
const runFixture = (fixture: string, dir: string, killWhenHolding = false) =>
  Effect.async<Finished>((resume) => {
    let stdout = ""
    let stderr = ""
    let lockWhileRunning: EmbeddedDatabase.LockOwner | undefined
    const child = spawn(process.execPath, ["--import", "tsx", fixture, dir], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"]
    })
    child.stdout.on("data", (d) => {
      stdout += d
      if (killWhenHolding && lockWhileRunning === undefined && stdout.includes("holding")) {
        lockWhileRunning = readLock(dir)
        child.kill("SIGKILL")
      }
    })
    child.stderr.on("data", (d) => (stderr += d))
    child.on("close", (code, signal) =>
      resume(
        Effect.succeed({
          code,
          signal,
          stdout,
          stderr,
          ...(lockWhileRunning === undefined ? {} : { lockWhileRunning })
        })
      )
    )
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** Opens only the database on `dir` (no migrations): enough to see the lock claim or refuse. */
const claimOnly = (dir: string) => Effect.either(Effect.scoped(Layer.build(EmbeddedDatabase.layerDir(dir))))

/** A fresh directory holding only a lock file naming `owner`. */
const writeLock = (dir: string, owner: EmbeddedDatabase.LockOwner) => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(lockFile(dir), JSON.stringify(owner))
}

describe("embedded store on disk", () => {
  it.effect(
    "keeps everything across a restart, and refuses a second process on the same data directory",
    () =>
      Effect.gen(function* () {
        yield* setNow()
        const first = yield* open(dataDir)
        const w = yield* Effect.gen(function* () {
          const w = yield* world
          const registers = yield* RegisterRepository.RegisterRepository
          yield* registers.save(
            DataScope.all,
            w.lessonA.id,
            [{ learnerId: w.ava.id, code: "present", contribution: 1, note: "First day" }],
            0,
            w.tutorA.id,
            nowInstant
          )
          yield* (yield* AuditLog.AuditLog).append({
            actor: { _tag: "System", name: "test" },
            at: nowInstant,
            action: "register.saved",
            subject: { type: "register", id: w.lessonA.id }
          })
          return w
        }).pipe(Effect.provide(first.context))
        expect(readLock(dataDir)).toMatchObject({ pid: process.pid, hostname: hostname() })

        // While this process holds the directory, another process is turned away with a clear message.
        const second = yield* runFixture(openFixture, dataDir)
        expect(second.stderr).toContain(
          `Another OpenAP process is already using the data directory ${dataDir} (process ${process.pid}, since `
        )
        expect(second.code).toBe(3)
        // And so is a second store in this same process.
        const again = yield* claimOnly(dataDir)
        expect(Either.isLeft(again) && again.left._tag).toBe("DataDirInUse")

        yield* Scope.close(first.scope, Exit.void)
        expect(existsSync(lockFile(dataDir))).toBe(false)
        const reopened = yield* open(dataDir)
        yield* Effect.gen(function* () {
          const learners = yield* LearnerRepository.LearnerRepository
          const registers = yield* RegisterRepository.RegisterRepository
          expect(yield* learners.findById(DataScope.all, w.ava.id)).toEqual(Option.some(w.ava))
          const register = Option.getOrThrow(yield* registers.load(DataScope.all, w.lessonA.id))
          expect([register.version, register.learners[0]?.mark?.note]).toEqual([1, "First day"])
          const audit = yield* (yield* AuditLog.AuditLog).list(
            { subjectId: w.lessonA.id },
            { offset: 0, limit: 5 }
          )
          expect(audit.items.map((e) => e.action)).toEqual(["register.saved"])
        }).pipe(Effect.provide(reopened.context))
        yield* Scope.close(reopened.scope, Exit.void)

        // Once the store is closed, the directory is free for the next process.
        const later = yield* runFixture(openFixture, dataDir)
        expect(later.stdout).toContain("opened with 5 organisations")
        expect(later.code).toBe(0)
      }),
    180_000
  )

  it.live(
    "takes over at once the lock of a process that was killed while holding the store",
    () =>
      Effect.gen(function* () {
        const killed = yield* runFixture(holdFixture, dataDir, true)
        expect(killed.signal, killed.stderr).toBe("SIGKILL")
        // The dead process's lock is still there: nothing cleaned up after it.
        expect(readLock(dataDir)).toEqual(killed.lockWhileRunning)
        expect(killed.lockWhileRunning?.pid).not.toBe(process.pid)

        const reopened = yield* open(dataDir)
        expect(readLock(dataDir)).toMatchObject({ pid: process.pid, hostname: hostname() })
        const organisations = yield* Effect.flatMap(OrganisationRepository.OrganisationRepository, (o) =>
          o.list()
        ).pipe(Effect.provide(reopened.context))
        expect(organisations).toHaveLength(5)
        yield* Scope.close(reopened.scope, Exit.void)
      }),
    120_000
  )

  it.live("refuses a lock held by a live process, and leaves it in place", () =>
    Effect.gen(function* () {
      const dir = join(scratch, "live-owner")
      // The test runner that started this worker is alive for as long as this test runs.
      const owner = { pid: process.ppid, hostname: hostname(), startedAt: "2025-10-06T08:00:00.000Z" }
      writeLock(dir, owner)
      const refused = yield* claimOnly(dir)
      expect(Either.isLeft(refused) && refused.left._tag).toBe("DataDirInUse")
      expect(Either.isLeft(refused) && refused.left.message).toBe(
        `Another OpenAP process is already using the data directory ${dir} ` +
          `(process ${process.ppid}, since 2025-10-06T08:00:00.000Z). ` +
          "Stop that process first, or set DATA_DIR to a different directory."
      )
      expect(readLock(dir)).toEqual(owner)
      expect(existsSync(join(dir, "pg"))).toBe(false)
    })
  )

  it.live("refuses a lock from another host, or one it cannot read, and says when to remove it", () =>
    Effect.gen(function* () {
      const dir = join(scratch, "other-host")
      const owner = { pid: 1, hostname: `not-${hostname()}`, startedAt: "2025-10-06T08:00:00.000Z" }
      writeLock(dir, owner)
      const refused = yield* claimOnly(dir)
      expect(Either.isLeft(refused) && refused.left.message).toBe(
        `Another OpenAP process is already using the data directory ${dir} ` +
          `(process 1 on host not-${hostname()}, since 2025-10-06T08:00:00.000Z). ` +
          "Stop that process first, or set DATA_DIR to a different directory. " +
          `Remove ${lockFile(dir)} only if you are sure no process uses the directory.`
      )
      expect(readLock(dir)).toEqual(owner)

      writeFileSync(lockFile(dir), "")
      const unreadable = yield* claimOnly(dir)
      expect(Either.isLeft(unreadable) && unreadable.left.message).toBe(
        `Another OpenAP process is already using the data directory ${dir}. ` +
          "Stop that process first, or set DATA_DIR to a different directory. " +
          `Remove ${lockFile(dir)} only if you are sure no process uses the directory.`
      )
      expect(readFileSync(lockFile(dir), "utf8")).toBe("")
    })
  )

  it.live(
    "takes over its own pid's lock from before this process began (a restarted container), and on close removes only its own lock",
    () =>
      Effect.gen(function* () {
        const previousRun = { pid: process.pid, hostname: hostname(), startedAt: "2020-01-01T00:00:00.000Z" }
        writeFileSync(lockFile(dataDir), JSON.stringify(previousRun))
        const scope = yield* Scope.make()
        yield* Layer.buildWithScope(EmbeddedDatabase.layerDir(dataDir), scope)
        const mine = readLock(dataDir)
        expect(mine.pid).toBe(process.pid)
        expect(mine.startedAt > previousRun.startedAt).toBe(true)

        // Someone replaced the file while we ran: closing must not delete their lock.
        const theirs = { pid: 1, hostname: `not-${hostname()}`, startedAt: "2025-10-06T08:00:00.000Z" }
        writeFileSync(lockFile(dataDir), JSON.stringify(theirs))
        yield* Scope.close(scope, Exit.void)
        expect(readLock(dataDir)).toEqual(theirs)
        rmSync(lockFile(dataDir))
      }),
    60_000
  )
})
