import {
  type AttendanceCode,
  type Course,
  CourseRepository,
  DataScope,
  EnrolmentRepository,
  Ids,
  LearnerRepository,
  LessonRepository,
  OrganisationRepository,
  RegisterRepository,
  User,
  UserRepository
} from "@openap/core"
import { DateTime, Effect, Schema } from "effect"
import { Temporal } from "temporal-polyfill"

/** Fixed ids, so tests can name who is who. */
const id = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, "0")}`

export const ids = {
  cap: Ids.OrganisationId.make(id(1)),
  schoolA: Ids.OrganisationId.make(id(2)),
  schoolB: Ids.OrganisationId.make(id(3)),
  provider: Ids.OrganisationId.make(id(4)),
  course: Ids.CourseId.make(id(10)),
  amy: Ids.LearnerId.make(id(20)),
  ben: Ids.LearnerId.make(id(21)),
  cara: Ids.LearnerId.make(id(22)),
  tutor: Ids.UserId.make(id(30)),
  lesson: (day: Temporal.PlainDate, slot: number) =>
    Ids.LessonId.make(
      `00000000-0000-4000-9${String(slot).padStart(3, "0")}-${day.toString().replaceAll("-", "").padStart(12, "0")}`
    )
}

export const addresses = {
  schoolACoordinator: "coordinator@school-a.example",
  schoolADsl: "dsl@school-a.example",
  schoolADisabled: "left@school-a.example",
  schoolBCoordinator: "coordinator@school-b.example",
  providerCoordinator: "coordinator@provider.example",
  providerTutor: "tutor@provider.example"
}

const user = (
  n: number,
  organisationId: Ids.OrganisationId,
  email: string,
  roles: User.User["roles"],
  disabled = false
) =>
  Schema.decodeUnknownSync(User.User)({
    id: id(n),
    organisationId,
    email,
    displayName: email.split("@")[0],
    roles,
    disabled
  })

/**
 * Two schools and a provider. Amy and Ben are school A's, Cara is school B's; all three are on the
 * provider's one course.
 */
export const seed = Effect.gen(function* () {
  const orgs = yield* OrganisationRepository.OrganisationRepository
  yield* orgs.create({ id: ids.cap, kind: "cap", name: "Council AP team" })
  yield* orgs.create({ id: ids.schoolA, kind: "school", name: "Aldridge School" })
  yield* orgs.create({ id: ids.schoolB, kind: "school", name: "Brook Academy" })
  yield* orgs.create({ id: ids.provider, kind: "provider", name: "Ride High" })
  const users = yield* UserRepository.UserRepository
  for (const u of [
    user(31, ids.schoolA, addresses.schoolACoordinator, ["cap_coordinator"]),
    user(32, ids.schoolA, addresses.schoolADsl, ["dsl"]),
    user(33, ids.schoolA, addresses.schoolADisabled, ["dsl"], true),
    user(34, ids.schoolB, addresses.schoolBCoordinator, ["cap_coordinator", "dsl"]),
    user(35, ids.provider, addresses.providerCoordinator, ["cap_coordinator"]),
    user(30, ids.provider, addresses.providerTutor, ["tutor"])
  ]) {
    yield* Effect.orDie(users.create(u))
  }
  yield* (yield* CourseRepository.CourseRepository).create({
    id: ids.course,
    providerId: ids.provider,
    title: "Motor vehicle skills",
    category: "secondary_provision",
    academicYear: "2025/26" as Course.AcademicYear,
    description: "Hands-on workshop",
    studentInterests: []
  })
  const learners = yield* LearnerRepository.LearnerRepository
  const enrolments = yield* EnrolmentRepository.EnrolmentRepository
  const dob = Temporal.PlainDate.from("2010-03-01")
  for (const [n, learnerId, schoolId, givenName, familyName] of [
    [40, ids.amy, ids.schoolA, "Amy", "Olsen"],
    [41, ids.ben, ids.schoolA, "Ben", "Cole"],
    [42, ids.cara, ids.schoolB, "Cara", "Dunn"]
  ] as const) {
    yield* learners.create({ id: learnerId, schoolId, givenName, familyName, dateOfBirth: dob })
    yield* enrolments.create({
      id: Ids.EnrolmentId.make(id(n)),
      learnerId,
      courseId: ids.course,
      startDate: Temporal.PlainDate.from("2025-09-01")
    })
  }
})

/** A lesson of the course on `day`, from `start` to `end` (local times). */
export const lesson = (day: Temporal.PlainDate, start: string, end: string, slot = 1) =>
  Effect.gen(function* () {
    const lessonId = ids.lesson(day, slot)
    yield* (yield* LessonRepository.LessonRepository).create({
      id: lessonId,
      courseId: ids.course,
      date: day,
      startTime: Temporal.PlainTime.from(start),
      endTime: Temporal.PlainTime.from(end)
    })
    return lessonId
  })

/** Marks learners on a lesson's register, as the provider would. */
export const mark = (
  lessonId: Ids.LessonId,
  marks: ReadonlyArray<readonly [Ids.LearnerId, AttendanceCode.AttendanceCode]>
) =>
  Effect.gen(function* () {
    const registers = yield* RegisterRepository.RegisterRepository
    const scope = DataScope.provider(ids.provider)
    const register = yield* registers.load(scope, lessonId).pipe(Effect.flatten, Effect.orDie)
    yield* registers
      .save(
        scope,
        lessonId,
        marks.map(([learnerId, code]) => ({ learnerId, code, contribution: 0 })),
        register.version,
        ids.tutor,
        yield* DateTime.now
      )
      .pipe(Effect.orDie)
    return register
  })
