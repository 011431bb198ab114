import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { AuditLog, DataScope, LearnerRepository, RegisterRepository } from "@openap/core"
import { Effect, Either, Exit, Layer, Option, Scope } from "effect"
import * as Store from "../src/Store.js"
import { nowInstant, setNow, world } from "./contract/World.js"

const dataDir = mkdtempSync(join(tmpdir(), "openap-embedded-"))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** Builds the embedded store on `dataDir` and keeps it open until the returned scope is closed. */
const open = Effect.gen(function* () {
  const scope = yield* Scope.make()
  const context = yield* Layer.buildWithScope(Store.layerEmbedded(dataDir), scope)
  return { scope, context }
})

const tsx = join(import.meta.dirname, "../../../node_modules/.bin/tsx")
const fixture = join(import.meta.dirname, "fixtures/OpenEmbeddedStore.ts")

describe("embedded store on disk", () => {
  it.effect(
    "keeps everything across a restart, and refuses a second process on the same data directory",
    () =>
      Effect.gen(function* () {
        yield* setNow()
        const first = yield* open
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

        // While this process holds the directory, another process is turned away with a clear message.
        const second = spawnSync(tsx, [fixture, dataDir], { encoding: "utf8", timeout: 60_000 })
        expect(second.status).toBe(3)
        expect(second.stderr).toContain(
          `Another OpenAP process is already using the data directory ${dataDir}`
        )
        // And so is a second store in this same process.
        const again = yield* Effect.either(Effect.scoped(Layer.build(Store.layerEmbedded(dataDir))))
        expect(Either.isLeft(again) && again.left._tag).toBe("DataDirInUse")

        yield* Scope.close(first.scope, Exit.void)
        const reopened = yield* open
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
        const later = spawnSync(tsx, [fixture, dataDir], { encoding: "utf8", timeout: 60_000 })
        expect(later.stdout).toContain("opened with 5 organisations")
        expect(later.status).toBe(0)
      }),
    180_000
  )
})
