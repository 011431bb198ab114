import { describe, expect, it } from "@effect/vitest"
import { type Actor, AuditLog, type Ids, Outbox, RegisterRepository, Registers } from "@openap/core"
import { Effect, Either, Option, Ref, TestClock } from "effect"
import { MemoryState } from "../../src/memory/MemoryState.js"
import * as Store from "../../src/Store.js"
import { courses, learners, lessons, nowMillis, people, seed, today } from "./RegisterWorld.js"

const run = <A, E>(effect: Effect.Effect<A, E, Store.Repositories | MemoryState>) =>
  Effect.provide(
    TestClock.setTime(nowMillis).pipe(Effect.zipRight(seed), Effect.zipRight(effect)),
    Store.layerMemory
  )

const load = (actor: Actor.Actor, lessonId: Ids.LessonId) =>
  Effect.flatMap(Registers.viewRegister(actor, lessonId), (view) => Effect.succeed(view))

const save = (
  actor: Actor.Actor,
  marks: ReadonlyArray<Registers.MarkInput>,
  options: { readonly lessonId?: Ids.LessonId; readonly expectedVersion?: number } = {}
) =>
  Effect.gen(function* () {
    const lessonId = options.lessonId ?? lessons.motorToday
    const current = yield* (yield* RegisterRepository.RegisterRepository).load({ _tag: "All" }, lessonId)
    const version =
      options.expectedVersion ?? Option.match(current, { onNone: () => 0, onSome: (r) => r.version })
    return yield* Registers.saveRegister(actor, { lessonId, expectedVersion: version, marks })
  })

/** The whole store, before and after: a refused save must leave it exactly as it was. */
const unchangedBy = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const state = yield* MemoryState
    const before = yield* Ref.get(state)
    const outcome = yield* Effect.either(effect)
    const after = yield* Ref.get(state)
    expect(after).toBe(before)
    return outcome
  })

const refusedWith = <A, E extends { readonly _tag: string }>(outcome: Either.Either<A, E>, tag: string) => {
  expect(Either.isLeft(outcome)).toBe(true)
  if (Either.isLeft(outcome)) expect(outcome.left._tag).toBe(tag)
}

/** The provider completes today's register: Ava unexplained, Amir present with +2, Bea late. */
const providerCompletes = save(people.providerP, [
  { learnerId: learners.ava, code: "unexplained_absence" },
  { learnerId: learners.amir, code: "present", contribution: 2, note: "Great effort" },
  { learnerId: learners.bea, code: "late" }
])

const markOf = (view: Registers.RegisterView, learnerId: Ids.LearnerId) =>
  view.lines.find((l) => l.learner.learnerId === learnerId)?.learner.mark

describe("saving a register", () => {
  it.effect("the provider marks every learner in one save; the history keeps each first mark", () =>
    run(
      Effect.gen(function* () {
        const result = yield* providerCompletes
        expect(result).toMatchObject({ version: 1, changed: 3 })
        const view = yield* load(people.providerP, lessons.motorToday)
        expect(view.register.complete).toBe(true)
        expect(markOf(view, learners.amir)).toMatchObject({
          code: "present",
          contribution: 2,
          note: "Great effort"
        })
        expect(markOf(view, learners.ava)).toMatchObject({ code: "unexplained_absence", contribution: 0 })
        expect(view.history.map((h) => [h.learnerName, h.entry.code, h.entry.previous])).toEqual([
          ["Ava Adams", "unexplained_absence", undefined],
          ["Amir Ahmed", "present", undefined],
          ["Bea Brown", "late", undefined]
        ])
        expect(view.history[0]?.changedByName).toBe("Person providerP")
        const audit = yield* (yield* AuditLog.AuditLog).list(
          { action: "register-saved" },
          { offset: 0, limit: 10 }
        )
        expect(audit.items.map((e) => e.subject.id)).toEqual([lessons.motorToday])
      })
    )
  )

  it.effect("an unexplained absence queues one alert, to the learner's own school, in the same save", () =>
    run(
      Effect.gen(function* () {
        const result = yield* providerCompletes
        expect(result.alerts).toBe(1)
        const messages = yield* (yield* Outbox.Outbox).list({ limit: 10 })
        expect(messages).toHaveLength(1)
        expect(messages[0]?.recipients).toEqual(["schoola@example.org", "schooladsl@example.org"])
        expect(JSON.stringify(messages[0]?.content)).toContain("Ava Adams")
        expect(JSON.stringify(messages[0]?.content)).not.toContain("Bea")
        // Saving the same absence again does not alert again.
        yield* save(people.providerP, [
          { learnerId: learners.ava, code: "unexplained_absence", note: "No call" }
        ])
        expect(yield* (yield* Outbox.Outbox).list({ limit: 10 })).toHaveLength(1)
      })
    )
  )

  it.effect("a save that changes nothing writes nothing and keeps the version", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        const again = yield* unchangedBy(
          save(people.providerP, [
            { learnerId: learners.ava, code: "unexplained_absence" },
            { learnerId: learners.amir, code: "present", contribution: 2, note: "Great effort" }
          ])
        )
        expect(again).toEqual(Either.right({ version: 1, changed: 0, alerts: 0 }))
      })
    )
  )

  it.effect("a learner given no code and nothing else is left unmarked; a contribution needs a code", () =>
    run(
      Effect.gen(function* () {
        const partial = yield* save(people.providerP, [
          { learnerId: learners.ava },
          { learnerId: learners.amir, code: "present" }
        ])
        expect(partial.changed).toBe(1)
        const view = yield* load(people.providerP, lessons.motorToday)
        expect(view.register.complete).toBe(false)
        refusedWith(
          yield* unchangedBy(save(people.providerP, [{ learnerId: learners.ava, contribution: 1 }])),
          "InvalidMark"
        )
      })
    )
  )
})

describe("refusals leave the register exactly as it was", () => {
  it.effect("a provider cannot record an authorised or unauthorised absence", () =>
    run(
      Effect.gen(function* () {
        for (const code of ["authorised_absence", "unauthorised_absence"] as const) {
          refusedWith(
            yield* unchangedBy(save(people.providerP, [{ learnerId: learners.ava, code }])),
            "MarkChangeRefused"
          )
        }
      })
    )
  )

  it.effect("one refused line refuses the whole save, lines before it included", () =>
    run(
      Effect.gen(function* () {
        const outcome = yield* unchangedBy(
          save(people.providerP, [
            { learnerId: learners.amir, code: "present" },
            { learnerId: learners.ava, code: "authorised_absence" }
          ])
        )
        refusedWith(outcome, "MarkChangeRefused")
      })
    )
  )

  it.effect("a lesson that has not started cannot be marked, and its page offers no editing", () =>
    run(
      Effect.gen(function* () {
        refusedWith(
          yield* unchangedBy(
            save(people.providerP, [{ learnerId: learners.ava, code: "present" }], {
              lessonId: lessons.motorTomorrow
            })
          ),
          "RegisterNotYetOpen"
        )
        const view = yield* load(people.providerP, lessons.motorTomorrow)
        expect(view.started).toBe(false)
        expect(view.closed).toEqual(Option.some("not-started"))
        expect(view.lines.every((l) => l.rights.codes.length === 0 && !l.rights.contribution)).toBe(true)
        // One second before 09:00 it is still closed; at 09:00 exactly it opens.
        yield* TestClock.setTime(nowMillis + 23 * 3600_000 - 1000)
        refusedWith(
          yield* unchangedBy(
            save(people.providerP, [{ learnerId: learners.ava, code: "present" }], {
              lessonId: lessons.motorTomorrow
            })
          ),
          "RegisterNotYetOpen"
        )
        yield* TestClock.adjust("1 second")
        const opened = yield* save(people.providerP, [{ learnerId: learners.ava, code: "present" }], {
          lessonId: lessons.motorTomorrow
        })
        expect(opened.changed).toBe(1)
      })
    )
  )

  it.effect("a contribution outside -2..+2 is refused, whoever sends it", () =>
    run(
      Effect.gen(function* () {
        for (const contribution of [3, -3, 1.5, Number.NaN]) {
          const outcome = yield* unchangedBy(
            save(people.providerP, [{ learnerId: learners.amir, code: "present", contribution }])
          )
          refusedWith(outcome, "InvalidMark")
          if (Either.isLeft(outcome))
            expect(outcome.left).toMatchObject({ reason: "contribution-out-of-range" })
        }
        refusedWith(
          yield* unchangedBy(
            save(people.capAdmin, [{ learnerId: learners.amir, code: "present", contribution: 3 }])
          ),
          "InvalidMark"
        )
        const bounds = yield* save(people.providerP, [
          { learnerId: learners.amir, code: "present", contribution: 2 },
          { learnerId: learners.ava, code: "present", contribution: -2 }
        ])
        expect(bounds.changed).toBe(2)
      })
    )
  )

  it.effect("a note longer than a note may be is refused", () =>
    run(
      Effect.gen(function* () {
        refusedWith(
          yield* unchangedBy(
            save(people.providerP, [{ learnerId: learners.amir, code: "present", note: "x".repeat(1001) }])
          ),
          "InvalidMark"
        )
      })
    )
  )

  it.effect("a mark for a learner not enrolled on the course is refused", () =>
    run(
      Effect.gen(function* () {
        refusedWith(
          yield* unchangedBy(save(people.providerP, [{ learnerId: learners.zak, code: "present" }])),
          "LearnerNotOnRegister"
        )
      })
    )
  )

  it.effect("provider Q cannot see or mark provider P's lesson: it is not found", () =>
    run(
      Effect.gen(function* () {
        refusedWith(
          yield* unchangedBy(save(people.providerQ, [{ learnerId: learners.ava, code: "present" }])),
          "RegisterNotFound"
        )
        refusedWith(yield* Effect.either(load(people.providerQ, lessons.motorToday)), "RegisterNotFound")
      })
    )
  )

  it.effect("a stale save is refused and overwrites nothing", () =>
    run(
      Effect.gen(function* () {
        yield* save(people.providerP, [{ learnerId: learners.amir, code: "present" }])
        const outcome = yield* unchangedBy(
          save(people.providerP, [{ learnerId: learners.amir, code: "late" }], { expectedVersion: 0 })
        )
        refusedWith(outcome, "StaleRegister")
        if (Either.isLeft(outcome))
          expect(outcome.left).toMatchObject({ expectedVersion: 0, currentVersion: 1 })
        const view = yield* load(people.providerP, lessons.motorToday)
        expect(markOf(view, learners.amir)?.code).toBe("present")
      })
    )
  )

  it.effect("a monitoring officer reads every register but corrects none", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        const view = yield* load(people.capOfficer, lessons.motorToday)
        expect(view.lines).toHaveLength(3)
        expect(view.closed).toEqual(Option.some("not-permitted"))
        refusedWith(
          yield* unchangedBy(save(people.capOfficer, [{ learnerId: learners.ava, code: "present" }])),
          "RegisterNotPermitted"
        )
      })
    )
  )
})

describe("the school processes its learners' absences", () => {
  it.effect("only on a completed register", () =>
    run(
      Effect.gen(function* () {
        yield* save(people.providerP, [{ learnerId: learners.ava, code: "unexplained_absence" }])
        const view = yield* load(people.schoolA, lessons.motorToday)
        expect(view.closed).toEqual(Option.some("incomplete"))
        refusedWith(
          yield* unchangedBy(save(people.schoolA, [{ learnerId: learners.ava, code: "authorised_absence" }])),
          "RegisterIncomplete"
        )
      })
    )
  )

  it.effect("a register another school's learner leaves incomplete is incomplete for this school too", () =>
    run(
      Effect.gen(function* () {
        yield* save(people.providerP, [
          { learnerId: learners.ava, code: "unexplained_absence" },
          { learnerId: learners.amir, code: "present" }
        ])
        const view = yield* load(people.schoolA, lessons.motorToday)
        expect(view.lines.every((l) => l.learner.mark !== undefined)).toBe(true)
        expect(view.closed).toEqual(Option.some("incomplete"))
        refusedWith(
          yield* unchangedBy(save(people.schoolA, [{ learnerId: learners.ava, code: "authorised_absence" }])),
          "RegisterIncomplete"
        )
      })
    )
  )

  it.effect(
    "authorises with a note, puts it back to unprocessed, and decides again; no alert to itself",
    () =>
      run(
        Effect.gen(function* () {
          yield* providerCompletes
          const view = yield* load(people.schoolA, lessons.motorToday)
          expect(view.lines.map((l) => l.learner.givenName)).toEqual(["Ava", "Amir"])
          const ava = view.lines.find((l) => l.learner.learnerId === learners.ava)
          expect(ava?.rights).toEqual({
            codes: ["authorised_absence", "unexplained_absence", "unauthorised_absence"],
            contribution: false,
            note: true
          })
          const amir = view.lines.find((l) => l.learner.learnerId === learners.amir)
          expect(amir?.rights).toEqual({ codes: [], contribution: false, note: true })
          const done = yield* save(people.schoolA, [
            { learnerId: learners.ava, code: "authorised_absence", note: "Hospital appointment" }
          ])
          expect(done).toMatchObject({ changed: 1, alerts: 0 })
          yield* save(people.schoolADsl, [{ learnerId: learners.ava, code: "unexplained_absence" }])
          yield* save(people.schoolA, [{ learnerId: learners.ava, code: "unauthorised_absence" }])
          expect((yield* (yield* Outbox.Outbox).list({ limit: 10 })).length).toBe(1)
          const after = yield* load(people.providerP, lessons.motorToday)
          expect(markOf(after, learners.ava)).toMatchObject({
            code: "unauthorised_absence",
            note: "Hospital appointment"
          })
        })
      )
  )

  it.effect("changes nothing but absences and notes", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        refusedWith(
          yield* unchangedBy(
            save(people.schoolA, [{ learnerId: learners.amir, code: "authorised_absence" }])
          ),
          "MarkChangeRefused"
        )
        refusedWith(
          yield* unchangedBy(save(people.schoolA, [{ learnerId: learners.ava, code: "present" }])),
          "MarkChangeRefused"
        )
        refusedWith(
          yield* unchangedBy(save(people.schoolA, [{ learnerId: learners.amir, contribution: 0 }])),
          "RegisterEditRefused"
        )
        const noted = yield* save(people.schoolA, [{ learnerId: learners.amir, note: "Mum called" }])
        expect(noted.changed).toBe(1)
      })
    )
  )

  it.effect("school B cannot touch school A's learner, and sees only its own", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        const view = yield* load(people.schoolB, lessons.motorToday)
        expect(view.lines.map((l) => l.learner.givenName)).toEqual(["Bea"])
        refusedWith(
          yield* unchangedBy(save(people.schoolB, [{ learnerId: learners.ava, code: "authorised_absence" }])),
          "LearnerNotOnRegister"
        )
        refusedWith(yield* Effect.either(load(people.schoolB, lessons.cateringToday)), "RegisterNotFound")
      })
    )
  )

  it.effect("once processed, the provider can no longer change the mark, its contribution or its note", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        yield* save(people.schoolA, [
          { learnerId: learners.ava, code: "authorised_absence", note: "Dentist" }
        ])
        const view = yield* load(people.providerP, lessons.motorToday)
        expect(view.lines.find((l) => l.learner.learnerId === learners.ava)?.rights).toEqual({
          codes: [],
          contribution: false,
          note: false
        })
        for (const line of [
          { learnerId: learners.ava, code: "present" as const },
          { learnerId: learners.ava, code: "unexplained_absence" as const },
          { learnerId: learners.ava, contribution: 1 },
          { learnerId: learners.ava, note: "Actually here" }
        ]) {
          refusedWith(yield* unchangedBy(save(people.providerP, [line])), "MarkChangeRefused")
        }
        // Posting the processed line back unchanged, as a whole-register form does, is not a change.
        const whole = yield* save(people.providerP, [
          { learnerId: learners.ava, code: "authorised_absence", note: "Dentist" },
          { learnerId: learners.bea, code: "present" }
        ])
        expect(whole.changed).toBe(1)
      })
    )
  )
})

describe("CAP corrects any mark", () => {
  it.effect("a correction keeps the previous value, who and when, and the register shows both", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        yield* save(people.schoolA, [{ learnerId: learners.ava, code: "authorised_absence" }])
        yield* TestClock.adjust("1 hour")
        yield* save(people.capAdmin, [{ learnerId: learners.ava, code: "present", contribution: 1 }])
        const view = yield* load(people.capAdmin, lessons.motorToday)
        const avas = view.history.filter((h) => h.entry.learnerId === learners.ava)
        expect(avas.map((h) => [h.entry.previous?.code, h.entry.code, h.changedByName])).toEqual([
          [undefined, "unexplained_absence", "Person providerP"],
          ["unexplained_absence", "authorised_absence", "Person schoolA"],
          ["authorised_absence", "present", "Person capAdmin"]
        ])
        expect(avas[2]?.entry.changedAt.epochMillis).toBe(nowMillis + 3600_000)
        expect(markOf(view, learners.ava)).toMatchObject({ code: "present", contribution: 1 })
      })
    )
  )
})

describe("reading registers", () => {
  it.effect("the provider's registers of a day, with a course filter; schools use today's attendance", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        const day = yield* Registers.registersForDay(people.providerP, {})
        expect(day.date.equals(today)).toBe(true)
        expect(day.registers.map((r) => [r.summary.courseTitle, r.summary.complete, r.started])).toEqual([
          ["Motor vehicle", true, true]
        ])
        const cap = yield* Registers.registersForDay(people.capAdmin, { courseId: courses.catering })
        expect(cap.registers.map((r) => [r.summary.courseTitle, r.started])).toEqual([["Catering", false]])
        expect(cap.courses.map((c) => c.title)).toEqual(["Catering", "Motor vehicle"])
        const tomorrow = yield* Registers.registersForDay(people.providerP, { date: today.add({ days: 1 }) })
        expect(tomorrow.registers.map((r) => r.summary.complete)).toEqual([false])
        refusedWith(yield* Effect.either(Registers.registersForDay(people.schoolA)), "RegisterNotPermitted")
      })
    )
  )

  it.effect("the day's registers by cohort: only cohorts of learners the reader may see, Year 9 first", () =>
    run(
      Effect.gen(function* () {
        const titles = (day: Registers.DayRegisters) => day.registers.map((r) => r.summary.courseTitle)
        const cap = yield* Registers.registersForDay(people.capAdmin, {})
        expect(cap.cohorts).toEqual(["Year 9", "Year 10", "Year 11"])
        expect(titles(cap)).toEqual(["Motor vehicle", "Catering"])
        expect(titles(yield* Registers.registersForDay(people.capAdmin, { cohort: "Year 9" }))).toEqual([
          "Catering"
        ])
        const both = yield* Registers.registersForDay(people.capAdmin, {
          cohort: "Year 11",
          courseId: courses.catering
        })
        expect([both.filter, titles(both)]).toEqual([{ courseId: courses.catering, cohort: "Year 11" }, []])
        const p = yield* Registers.registersForDay(people.providerP, { cohort: "Year 11" })
        expect(p.cohorts).toEqual(["Year 10", "Year 11"])
        expect(p.courses.map((c) => c.title)).toEqual(["Motor vehicle"])
        expect(titles(p)).toEqual(["Motor vehicle"])
        expect(p.filter).toEqual({ cohort: "Year 11" })
        // Zak's Year 9 is Q's to see, not P's: P's day offers no such cohort, so the filter is dropped.
        const notOffered = yield* Registers.registersForDay(people.providerP, { cohort: "Year 9" })
        expect([notOffered.filter, titles(notOffered)]).toEqual([{}, ["Motor vehicle"]])
        const q = yield* Registers.registersForDay(people.providerQ, {})
        expect([q.cohorts, titles(q)]).toEqual([["Year 9"], ["Catering"]])
        const lastWeek = yield* Registers.registersForDay(people.providerP, {
          date: today.subtract({ days: 7 })
        })
        expect(lastWeek.cohorts).toEqual(["Year 10", "Year 11"])
        const empty = yield* Registers.registersForDay(people.providerQ, { date: today.add({ days: 1 }) })
        expect([empty.cohorts, empty.courses, empty.registers]).toEqual([[], [], []])
      })
    )
  )

  it.effect(
    "today's attendance: every register with the school's learners, marked or not, with their marks only",
    () =>
      run(
        Effect.gen(function* () {
          yield* providerCompletes
          const a = yield* Registers.todaysAttendance(people.schoolA)
          expect(
            a.registers.map((r) => [
              r.summary.courseTitle,
              r.learners.map((l) => [l.givenName, l.mark?.code ?? null])
            ])
          ).toEqual([
            [
              "Motor vehicle",
              [
                ["Ava", "unexplained_absence"],
                ["Amir", "present"]
              ]
            ],
            ["Catering", [["Zak", null]]]
          ])
          const b = yield* Registers.todaysAttendance(people.schoolB)
          expect(b.registers.map((r) => r.learners.map((l) => l.givenName))).toEqual([["Bea"]])
          const lastWeek = yield* Registers.todaysAttendance(people.schoolB, {
            date: today.subtract({ days: 7 })
          })
          expect(lastWeek.registers.map((r) => r.summary.complete)).toEqual([false])
          refusedWith(
            yield* Effect.either(Registers.todaysAttendance(people.providerP)),
            "RegisterNotPermitted"
          )
        })
      )
  )

  it.effect("unprocessed absences: the school's own, oldest first, with a count; not for providers", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        yield* save(
          people.providerP,
          [
            { learnerId: learners.amir, code: "unexplained_absence" },
            { learnerId: learners.ava, code: "present" },
            { learnerId: learners.bea, code: "unexplained_absence" }
          ],
          { lessonId: lessons.motorLastWeek }
        )
        const a = yield* Registers.unprocessedAbsences(people.schoolA)
        expect(a.absences.map((x) => [x.givenName, x.date.toString()])).toEqual([
          ["Amir", "2025-09-29"],
          ["Ava", "2025-10-06"]
        ])
        expect(yield* Registers.unprocessedAbsenceCount(people.schoolA)).toEqual({ count: 2, more: false })
        expect(
          (yield* Registers.unprocessedAbsences(people.schoolB)).absences.map((x) => x.givenName)
        ).toEqual(["Bea"])
        expect((yield* Registers.unprocessedAbsences(people.capAdmin)).absences).toHaveLength(3)
        refusedWith(
          yield* Effect.either(Registers.unprocessedAbsences(people.providerP)),
          "RegisterNotPermitted"
        )
        expect(yield* Registers.unprocessedAbsenceCount(people.providerP)).toEqual({ count: 0, more: false })
        yield* save(people.schoolA, [{ learnerId: learners.ava, code: "authorised_absence" }])
        expect(yield* Registers.unprocessedAbsenceCount(people.schoolA)).toEqual({ count: 1, more: false })
      })
    )
  )

  it.effect("each learner's attendance summary, on the register and on the learner page", () =>
    run(
      Effect.gen(function* () {
        yield* providerCompletes
        yield* save(
          people.providerP,
          [
            { learnerId: learners.amir, code: "unexplained_absence" },
            { learnerId: learners.ava, code: "present" },
            { learnerId: learners.bea, code: "not_required" }
          ],
          { lessonId: lessons.motorLastWeek }
        )
        const view = yield* load(people.providerP, lessons.motorToday)
        const amir = view.lines.find((l) => l.learner.learnerId === learners.amir)
        expect(amir?.summary).toMatchObject({ total: 2, attended: 1, expected: 2, rate: Option.some(0.5) })
        const page = yield* Registers.learnerAttendance(people.schoolA, learners.amir)
        expect(page.summary.rate).toEqual(Option.some(0.5))
        expect(page.marks.map((m) => [m.lesson.date.toString(), m.mark.code, m.mark.note])).toEqual([
          ["2025-10-06", "present", "Great effort"],
          ["2025-09-29", "unexplained_absence", undefined]
        ])
        const bea = yield* Registers.learnerAttendance(people.schoolB, learners.bea)
        expect(bea.summary.rate).toEqual(Option.some(1))
        refusedWith(
          yield* Effect.either(Registers.learnerAttendance(people.schoolB, learners.amir)),
          "LearnerNotFound"
        )
        refusedWith(
          yield* Effect.either(Registers.learnerAttendance(people.providerQ, learners.amir)),
          "LearnerNotFound"
        )
        const audit = yield* (yield* AuditLog.AuditLog).list(
          { action: "learner-attendance-viewed" },
          { offset: 0, limit: 10 }
        )
        expect(audit.total).toBe(2)
      })
    )
  )
})
