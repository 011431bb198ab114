import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import {
  type CoursePart,
  CourseRepository,
  DataScope,
  EmergencyContact,
  EnrolmentRepository,
  Ids,
  LearnerRepository,
  LessonRepository,
  NoteRepository,
  RegisterRepository
} from "@openap/core"
import { DateTime, Effect, Either, Option } from "effect"
import { Temporal } from "temporal-polyfill"
import type * as Store from "../../src/Store.js"
import { day, enrol, learner, lesson, newId, nowInstant, setNow, world } from "./World.js"

const ids = <A extends { readonly id: string }>(xs: ReadonlyArray<A>) => xs.map((x) => x.id)
/** Rows that tie on every ordering column come back in id order. */
const byId = <A extends { readonly id: string }>(...xs: ReadonlyArray<A>) =>
  [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

export const learners = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("learners: a school sees its own, a provider those enrolled on its courses, CAP all", () =>
    Effect.gen(function* () {
      yield* setNow()
      const w = yield* world
      const repo = yield* LearnerRepository.LearnerRepository
      expect(yield* repo.findById(DataScope.all, w.bea.id)).toEqual(Option.some(w.bea))
      expect(yield* repo.findById(DataScope.school(w.schoolA.id), w.ava.id)).toEqual(Option.some(w.ava))
      expect(yield* repo.findById(DataScope.school(w.schoolA.id), w.bea.id)).toEqual(Option.none())
      expect(yield* repo.findById(DataScope.provider(w.providerA.id), w.bea.id)).toEqual(Option.some(w.bea))
      expect(yield* repo.findById(DataScope.provider(w.providerA.id), w.amir.id)).toEqual(Option.none())
      const page = yield* repo.list(DataScope.school(w.schoolA.id), {}, { offset: 0, limit: 20 })
      expect(page).toEqual({
        items: [w.ava, w.amir].sort((a, b) => a.familyName.localeCompare(b.familyName)),
        total: 2
      })
      const provider = yield* repo.list(DataScope.provider(w.providerA.id), {}, { offset: 0, limit: 20 })
      expect(ids(provider.items)).toEqual([w.ava.id, w.bea.id])
    })
  )

  it.effect("learners: a provider no longer sees a learner once the enrolment has ended", () =>
    Effect.gen(function* () {
      yield* setNow()
      const w = yield* world
      const repo = yield* LearnerRepository.LearnerRepository
      const enrolments = yield* EnrolmentRepository.EnrolmentRepository
      const scope = DataScope.provider(w.providerA.id)
      yield* enrolments.end(w.beaOnA.id, day)
      expect(yield* repo.findById(scope, w.bea.id)).toEqual(Option.some(w.bea))
      yield* enrolments.end(w.beaOnA.id, day.subtract({ days: 1 }))
      expect(yield* repo.findById(scope, w.bea.id)).toEqual(Option.none())
      expect(ids((yield* repo.list(scope, {}, { offset: 0, limit: 20 })).items)).toEqual([w.ava.id])
    })
  )

  it.effect("learners: filters by school, provider, course, cohort and family name; pages with a total", () =>
    Effect.gen(function* () {
      yield* setNow()
      const w = yield* world
      const repo = yield* LearnerRepository.LearnerRepository
      const extra = []
      for (const name of ["Cole", "Clark", "Carter", "Cooper", "Chapman"]) {
        extra.push(yield* learner(w.schoolA.id, "Sam", name, "Year 9"))
      }
      const scope = DataScope.school(w.schoolA.id)
      const cohort = yield* repo.list(scope, { cohort: "Year 9" }, { offset: 1, limit: 2 })
      expect(cohort.total).toBe(5)
      expect(cohort.items.map((l) => l.familyName)).toEqual(["Chapman", "Clark"])
      expect(
        (yield* repo.list(scope, { familyName: "co" }, { offset: 0, limit: 20 })).items.map(
          (l) => l.familyName
        )
      ).toEqual(["Cole", "Cooper"])
      expect((yield* repo.list(scope, { familyName: "%" }, { offset: 0, limit: 20 })).total).toBe(0)
      expect(
        ids((yield* repo.list(DataScope.all, { providerId: w.providerB.id }, { offset: 0, limit: 20 })).items)
      ).toEqual([w.amir.id])
      expect(
        ids((yield* repo.list(DataScope.all, { courseId: w.courseA.id }, { offset: 0, limit: 20 })).items)
      ).toEqual([w.ava.id, w.bea.id])
      expect(
        (yield* repo.list(DataScope.all, { schoolId: w.schoolB.id }, { offset: 0, limit: 20 })).items
      ).toEqual([w.bea])
      const beyond = yield* repo.list(scope, {}, { offset: 50, limit: 20 })
      expect(beyond).toEqual({ items: [], total: 7 })
      yield* repo.update({ ...w.amir, cohort: "Year 9", upn: "A123456789012" })
      expect(yield* repo.findById(scope, w.amir.id)).toEqual(
        Option.some({ ...w.amir, cohort: "Year 9", upn: "A123456789012" })
      )
    })
  )

  it.effect("learners: training records carry school, placements and attendance counts, scoped", () =>
    Effect.gen(function* () {
      yield* setNow()
      const w = yield* world
      const repo = yield* LearnerRepository.LearnerRepository
      const registers = yield* RegisterRepository.RegisterRepository
      const amirOnA = yield* enrol(w.amir.id, w.courseA.id)
      yield* registers.save(
        DataScope.provider(w.providerA.id),
        w.lessonA.id,
        [
          { learnerId: w.ava.id, code: "present", contribution: 1 },
          { learnerId: w.amir.id, code: "late", contribution: 0 },
          { learnerId: w.bea.id, code: "unexplained_absence", contribution: 0 }
        ],
        0,
        w.tutorA.id,
        nowInstant
      )
      yield* registers.save(
        DataScope.all,
        w.lessonB.id,
        [{ learnerId: w.amir.id, code: "present", contribution: 0 }],
        0,
        w.capAdmin.id,
        nowInstant
      )
      const school = yield* repo.trainingRecords(DataScope.school(w.schoolA.id), {}, { offset: 0, limit: 20 })
      expect(school.total).toBe(2)
      const amir = school.items.find((r) => r.learner.id === w.amir.id)!
      expect(amir.schoolName).toBe("Alder School")
      expect(amir.placements.map((p) => [p.enrolmentId, p.courseTitle, p.providerName])).toEqual(
        [
          [w.amirOnB.id, "Catering skills", "Beacon Skills"],
          [amirOnA.id, "Motor vehicle basics", "Anvil Training"]
        ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1))
      )
      expect(amir.attendance).toEqual({
        present: 1,
        late: 1,
        authorised_absence: 0,
        unexplained_absence: 0,
        unauthorised_absence: 0,
        dismissed_behaviour: 0,
        dismissed_other: 0,
        not_required: 0
      })
      const provider = yield* repo.trainingRecords(
        DataScope.provider(w.providerA.id),
        { familyName: "ak" },
        { offset: 0, limit: 20 }
      )
      expect(provider.items.map((r) => r.learner.id)).toEqual([w.amir.id])
      expect(provider.items[0]?.placements.map((p) => p.courseId)).toEqual([w.courseA.id])
      expect(provider.items[0]?.attendance.present).toBe(0)
      expect(provider.items[0]?.attendance.late).toBe(1)
    })
  )

  it.effect("learners: emergency contacts are replaced as a whole and read in priority order, scoped", () =>
    Effect.gen(function* () {
      yield* setNow()
      const w = yield* world
      const repo = yield* LearnerRepository.LearnerRepository
      const contact = (name: string, priority: number) =>
        Effect.map(newId(EmergencyContact.EmergencyContactId), (id) => ({
          id,
          learnerId: w.ava.id,
          name,
          relationship: "Parent",
          telephone: "07700 900000",
          priority
        }))
      const second = yield* contact("Sam Adams", 2)
      const first = { ...(yield* contact("Jo Adams", 1)), email: "jo@example.test" }
      yield* repo.replaceEmergencyContacts(w.ava.id, [second, first])
      expect(yield* repo.emergencyContacts(DataScope.school(w.schoolA.id), w.ava.id)).toEqual([first, second])
      expect(yield* repo.emergencyContacts(DataScope.provider(w.providerA.id), w.ava.id)).toEqual([
        first,
        second
      ])
      expect(yield* repo.emergencyContacts(DataScope.provider(w.providerB.id), w.ava.id)).toEqual([])
      yield* repo.replaceEmergencyContacts(w.ava.id, [second])
      expect(yield* repo.emergencyContacts(DataScope.all, w.ava.id)).toEqual([second])
    })
  )
}

export const courses = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("courses: find, update, list by provider, category and keywords; units grouped by part", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* CourseRepository.CourseRepository
      expect(yield* repo.findById(w.courseA.id)).toEqual(Option.some(w.courseA))
      const updated = {
        ...w.courseA,
        category: "vocational_taster" as const,
        price: "£450 per placement",
        studentInterests: ["engines", "practical"]
      }
      yield* repo.update(updated)
      expect(yield* repo.findById(w.courseA.id)).toEqual(Option.some(updated))
      expect(yield* repo.list({ providerId: w.providerA.id })).toEqual([updated])
      expect(ids(yield* repo.list({ providerId: w.providerA.id, category: "esol" }))).toEqual([])
      expect(ids(yield* repo.list({ providerId: w.providerA.id, keywords: "ENGINES hands-on" }))).toEqual([
        w.courseA.id
      ])
      expect(ids(yield* repo.list({ providerId: w.providerA.id, keywords: "engines cooking" }))).toEqual([])
      const part = (title: string, position: number) =>
        Effect.map(newId(Ids.UnitId), (id) => ({
          id: id as unknown as CoursePart.CoursePartId,
          courseId: w.courseA.id,
          title,
          position
        }))
      const p2 = yield* part("Part 2: Servicing", 2)
      const p1 = yield* part("Part 1: Safety", 1)
      yield* repo.createPart(p2)
      yield* repo.createPart(p1)
      const unit = (partId: CoursePart.CoursePartId, title: string, position: number) =>
        Effect.map(newId(Ids.UnitId), (id) => ({ id, courseId: w.courseA.id, partId, title, position }))
      const u12 = { ...(yield* unit(p1.id, "Tools", 2)), code: "MV102" }
      const u11 = yield* unit(p1.id, "Workshop safety", 1)
      const u21 = yield* unit(p2.id, "Oil change", 1)
      for (const u of [u12, u21, u11]) yield* repo.createUnit(u)
      expect(yield* repo.structure(w.courseA.id)).toEqual([
        { part: p1, units: [u11, u12] },
        { part: p2, units: [u21] }
      ])
      expect(yield* repo.structure(w.courseB.id)).toEqual([])
    })
  )
}

export const enrolments = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("enrolments: scoped to the learner's school and the course's provider; active on a day", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* EnrolmentRepository.EnrolmentRepository
      expect(yield* repo.findById(DataScope.school(w.schoolA.id), w.avaOnA.id)).toEqual(Option.some(w.avaOnA))
      expect(yield* repo.findById(DataScope.school(w.schoolB.id), w.avaOnA.id)).toEqual(Option.none())
      expect(yield* repo.findById(DataScope.provider(w.providerB.id), w.avaOnA.id)).toEqual(Option.none())
      expect(yield* repo.forCourse(DataScope.provider(w.providerA.id), w.courseA.id)).toEqual(
        byId(w.avaOnA, w.beaOnA)
      )
      expect(yield* repo.forCourse(DataScope.school(w.schoolB.id), w.courseA.id)).toEqual([w.beaOnA])
      const later = yield* enrol(w.amir.id, w.courseA.id, Temporal.PlainDate.from("2025-11-03"))
      expect(ids(yield* repo.forCourse(DataScope.all, w.courseA.id, day))).toEqual(
        ids(byId(w.avaOnA, w.beaOnA))
      )
      expect(
        ids(yield* repo.forCourse(DataScope.all, w.courseA.id, Temporal.PlainDate.from("2025-11-03")))
      ).toEqual([...ids(byId(w.avaOnA, w.beaOnA)), later.id])
      yield* repo.end(w.avaOnA.id, Temporal.PlainDate.from("2025-10-31"))
      expect(
        ids(yield* repo.forCourse(DataScope.all, w.courseA.id, Temporal.PlainDate.from("2025-11-03")))
      ).toEqual([w.beaOnA.id, later.id])
      expect(yield* repo.forLearner(DataScope.school(w.schoolA.id), w.amir.id)).toEqual([w.amirOnB, later])
      expect(yield* repo.forLearner(DataScope.provider(w.providerB.id), w.amir.id)).toEqual([w.amirOnB])
    })
  )
}

export const lessons = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("lessons: the day's registers with counts and completion, as each reader may see them", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* LessonRepository.LessonRepository
      const registers = yield* RegisterRepository.RegisterRepository
      const provider = yield* repo.forDay(DataScope.provider(w.providerA.id), day)
      expect(provider).toEqual([
        {
          lesson: w.lessonA,
          courseTitle: "Motor vehicle basics",
          providerId: w.providerA.id,
          providerName: "Anvil Training",
          learnerCount: 2,
          markedCount: 0,
          complete: false
        }
      ])
      yield* registers.save(
        DataScope.provider(w.providerA.id),
        w.lessonA.id,
        [{ learnerId: w.ava.id, code: "present", contribution: 0 }],
        0,
        w.tutorA.id,
        nowInstant
      )
      const schoolA = yield* repo.forDay(DataScope.school(w.schoolA.id), day)
      expect(schoolA.map((s) => [s.lesson.id, s.learnerCount, s.markedCount, s.complete])).toEqual([
        [w.lessonA.id, 1, 1, false],
        [w.lessonB.id, 1, 0, false]
      ])
      const schoolB = yield* repo.forDay(DataScope.school(w.schoolB.id), day)
      expect(schoolB.map((s) => [s.lesson.id, s.learnerCount, s.markedCount, s.complete])).toEqual([
        [w.lessonA.id, 1, 0, false]
      ])
      yield* registers.save(
        DataScope.provider(w.providerA.id),
        w.lessonA.id,
        [{ learnerId: w.bea.id, code: "present", contribution: 0 }],
        1,
        w.tutorA.id,
        nowInstant
      )
      expect((yield* repo.forDay(DataScope.school(w.schoolA.id), day))[0]?.complete).toBe(true)
      expect(yield* repo.forDay(DataScope.provider(w.providerA.id), day.add({ days: 1 }))).toEqual([])
    })
  )

  it.effect("lessons: the day's registers by course and by cohort, and the filters each reader may see", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* LessonRepository.LessonRepository
      const cara = yield* learner(w.schoolB.id, "Cara", "Cole", "Year 9")
      yield* enrol(cara.id, w.courseA.id)
      // A cohort no other test uses, so CAP's view of the shared database can be checked exactly.
      const own = `Cohort ${w.courseB.id}`
      const dan = yield* learner(w.schoolA.id, "Dan", "Doyle", own)
      const eli = yield* learner(w.schoolA.id, "Eli", "Evans")
      yield* enrol(dan.id, w.courseB.id)
      yield* enrol(eli.id, w.courseB.id)
      const providerA = DataScope.provider(w.providerA.id)
      const providerB = DataScope.provider(w.providerB.id)
      const schoolA = DataScope.school(w.schoolA.id)
      const lessonIds = (xs: ReadonlyArray<LessonRepository.LessonSummary>) => xs.map((x) => x.lesson.id)

      expect(yield* repo.filtersForDay(providerA, day)).toEqual({
        courses: [{ id: w.courseA.id, title: "Motor vehicle basics" }],
        cohorts: ["Year 10", "Year 9"]
      })
      // Provider B never learns provider A's cohorts, nor school A another school's.
      expect(yield* repo.filtersForDay(providerB, day)).toEqual({
        courses: [{ id: w.courseB.id, title: "Catering skills" }],
        cohorts: [own, "Year 11"]
      })
      expect(yield* repo.filtersForDay(schoolA, day)).toEqual({
        courses: [
          { id: w.courseB.id, title: "Catering skills" },
          { id: w.courseA.id, title: "Motor vehicle basics" }
        ],
        cohorts: [own, "Year 10", "Year 11"]
      })
      expect(yield* repo.filtersForDay(providerA, day.add({ days: 1 }))).toEqual({ courses: [], cohorts: [] })

      // The filter picks registers; each keeps its whole count of learners.
      const year9 = yield* repo.forDay(providerA, day, { cohort: "Year 9" })
      expect(year9.map((x) => [x.lesson.id, x.learnerCount])).toEqual([[w.lessonA.id, 3]])
      expect(lessonIds(yield* repo.forDay(providerA, day, { cohort: "Year 11" }))).toEqual([])
      expect(lessonIds(yield* repo.forDay(providerB, day, { cohort: "Year 10" }))).toEqual([])
      expect(lessonIds(yield* repo.forDay(providerB, day, { cohort: "Year 11" }))).toEqual([w.lessonB.id])
      // School A sees lesson A for Ava, but Cara of Year 9 is school B's.
      expect(lessonIds(yield* repo.forDay(schoolA, day, { cohort: "Year 9" }))).toEqual([])
      expect(lessonIds(yield* repo.forDay(schoolA, day, { cohort: "Year 10" }))).toEqual([w.lessonA.id])
      expect(lessonIds(yield* repo.forDay(DataScope.all, day, { cohort: own }))).toEqual([w.lessonB.id])
      expect((yield* repo.filtersForDay(DataScope.all, day)).cohorts).toContain(own)
      expect(
        lessonIds(yield* repo.forDay(schoolA, day, { courseId: w.courseA.id, cohort: "Year 10" }))
      ).toEqual([w.lessonA.id])
      expect(lessonIds(yield* repo.forDay(schoolA, day, { courseId: w.courseB.id }))).toEqual([w.lessonB.id])
      expect(
        lessonIds(yield* repo.forDay(schoolA, day, { courseId: w.courseB.id, cohort: "Year 10" }))
      ).toEqual([])
      expect(yield* repo.forDay(providerA, day, { courseId: w.courseB.id })).toEqual([])
    })
  )

  it.effect("lessons: find and list a course's lessons between two days, scoped", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* LessonRepository.LessonRepository
      const next = yield* lesson(w.courseA.id, day.add({ days: 7 }))
      const earlier = { ...(yield* lesson(w.courseA.id, day, "08:00", "09:00")) }
      expect(
        yield* repo.forCourse(DataScope.provider(w.providerA.id), w.courseA.id, day, day.add({ days: 7 }))
      ).toEqual([earlier, w.lessonA, next])
      expect(
        yield* repo.forCourse(DataScope.provider(w.providerB.id), w.courseA.id, day, day.add({ days: 7 }))
      ).toEqual([])
      expect(yield* repo.findById(DataScope.school(w.schoolB.id), w.lessonA.id)).toEqual(
        Option.some(w.lessonA)
      )
      expect(yield* repo.findById(DataScope.school(w.schoolB.id), w.lessonB.id)).toEqual(Option.none())
      expect(yield* repo.findById(DataScope.provider(w.providerB.id), w.lessonA.id)).toEqual(Option.none())
      const many = [
        yield* Effect.map(newId(Ids.LessonId), (id) => ({ ...next, id, date: day.add({ days: 14 }) })),
        yield* Effect.map(newId(Ids.LessonId), (id) => ({ ...next, id, date: day.add({ days: 21 }) }))
      ]
      yield* repo.createMany(many)
      expect(
        ids(yield* repo.forCourse(DataScope.all, w.courseA.id, day.add({ days: 8 }), day.add({ days: 30 })))
      ).toEqual(ids(many))
    })
  )
}

export const notes = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("notes: added and read by whoever may see the learner, newest first", () =>
    Effect.gen(function* () {
      yield* setNow()
      const w = yield* world
      const repo = yield* NoteRepository.NoteRepository
      const note = (text: string, minutes: number, by = w.tutorA) =>
        Effect.map(newId(Ids.NoteId), (id) => ({
          id,
          learnerId: w.bea.id,
          authorId: by.id,
          authorOrganisationId: by.organisationId,
          text,
          createdAt: DateTime.add(nowInstant, { minutes })
        }))
      const first = yield* note("Settled in well", 0)
      const second = yield* note("Asked about the next course", 5)
      yield* repo.add(DataScope.provider(w.providerA.id), first)
      yield* repo.add(DataScope.school(w.schoolB.id), second)
      expect(yield* repo.forLearner(DataScope.school(w.schoolB.id), w.bea.id)).toEqual([second, first])
      expect(yield* repo.forLearner(DataScope.school(w.schoolA.id), w.bea.id)).toEqual([])
      const refused = yield* Effect.either(
        repo.add(DataScope.school(w.schoolA.id), yield* note("Not mine", 9))
      )
      expect(Either.isLeft(refused) && refused.left._tag).toBe("LearnerNotFound")
      expect((yield* repo.forLearner(DataScope.all, w.bea.id)).length).toBe(2)
    })
  )
}
