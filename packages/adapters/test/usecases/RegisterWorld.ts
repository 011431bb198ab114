import {
  Actor,
  Course,
  CourseRepository,
  EnrolmentRepository,
  Ids,
  LearnerRepository,
  LessonRepository,
  OrganisationRepository,
  type OrgKind,
  type Role,
  User,
  UserRepository
} from "@openap/core"
import { Effect } from "effect"
import { Temporal } from "temporal-polyfill"

/**
 * A small council for the register use cases: CAP, schools A and B, providers P and Q. Provider P
 * runs "Motor vehicle" with a lesson today that started at 09:00 and one tomorrow; provider Q runs
 * "Catering" today. Learners Ava and Amir (school A) and Bea (school B) are on P's course; Zak
 * (school A) is on Q's course only. Ava and Bea are in Year 10, Amir in Year 11, Zak in Year 9. The clock stands at 10:00 London time on Monday 6 October 2025.
 */
const id = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, "0")}`

export const orgs = {
  cap: Ids.OrganisationId.make(id(1)),
  schoolA: Ids.OrganisationId.make(id(2)),
  schoolB: Ids.OrganisationId.make(id(3)),
  providerP: Ids.OrganisationId.make(id(4)),
  providerQ: Ids.OrganisationId.make(id(5))
}

export const today = Temporal.PlainDate.from("2025-10-06")
export const nowIso = "2025-10-06T10:00:00+01:00[Europe/London]"
export const nowMillis = Temporal.ZonedDateTime.from(nowIso).epochMilliseconds

export const courses = { motor: Ids.CourseId.make(id(20)), catering: Ids.CourseId.make(id(21)) }
export const lessons = {
  motorToday: Ids.LessonId.make(id(30)),
  motorTomorrow: Ids.LessonId.make(id(31)),
  cateringToday: Ids.LessonId.make(id(32)),
  motorLastWeek: Ids.LessonId.make(id(33))
}
export const learners = {
  ava: Ids.LearnerId.make(id(40)),
  amir: Ids.LearnerId.make(id(41)),
  bea: Ids.LearnerId.make(id(42)),
  zak: Ids.LearnerId.make(id(43))
}

let userCount = 100
const person = (kind: OrgKind.OrgKind, organisationId: Ids.OrganisationId, ...roles: Role.Role[]) => {
  const userId = Ids.UserId.make(id(userCount++))
  return Actor.Actor.make({ userId, organisationId, orgKind: kind, roles })
}

export const people = {
  capAdmin: person("cap", orgs.cap, "admin"),
  capOfficer: person("cap", orgs.cap, "monitoring_officer"),
  schoolA: person("school", orgs.schoolA, "cap_coordinator"),
  schoolADsl: person("school", orgs.schoolA, "dsl"),
  schoolB: person("school", orgs.schoolB, "dsl"),
  providerP: person("provider", orgs.providerP, "tutor"),
  providerQ: person("provider", orgs.providerQ, "cap_coordinator")
}

const names: Record<string, string> = {
  [orgs.cap]: "Coventry CAP",
  [orgs.schoolA]: "Alder School",
  [orgs.schoolB]: "Birch Academy",
  [orgs.providerP]: "Pathways Training",
  [orgs.providerQ]: "Quay Kitchens"
}
const kinds: Record<string, OrgKind.OrgKind> = {
  [orgs.cap]: "cap",
  [orgs.schoolA]: "school",
  [orgs.schoolB]: "school",
  [orgs.providerP]: "provider",
  [orgs.providerQ]: "provider"
}

/** Writes the world into whichever store the test runs on; the test sets the clock to `nowMillis`. */
export const seed = Effect.gen(function* () {
  const organisations = yield* OrganisationRepository.OrganisationRepository
  for (const [orgId, name] of Object.entries(names))
    yield* organisations.create({ id: orgId as Ids.OrganisationId, kind: kinds[orgId]!, name })
  const users = yield* UserRepository.UserRepository
  for (const [key, actor] of Object.entries(people))
    yield* users
      .create({
        id: actor.userId,
        organisationId: actor.organisationId,
        email: User.EmailAddress.make(`${key.toLowerCase()}@example.org`),
        displayName: `Person ${key}`,
        roles: actor.roles,
        disabled: false
      })
      .pipe(Effect.orDie)
  const courseRepo = yield* CourseRepository.CourseRepository
  const course = (courseId: Ids.CourseId, providerId: Ids.OrganisationId, title: string) =>
    courseRepo.create({
      id: courseId,
      providerId,
      title,
      category: "vocational_practical_skills",
      academicYear: Course.AcademicYear.make("2025/26"),
      description: title,
      studentInterests: []
    })
  yield* course(courses.motor, orgs.providerP, "Motor vehicle")
  yield* course(courses.catering, orgs.providerQ, "Catering")
  const learnerRepo = yield* LearnerRepository.LearnerRepository
  const learner = (
    learnerId: Ids.LearnerId,
    schoolId: Ids.OrganisationId,
    givenName: string,
    familyName: string,
    cohort: string
  ) =>
    learnerRepo.create({
      id: learnerId,
      schoolId,
      givenName,
      familyName,
      dateOfBirth: Temporal.PlainDate.from("2010-05-01"),
      cohort
    })
  yield* learner(learners.ava, orgs.schoolA, "Ava", "Adams", "Year 10")
  yield* learner(learners.amir, orgs.schoolA, "Amir", "Ahmed", "Year 11")
  yield* learner(learners.bea, orgs.schoolB, "Bea", "Brown", "Year 10")
  yield* learner(learners.zak, orgs.schoolA, "Zak", "Zane", "Year 9")
  const enrolments = yield* EnrolmentRepository.EnrolmentRepository
  const start = Temporal.PlainDate.from("2025-09-01")
  let n = 50
  for (const learnerId of [learners.ava, learners.amir, learners.bea])
    yield* enrolments.create({
      id: Ids.EnrolmentId.make(id(n++)),
      learnerId,
      courseId: courses.motor,
      startDate: start
    })
  yield* enrolments.create({
    id: Ids.EnrolmentId.make(id(n++)),
    learnerId: learners.zak,
    courseId: courses.catering,
    startDate: start
  })
  const lessonRepo = yield* LessonRepository.LessonRepository
  const at = (
    lessonId: Ids.LessonId,
    courseId: Ids.CourseId,
    date: Temporal.PlainDate,
    from: string,
    to: string
  ) =>
    lessonRepo.create({
      id: lessonId,
      courseId,
      date,
      startTime: Temporal.PlainTime.from(from),
      endTime: Temporal.PlainTime.from(to)
    })
  yield* at(lessons.motorToday, courses.motor, today, "09:00", "12:00")
  yield* at(lessons.motorTomorrow, courses.motor, today.add({ days: 1 }), "09:00", "12:00")
  yield* at(lessons.cateringToday, courses.catering, today, "13:00", "15:00")
  yield* at(lessons.motorLastWeek, courses.motor, today.subtract({ days: 7 }), "09:00", "12:00")
})
