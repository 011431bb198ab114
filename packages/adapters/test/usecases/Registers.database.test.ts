import { describe, expect, layer } from "@effect/vitest"
import {
  type Actor,
  AuditLog,
  DataScope,
  type Ids,
  Outbox,
  RegisterRepository,
  Registers
} from "@openap/core"
import { Clock, Effect, Either, Option } from "effect"
import * as Store from "../../src/Store.js"
import { postgresServer } from "../contract/Databases.js"
import { learners, lessons, nowMillis, people, seed } from "./RegisterWorld.js"

/**
 * The register journey once through on the SQL stores (the web app runs on them), with every
 * refusal proven to leave the database as it was: same registers, history, outbox and audit.
 */
const fixedClock: Clock.Clock = {
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: () => nowMillis,
  unsafeCurrentTimeNanos: () => BigInt(nowMillis) * 1_000_000n,
  currentTimeMillis: Effect.succeed(nowMillis),
  currentTimeNanos: Effect.succeed(BigInt(nowMillis) * 1_000_000n),
  sleep: (d) => Clock.make().sleep(d)
}

const fingerprint = Effect.gen(function* () {
  const registers = yield* RegisterRepository.RegisterRepository
  const all = Object.values(lessons)
  return {
    registers: yield* Effect.forEach(all, (id) => registers.load(DataScope.all, id)),
    history: yield* Effect.forEach(all, (id) => registers.history(DataScope.all, id)),
    outbox: (yield* (yield* Outbox.Outbox).list({ limit: 100 })).map((n) => n.key),
    audit: (yield* (yield* AuditLog.AuditLog).list({}, { offset: 0, limit: 1 })).total
  }
})

const save = (actor: Actor.Actor, marks: ReadonlyArray<Registers.MarkInput>, expectedVersion?: number) =>
  Effect.gen(function* () {
    const current = yield* (yield* RegisterRepository.RegisterRepository).load(
      DataScope.all,
      lessons.motorToday
    )
    const version = expectedVersion ?? Option.match(current, { onNone: () => 0, onSome: (r) => r.version })
    return yield* Registers.saveRegister(actor, {
      lessonId: lessons.motorToday,
      expectedVersion: version,
      marks
    })
  })

const refused = (
  tag: string,
  attempt: Effect.Effect<unknown, { readonly _tag: string }, Store.Repositories>
) =>
  Effect.gen(function* () {
    const before = yield* fingerprint
    const outcome = yield* Effect.either(attempt)
    expect(Either.isLeft(outcome) && outcome.left._tag).toBe(tag)
    expect(yield* fingerprint).toEqual(before)
  })

const markOf = (view: Registers.RegisterView, learnerId: Ids.LearnerId) =>
  view.lines.find((l) => l.learner.learnerId === learnerId)?.learner.mark

const journey = Effect.gen(function* () {
  yield* seed
  yield* save(people.providerP, [
    { learnerId: learners.ava, code: "unexplained_absence" },
    { learnerId: learners.amir, code: "present", contribution: 2 },
    { learnerId: learners.bea, code: "late" }
  ])
  expect((yield* (yield* Outbox.Outbox).list({ limit: 10 })).map((n) => n.kind)).toEqual(["absence-alert"])

  yield* refused(
    "MarkChangeRefused",
    save(people.providerP, [{ learnerId: learners.bea, code: "authorised_absence" }])
  )
  yield* refused("InvalidMark", save(people.providerP, [{ learnerId: learners.bea, contribution: 3 }]))
  yield* refused(
    "LearnerNotOnRegister",
    save(people.providerP, [{ learnerId: learners.zak, code: "present" }])
  )
  yield* refused(
    "LearnerNotOnRegister",
    save(people.schoolB, [{ learnerId: learners.ava, code: "authorised_absence" }])
  )
  yield* refused("RegisterNotFound", save(people.providerQ, [{ learnerId: learners.ava, code: "present" }]))
  yield* refused("StaleRegister", save(people.providerP, [{ learnerId: learners.bea, code: "present" }], 0))
  yield* refused("RegisterEditRefused", save(people.schoolA, [{ learnerId: learners.amir, contribution: 0 }]))

  expect((yield* Registers.unprocessedAbsences(people.schoolA)).absences.map((a) => a.givenName)).toEqual([
    "Ava"
  ])
  expect((yield* Registers.unprocessedAbsences(people.schoolB)).absences).toEqual([])
  yield* save(people.schoolA, [{ learnerId: learners.ava, code: "authorised_absence", note: "Hospital" }])
  expect(yield* Registers.unprocessedAbsenceCount(people.schoolA)).toEqual({ count: 0, more: false })

  yield* refused("MarkChangeRefused", save(people.providerP, [{ learnerId: learners.ava, code: "present" }]))
  yield* refused(
    "MarkChangeRefused",
    save(people.providerP, [{ learnerId: learners.ava, note: "Here after all" }])
  )

  yield* save(people.capAdmin, [{ learnerId: learners.ava, code: "present" }])
  const view = yield* Registers.viewRegister(people.capAdmin, lessons.motorToday)
  expect(markOf(view, learners.ava)?.code).toBe("present")
  expect(
    view.history
      .filter((h) => h.entry.learnerId === learners.ava)
      .map((h) => [h.entry.previous?.code, h.entry.code, h.changedByName])
  ).toEqual([
    [undefined, "unexplained_absence", "Person providerP"],
    ["unexplained_absence", "authorised_absence", "Person schoolA"],
    ["authorised_absence", "present", "Person capAdmin"]
  ])
  const schoolDay = yield* Registers.todaysAttendance(people.schoolA)
  expect(schoolDay.registers.map((r) => [r.summary.courseTitle, r.learners.map((l) => l.givenName)])).toEqual(
    [
      ["Motor vehicle", ["Ava", "Amir"]],
      ["Catering", ["Zak"]]
    ]
  )
  const amir = yield* Registers.learnerAttendance(people.providerP, learners.amir)
  expect(amir.summary.rate).toEqual(Option.some(1))
}).pipe(Effect.withClock(fixedClock))

describe("the register journey on embedded PGlite", () => {
  layer(Store.layerEmbeddedInMemory, { timeout: "120 seconds" })((it) => {
    it.effect("providers mark, schools process, CAP corrects; every refusal changes nothing", () => journey)
  })
})

if (Option.isSome(postgresServer)) {
  const server = postgresServer.value
  describe("the register journey on PostgreSQL", () => {
    layer(Store.layerPostgresFresh(server, 4), { timeout: "60 seconds" })((it) => {
      it.effect("providers mark, schools process, CAP corrects; every refusal changes nothing", () => journey)
    })
  })
}
