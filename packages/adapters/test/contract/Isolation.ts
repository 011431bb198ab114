import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import {
  DataScope,
  EmergencyContact,
  EnrolmentRepository,
  Ids,
  LearnerRepository,
  LessonRepository,
  NoteRepository,
  RegisterRepository
} from "@openap/core"
import { DateTime, Effect, Either } from "effect"
import type * as Store from "../../src/Store.js"
import { course, day, enrol, lesson, newId, nowInstant, setNow, world } from "./World.js"

/**
 * School A asks, through every repository method that takes a scope, for anything about school
 * B's learner Bea: nothing it gets back may mention her. Provider B (who has never had her) is
 * asked the same. Her record is made rich first (marks, history, notes, contacts, a lesson of her
 * own) so there is something to leak.
 */
export const isolation = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("isolation: school A cannot read school B's learner through any repository method", () =>
    Effect.gen(function* () {
      yield* setNow()
      const w = yield* world
      const learners = yield* LearnerRepository.LearnerRepository
      const enrolments = yield* EnrolmentRepository.EnrolmentRepository
      const lessons = yield* LessonRepository.LessonRepository
      const registers = yield* RegisterRepository.RegisterRepository
      const notes = yield* NoteRepository.NoteRepository

      const soloCourse = yield* course(w.providerA.id, "One-to-one mentoring")
      const soloEnrolment = yield* enrol(w.bea.id, soloCourse.id)
      const soloLesson = yield* lesson(soloCourse.id)
      yield* registers.save(
        DataScope.all,
        w.lessonA.id,
        [
          { learnerId: w.ava.id, code: "present", contribution: 1 },
          {
            learnerId: w.bea.id,
            code: "unexplained_absence",
            contribution: 0,
            note: "Brown family: call home"
          }
        ],
        0,
        w.tutorA.id,
        nowInstant
      )
      yield* registers.save(
        DataScope.all,
        soloLesson.id,
        [{ learnerId: w.bea.id, code: "late", contribution: 0 }],
        0,
        w.tutorA.id,
        nowInstant
      )
      yield* notes.add(DataScope.all, {
        id: yield* newId(Ids.NoteId),
        learnerId: w.bea.id,
        authorId: w.tutorA.id,
        authorOrganisationId: w.providerA.id,
        text: "Bea Brown: private note",
        createdAt: nowInstant
      })
      yield* learners.replaceEmergencyContacts(w.bea.id, [
        {
          id: yield* newId(EmergencyContact.EmergencyContactId),
          learnerId: w.bea.id,
          name: "Pat Brown",
          relationship: "Parent",
          telephone: "07700 900123",
          priority: 1
        }
      ])

      const leaks = (value: unknown) => {
        const text = JSON.stringify(value)
        return text.includes(w.bea.id) || text.includes("Brown") || text.includes(soloEnrolment.id)
      }
      const page = { offset: 0, limit: 100 }
      for (const scope of [DataScope.school(w.schoolA.id), DataScope.provider(w.providerB.id)]) {
        const answers: Record<string, unknown> = {
          findById: yield* learners.findById(scope, w.bea.id),
          list: yield* learners.list(scope, {}, page),
          listFilteredToSchoolB: yield* learners.list(scope, { schoolId: w.schoolB.id }, page),
          listByName: yield* learners.list(scope, { familyName: "Br" }, page),
          listByCourse: yield* learners.list(scope, { courseId: w.courseA.id }, page),
          trainingRecords: yield* learners.trainingRecords(scope, {}, page),
          trainingRecordsByProvider: yield* learners.trainingRecords(
            scope,
            { providerId: w.providerA.id },
            page
          ),
          emergencyContacts: yield* learners.emergencyContacts(scope, w.bea.id),
          enrolmentById: yield* enrolments.findById(scope, w.beaOnA.id),
          soloEnrolmentById: yield* enrolments.findById(scope, soloEnrolment.id),
          enrolmentsOfLearner: yield* enrolments.forLearner(scope, w.bea.id),
          enrolmentsOfCourse: yield* enrolments.forCourse(scope, w.courseA.id),
          enrolmentsOfSoloCourse: yield* enrolments.forCourse(scope, soloCourse.id, day),
          soloLesson: yield* lessons.findById(scope, soloLesson.id),
          soloCourseLessons: yield* lessons.forCourse(scope, soloCourse.id, day, day),
          register: yield* registers.load(scope, w.lessonA.id),
          soloRegister: yield* registers.load(scope, soloLesson.id),
          unprocessed: yield* registers.unprocessedAbsences(scope),
          marks: yield* registers.marksForLearner(scope, w.bea.id),
          history: yield* registers.history(scope, w.lessonA.id),
          soloHistory: yield* registers.history(scope, soloLesson.id),
          notes: yield* notes.forLearner(scope, w.bea.id)
        }
        const leaking = Object.entries(answers)
          .filter(([, value]) => leaks(value))
          .map(([method]) => method)
        expect({ scope: scope._tag, leaking }).toEqual({ scope: scope._tag, leaking: [] })

        const day_ = yield* lessons.forDay(scope, day)
        expect(day_.some((s) => s.lesson.id === soloLesson.id)).toBe(false)
        const lessonA = day_.find((s) => s.lesson.id === w.lessonA.id)
        if (scope._tag === "School") expect([lessonA?.learnerCount, lessonA?.markedCount]).toEqual([1, 1])
        else expect(lessonA).toBeUndefined()

        const note = yield* Effect.either(
          notes.add(scope, {
            id: yield* newId(Ids.NoteId),
            learnerId: w.bea.id,
            authorId: w.coordinatorA.id,
            authorOrganisationId: w.schoolA.id,
            text: "Should not be stored",
            createdAt: DateTime.add(nowInstant, { minutes: 1 })
          })
        )
        expect(Either.isLeft(note)).toBe(true)
        const mark = yield* Effect.either(
          registers.save(
            scope,
            w.lessonA.id,
            [{ learnerId: w.bea.id, code: "authorised_absence", contribution: 0 }],
            1,
            w.coordinatorA.id,
            nowInstant
          )
        )
        expect(Either.isLeft(mark)).toBe(true)
      }
      expect((yield* notes.forLearner(DataScope.all, w.bea.id)).length).toBe(1)
      const beaMark = (yield* registers.marksForLearner(DataScope.all, w.bea.id)).find(
        (m) => m.lesson.id === w.lessonA.id
      )
      expect(beaMark?.mark.code).toBe("unexplained_absence")
    })
  )
}
