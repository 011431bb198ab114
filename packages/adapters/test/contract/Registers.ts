import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { DataScope, RegisterRepository } from "@openap/core"
import { DateTime, Effect, Either, Option } from "effect"
import type * as Store from "../../src/Store.js"
import { day, lesson, nowInstant, world } from "./World.js"

export const registers = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect(
    "registers: load the enrolled learners with marks; save writes marks, history and a new version",
    () =>
      Effect.gen(function* () {
        const w = yield* world
        const repo = yield* RegisterRepository.RegisterRepository
        const provider = DataScope.provider(w.providerA.id)
        const empty = Option.getOrThrow(yield* repo.load(provider, w.lessonA.id))
        expect(empty).toEqual({
          lesson: w.lessonA,
          courseTitle: "Motor vehicle basics",
          providerId: w.providerA.id,
          version: 0,
          complete: false,
          learners: [
            { learnerId: w.ava.id, schoolId: w.schoolA.id, givenName: "Ava", familyName: "Adams" },
            { learnerId: w.bea.id, schoolId: w.schoolB.id, givenName: "Bea", familyName: "Brown" }
          ]
        })
        const v1 = yield* repo.save(
          provider,
          w.lessonA.id,
          [
            { learnerId: w.ava.id, code: "present", contribution: 2, note: "Led the group" },
            { learnerId: w.bea.id, code: "unexplained_absence", contribution: 0 }
          ],
          0,
          w.tutorA.id,
          nowInstant
        )
        expect(v1).toBe(1)
        const later = DateTime.add(nowInstant, { hours: 2 })
        const v2 = yield* repo.save(
          DataScope.school(w.schoolB.id),
          w.lessonA.id,
          [
            { learnerId: w.bea.id, code: "authorised_absence", contribution: 0, note: "Hospital appointment" }
          ],
          1,
          w.capAdmin.id,
          later
        )
        expect(v2).toBe(2)
        const loaded = Option.getOrThrow(yield* repo.load(DataScope.all, w.lessonA.id))
        expect(loaded.version).toBe(2)
        expect(loaded.complete).toBe(true)
        expect(loaded.learners.map((l) => l.mark)).toEqual([
          {
            lessonId: w.lessonA.id,
            learnerId: w.ava.id,
            code: "present",
            contribution: 2,
            note: "Led the group",
            markedBy: w.tutorA.id,
            markedAt: nowInstant
          },
          {
            lessonId: w.lessonA.id,
            learnerId: w.bea.id,
            code: "authorised_absence",
            contribution: 0,
            note: "Hospital appointment",
            markedBy: w.capAdmin.id,
            markedAt: later
          }
        ])
        const history = yield* repo.history(DataScope.all, w.lessonA.id)
        expect(history).toEqual([
          {
            lessonId: w.lessonA.id,
            learnerId: w.ava.id,
            code: "present",
            contribution: 2,
            note: "Led the group",
            changedBy: w.tutorA.id,
            changedAt: nowInstant
          },
          {
            lessonId: w.lessonA.id,
            learnerId: w.bea.id,
            code: "unexplained_absence",
            contribution: 0,
            changedBy: w.tutorA.id,
            changedAt: nowInstant
          },
          {
            lessonId: w.lessonA.id,
            learnerId: w.bea.id,
            previous: { code: "unexplained_absence", contribution: 0 },
            code: "authorised_absence",
            contribution: 0,
            note: "Hospital appointment",
            changedBy: w.capAdmin.id,
            changedAt: later
          }
        ])
        expect(
          (yield* repo.history(DataScope.school(w.schoolA.id), w.lessonA.id)).map((h) => h.learnerId)
        ).toEqual([w.ava.id])
      })
  )

  it.effect("registers: a save based on an old version is refused and writes nothing", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* RegisterRepository.RegisterRepository
      const provider = DataScope.provider(w.providerA.id)
      yield* repo.save(
        provider,
        w.lessonA.id,
        [{ learnerId: w.ava.id, code: "present", contribution: 0 }],
        0,
        w.tutorA.id,
        nowInstant
      )
      const stale = yield* Effect.either(
        repo.save(
          provider,
          w.lessonA.id,
          [{ learnerId: w.ava.id, code: "late", contribution: 0 }],
          0,
          w.tutorA.id,
          nowInstant
        )
      )
      expect(stale).toEqual(
        Either.left(
          new RegisterRepository.StaleRegister({
            lessonId: w.lessonA.id,
            expectedVersion: 0,
            currentVersion: 1
          })
        )
      )
      const loaded = Option.getOrThrow(yield* repo.load(provider, w.lessonA.id))
      expect(loaded.version).toBe(1)
      expect(loaded.learners[0]?.mark?.code).toBe("present")
      expect((yield* repo.history(provider, w.lessonA.id)).length).toBe(1)
    })
  )

  it.effect("registers: an unchanged save keeps the version and writes no history", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* RegisterRepository.RegisterRepository
      const provider = DataScope.provider(w.providerA.id)
      const marks = [{ learnerId: w.ava.id, code: "late" as const, contribution: -1 }]
      expect(yield* repo.save(provider, w.lessonA.id, marks, 0, w.tutorA.id, nowInstant)).toBe(1)
      expect(yield* repo.save(provider, w.lessonA.id, marks, 1, w.tutorA.id, nowInstant)).toBe(1)
      expect((yield* repo.history(provider, w.lessonA.id)).length).toBe(1)
      const stale = yield* Effect.either(repo.save(provider, w.lessonA.id, marks, 0, w.tutorA.id, nowInstant))
      expect(Either.isLeft(stale) && stale.left._tag).toBe("StaleRegister")
    })
  )

  it.effect(
    "registers: another provider's lesson is not found; a learner not on the register is refused",
    () =>
      Effect.gen(function* () {
        const w = yield* world
        const repo = yield* RegisterRepository.RegisterRepository
        const mark = (learnerId: typeof w.ava.id) => [
          { learnerId, code: "present" as const, contribution: 0 }
        ]
        expect(yield* repo.load(DataScope.provider(w.providerB.id), w.lessonA.id)).toEqual(Option.none())
        const foreign = yield* Effect.either(
          repo.save(
            DataScope.provider(w.providerB.id),
            w.lessonA.id,
            mark(w.ava.id),
            0,
            w.tutorA.id,
            nowInstant
          )
        )
        expect(foreign).toEqual(
          Either.left(new RegisterRepository.RegisterNotFound({ lessonId: w.lessonA.id }))
        )
        const notEnrolled = yield* Effect.either(
          repo.save(
            DataScope.provider(w.providerA.id),
            w.lessonA.id,
            mark(w.amir.id),
            0,
            w.tutorA.id,
            nowInstant
          )
        )
        expect(notEnrolled).toEqual(
          Either.left(
            new RegisterRepository.LearnerNotOnRegister({ lessonId: w.lessonA.id, learnerId: w.amir.id })
          )
        )
        const otherSchool = yield* Effect.either(
          repo.save(
            DataScope.school(w.schoolA.id),
            w.lessonA.id,
            mark(w.bea.id),
            0,
            w.coordinatorA.id,
            nowInstant
          )
        )
        expect(Either.isLeft(otherSchool) && otherSchool.left._tag).toBe("LearnerNotOnRegister")
        expect(Option.getOrThrow(yield* repo.load(DataScope.all, w.lessonA.id)).version).toBe(0)
      })
  )

  it.effect("registers: unprocessed absences, oldest first, for the learner's school only", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* RegisterRepository.RegisterRepository
      const earlier = yield* lesson(w.courseA.id, day.subtract({ days: 3 }), "10:00", "11:00")
      const absent = (learnerId: typeof w.ava.id) => [
        { learnerId, code: "unexplained_absence" as const, contribution: 0 }
      ]
      yield* repo.save(DataScope.all, w.lessonA.id, absent(w.ava.id), 0, w.tutorA.id, nowInstant)
      yield* repo.save(
        DataScope.all,
        earlier.id,
        [...absent(w.ava.id), ...absent(w.bea.id)],
        0,
        w.tutorA.id,
        nowInstant
      )
      yield* repo.save(DataScope.all, w.lessonB.id, absent(w.amir.id), 0, w.tutorA.id, nowInstant)
      const schoolA = yield* repo.unprocessedAbsences(DataScope.school(w.schoolA.id))
      expect(schoolA.map((a) => [a.lessonId, a.learnerId])).toEqual([
        [earlier.id, w.ava.id],
        [w.lessonA.id, w.ava.id],
        [w.lessonB.id, w.amir.id]
      ])
      expect(schoolA[0]).toEqual({
        lessonId: earlier.id,
        learnerId: w.ava.id,
        givenName: "Ava",
        familyName: "Adams",
        schoolId: w.schoolA.id,
        courseId: w.courseA.id,
        courseTitle: "Motor vehicle basics",
        providerId: w.providerA.id,
        providerName: "Anvil Training",
        date: earlier.date,
        startTime: earlier.startTime,
        endTime: earlier.endTime,
        markedAt: nowInstant
      })
      expect((yield* repo.unprocessedAbsences(DataScope.school(w.schoolA.id), 1)).length).toBe(1)
      expect(
        (yield* repo.unprocessedAbsences(DataScope.school(w.schoolB.id))).map((a) => a.learnerId)
      ).toEqual([w.bea.id])
      expect(
        (yield* repo.unprocessedAbsences(DataScope.provider(w.providerB.id))).map((a) => a.learnerId)
      ).toEqual([w.amir.id])
      yield* repo.save(
        DataScope.school(w.schoolA.id),
        earlier.id,
        [{ learnerId: w.ava.id, code: "unauthorised_absence", contribution: 0 }],
        1,
        w.coordinatorA.id,
        nowInstant
      )
      expect((yield* repo.unprocessedAbsences(DataScope.school(w.schoolA.id))).length).toBe(2)
    })
  )

  it.effect("registers: a learner's marks, newest lesson first, over the lessons the reader may see", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* RegisterRepository.RegisterRepository
      const earlier = yield* lesson(w.courseA.id, day.subtract({ days: 7 }))
      yield* repo.save(
        DataScope.all,
        earlier.id,
        [{ learnerId: w.ava.id, code: "late", contribution: 1 }],
        0,
        w.tutorA.id,
        nowInstant
      )
      yield* repo.save(
        DataScope.all,
        w.lessonA.id,
        [{ learnerId: w.ava.id, code: "present", contribution: 0, note: "On time" }],
        0,
        w.tutorA.id,
        nowInstant
      )
      const marks = yield* repo.marksForLearner(DataScope.school(w.schoolA.id), w.ava.id)
      expect(marks.map((m) => [m.lesson.id, m.courseTitle, m.mark.code, m.mark.note])).toEqual([
        [w.lessonA.id, "Motor vehicle basics", "present", "On time"],
        [earlier.id, "Motor vehicle basics", "late", undefined]
      ])
      expect(yield* repo.marksForLearner(DataScope.provider(w.providerB.id), w.ava.id)).toEqual([])
      expect(yield* repo.marksForLearner(DataScope.school(w.schoolB.id), w.ava.id)).toEqual([])
    })
  )
}
