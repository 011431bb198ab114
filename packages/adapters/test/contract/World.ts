import {
  type Course,
  CourseRepository,
  EnrolmentRepository,
  IdGenerator,
  Ids,
  LearnerRepository,
  LessonRepository,
  OrganisationRepository,
  type Role,
  type User,
  UserRepository
} from "@openap/core"
import { DateTime, Effect, TestClock } from "effect"
import { Temporal } from "temporal-polyfill"

/** The day most contract tests happen on: a Monday in term. */
export const day = Temporal.PlainDate.from("2025-10-06")
export const nowInstant = DateTime.unsafeMake("2025-10-06T11:00:00Z")

/** Puts the test clock on `at` (default: 12:00 London time on `day`). */
export const setNow = (at: DateTime.Utc = nowInstant) => TestClock.setTime(DateTime.toEpochMillis(at))

export const newId = IdGenerator.newId

const org = (kind: "cap" | "school" | "provider", name: string) =>
  Effect.gen(function* () {
    const organisations = yield* OrganisationRepository.OrganisationRepository
    const id = yield* newId(Ids.OrganisationId)
    const o = { id, kind, name }
    yield* organisations.create(o)
    return o
  })

export const user = (organisationId: Ids.OrganisationId, roles: ReadonlyArray<Role.Role>, label: string) =>
  Effect.gen(function* () {
    const users = yield* UserRepository.UserRepository
    const id = yield* newId(Ids.UserId)
    const u = {
      id,
      organisationId,
      email: `${label}.${id.slice(-12)}@example.test` as User.EmailAddress,
      displayName: label,
      roles,
      disabled: false
    }
    yield* users.create(u)
    return u
  })

export const learner = (
  schoolId: Ids.OrganisationId,
  givenName: string,
  familyName: string,
  cohort?: string
) =>
  Effect.gen(function* () {
    const learners = yield* LearnerRepository.LearnerRepository
    const id = yield* newId(Ids.LearnerId)
    const l = {
      id,
      schoolId,
      givenName,
      familyName,
      dateOfBirth: Temporal.PlainDate.from("2010-03-04"),
      ...(cohort === undefined ? {} : { cohort })
    }
    yield* learners.create(l)
    return l
  })

export const course = (providerId: Ids.OrganisationId, title: string) =>
  Effect.gen(function* () {
    const courses = yield* CourseRepository.CourseRepository
    const id = yield* newId(Ids.CourseId)
    const c = {
      id,
      providerId,
      title,
      category: "vocational_practical_skills" as const,
      academicYear: "2025/26" as Course.AcademicYear,
      description: `${title}: hands-on sessions`,
      studentInterests: ["practical"]
    }
    yield* courses.create(c)
    return c
  })

export const enrol = (
  learnerId: Ids.LearnerId,
  courseId: Ids.CourseId,
  startDate = Temporal.PlainDate.from("2025-09-01"),
  endDate?: Temporal.PlainDate
) =>
  Effect.gen(function* () {
    const enrolments = yield* EnrolmentRepository.EnrolmentRepository
    const id = yield* newId(Ids.EnrolmentId)
    const e = { id, learnerId, courseId, startDate, ...(endDate === undefined ? {} : { endDate }) }
    yield* enrolments.create(e)
    return e
  })

export const lesson = (courseId: Ids.CourseId, date = day, start = "09:30", end = "12:00") =>
  Effect.gen(function* () {
    const lessons = yield* LessonRepository.LessonRepository
    const id = yield* newId(Ids.LessonId)
    const l = {
      id,
      courseId,
      date,
      startTime: Temporal.PlainTime.from(start),
      endTime: Temporal.PlainTime.from(end)
    }
    yield* lessons.create(l)
    return l
  })

/**
 * A small council of its own for each test (fresh ids, so tests can share one database):
 * school A's learners Ava and Amir, school B's learner Bea. Provider A's course has Ava and Bea;
 * provider B's course has Amir. One lesson of each course on `day`.
 */
export const world = Effect.gen(function* () {
  const cap = yield* org("cap", "Council AP team")
  const schoolA = yield* org("school", "Alder School")
  const schoolB = yield* org("school", "Birch School")
  const providerA = yield* org("provider", "Anvil Training")
  const providerB = yield* org("provider", "Beacon Skills")
  const capAdmin = yield* user(cap.id, ["admin"], "cap")
  const tutorA = yield* user(providerA.id, ["tutor"], "tutor")
  const coordinatorA = yield* user(schoolA.id, ["cap_coordinator"], "coordinator")
  const ava = yield* learner(schoolA.id, "Ava", "Adams", "Year 10")
  const amir = yield* learner(schoolA.id, "Amir", "Akhtar", "Year 11")
  const bea = yield* learner(schoolB.id, "Bea", "Brown", "Year 10")
  const courseA = yield* course(providerA.id, "Motor vehicle basics")
  const courseB = yield* course(providerB.id, "Catering skills")
  const avaOnA = yield* enrol(ava.id, courseA.id)
  const beaOnA = yield* enrol(bea.id, courseA.id)
  const amirOnB = yield* enrol(amir.id, courseB.id)
  const lessonA = yield* lesson(courseA.id)
  const lessonB = yield* lesson(courseB.id, day, "13:00", "15:00")
  return {
    cap,
    schoolA,
    schoolB,
    providerA,
    providerB,
    capAdmin,
    tutorA,
    coordinatorA,
    ava,
    amir,
    bea,
    courseA,
    courseB,
    avaOnA,
    beaOnA,
    amirOnB,
    lessonA,
    lessonB
  }
})
