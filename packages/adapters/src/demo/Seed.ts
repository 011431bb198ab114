import {
  Accounts,
  type AttendanceCode,
  AuditLog,
  type Course,
  CoursePart,
  CourseRepository,
  DataScope,
  Dates,
  EmergencyContact,
  EnrolmentRepository,
  IdGenerator,
  Ids,
  LearnerRepository,
  LessonRepository,
  NoteRepository,
  OrganisationRepository,
  RegisterRepository,
  UnitOfWork,
  type User,
  UserRepository
} from "@openap/core"
import { Clock, Config, DateTime, Effect, Option } from "effect"
import { Temporal } from "temporal-polyfill"
import * as DemoData from "./DemoData.js"

/** The demo users' password: DEMO_PASSWORD, or `openap-demo`. */
export const demoPassword: Config.Config<string> = Config.string("DEMO_PASSWORD").pipe(
  Config.withDefault("openap-demo")
)

export const demoAccounts = DemoData.accounts

export type SeedResult =
  | {
      readonly _tag: "Seeded"
      readonly accounts: ReadonlyArray<DemoData.DemoAccount>
      readonly password: string
    }
  | { readonly _tag: "Skipped"; readonly reason: "database-not-empty" | "production" }

/** Stable pseudo-random numbers, so every demo database looks the same. */
const pick = (n: number, modulo: number) => ((n * 2654435761) >>> 0) % modulo

const pastCode = (n: number): AttendanceCode.AttendanceCode => {
  const r = pick(n, 100)
  return r < 72
    ? "present"
    : r < 82
      ? "late"
      : r < 92
        ? "unexplained_absence"
        : r < 95
          ? "dismissed_behaviour"
          : r < 97
            ? "dismissed_other"
            : "not_required"
}

/**
 * Fills an EMPTY store with the demo council: CAP, two schools, two providers, the demo users,
 * ten courses across the directory's categories, thirty-two learners with emergency contacts and
 * enrolments, and lessons from two weeks ago to a week ahead. Past registers are marked (some
 * absences processed by the school, some left for it to process); each provider also has a lesson
 * that began an hour ago, ready to be marked, and one tomorrow. It refuses (Skipped) when the store
 * holds any organisation, or when NODE_ENV is production, and writes everything in one transaction.
 */
export const seedDemo = (password: string) =>
  Effect.gen(function* () {
    const nodeEnv = yield* Config.option(Config.string("NODE_ENV")).pipe(Effect.orDie)
    if (Option.getOrUndefined(nodeEnv) === "production") {
      return { _tag: "Skipped", reason: "production" } satisfies SeedResult as SeedResult
    }
    const organisations = yield* OrganisationRepository.OrganisationRepository
    if (!(yield* organisations.isEmpty)) {
      return { _tag: "Skipped", reason: "database-not-empty" } satisfies SeedResult as SeedResult
    }
    const hasher = yield* Accounts.PasswordHasher
    const hashes = yield* Effect.forEach(DemoData.accounts, () => hasher.hash(password))
    const uow = yield* UnitOfWork.UnitOfWork
    const seeded = yield* uow.transaction(
      Effect.gen(function* () {
        // Checked again inside the transaction: two processes starting at once must not both seed.
        if (!(yield* organisations.isEmpty)) return false
        yield* write(hashes)
        return true
      })
    )
    return seeded
      ? ({ _tag: "Seeded", accounts: DemoData.accounts, password } satisfies SeedResult as SeedResult)
      : ({ _tag: "Skipped", reason: "database-not-empty" } satisfies SeedResult as SeedResult)
  })

const write = (hashes: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const organisations = yield* OrganisationRepository.OrganisationRepository
    const users = yield* UserRepository.UserRepository
    const courseRepo = yield* CourseRepository.CourseRepository
    const learnerRepo = yield* LearnerRepository.LearnerRepository
    const enrolments = yield* EnrolmentRepository.EnrolmentRepository
    const lessons = yield* LessonRepository.LessonRepository
    const registers = yield* RegisterRepository.RegisterRepository
    const notes = yield* NoteRepository.NoteRepository
    const audit = yield* AuditLog.AuditLog
    const newId = IdGenerator.newId

    const nowMs = yield* Clock.currentTimeMillis
    const now = DateTime.unsafeMake(nowMs)
    const local = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(Dates.councilTimeZone)
    const today = local.toPlainDate()

    const orgIds = {} as Record<DemoData.OrganisationKey, Ids.OrganisationId>
    for (const o of Object.values(DemoData.organisations)) {
      const id = yield* newId(Ids.OrganisationId)
      orgIds[o.key] = id
      const { key: _, ...rest } = o
      yield* organisations.create({ id, ...rest })
    }

    const userIds = new Map<string, Ids.UserId>()
    for (const [i, account] of DemoData.accounts.entries()) {
      const id = yield* newId(Ids.UserId)
      userIds.set(account.email, id)
      yield* users.create({
        id,
        organisationId: orgIds[account.organisation],
        email: account.email as User.EmailAddress,
        displayName: account.displayName,
        roles: account.roles,
        disabled: false
      })
      yield* users.setPasswordHash(id, hashes[i] as string, now)
    }
    const userId = (email: string) => userIds.get(email) as Ids.UserId
    const tutorOf = {
      providerA: userId("provider.tutor@demo.openap.test"),
      providerB: userId("other.provider@demo.openap.test")
    }
    const processorOf = {
      schoolA: userId("school.coordinator@demo.openap.test"),
      schoolB: userId("other.school@demo.openap.test")
    }

    const academicYearStart = today.month >= 9 ? today.year : today.year - 1
    const academicYear =
      `${academicYearStart}/${String((academicYearStart + 1) % 100).padStart(2, "0")}` as Course.AcademicYear
    const courseIds: Array<Ids.CourseId> = []
    for (const c of DemoData.courses) {
      const id = yield* newId(Ids.CourseId)
      courseIds.push(id)
      yield* courseRepo.create({
        id,
        providerId: orgIds[c.provider],
        title: c.title,
        category: c.category,
        academicYear,
        description: c.description,
        ...(c.qualification === undefined ? {} : { qualification: c.qualification }),
        availability: "Places available",
        days: c.days,
        price: "Funded by the council for referred learners",
        address: DemoData.organisations[c.provider].address,
        studentInterests: c.interests
      })
      for (const [p, part] of c.parts.entries()) {
        const partId = yield* newId(CoursePart.CoursePartId)
        yield* courseRepo.createPart({ id: partId, courseId: id, title: part.title, position: p + 1 })
        for (const [u, title] of part.units.entries()) {
          yield* courseRepo.createUnit({
            id: yield* newId(Ids.UnitId),
            courseId: id,
            partId,
            title,
            position: u + 1
          })
        }
      }
    }

    // Enrolled six weeks ago: each learner on one course, every third on a second one too.
    const enrolmentStart = today.subtract({ weeks: 6 })
    const learnerIds: Array<Ids.LearnerId> = []
    const rosterOf = new Map<number, Array<number>>()
    for (const [i, l] of DemoData.learners.entries()) {
      const id = yield* newId(Ids.LearnerId)
      learnerIds.push(id)
      yield* learnerRepo.create({
        id,
        schoolId: orgIds[l.school],
        givenName: l.givenName,
        familyName: l.familyName,
        dateOfBirth: Temporal.PlainDate.from(l.dateOfBirth),
        cohort: l.cohort,
        address: `${10 + i} Example Street`
      })
      const contacts: Array<EmergencyContact.EmergencyContact> = [
        {
          id: yield* newId(EmergencyContact.EmergencyContactId),
          learnerId: id,
          name: `${i % 2 === 0 ? "Alex" : "Jordan"} ${l.familyName}`,
          relationship: i % 2 === 0 ? "Mother" : "Father",
          telephone: `07700 900${String(100 + i).padStart(3, "0")}`,
          priority: 1
        }
      ]
      if (i % 2 === 0) {
        contacts.push({
          id: yield* newId(EmergencyContact.EmergencyContactId),
          learnerId: id,
          name: `Robin ${l.familyName}`,
          relationship: "Grandparent",
          telephone: `024 7600 ${String(3000 + i)}`,
          email: `robin.${l.familyName.toLowerCase()}@example.test`,
          priority: 2
        })
      }
      yield* learnerRepo.replaceEmergencyContacts(id, contacts)
      const placements =
        i % 3 === 0 ? [i % courseIds.length, (i + 3) % courseIds.length] : [i % courseIds.length]
      for (const c of placements) {
        yield* enrolments.create({
          id: yield* newId(Ids.EnrolmentId),
          learnerId: id,
          courseId: courseIds[c] as Ids.CourseId,
          startDate: enrolmentStart
        })
        rosterOf.set(c, [...(rosterOf.get(c) ?? []), i])
      }
    }

    // Lessons from two weeks ago to a week ahead, on each course's weekdays.
    let n = 0
    let decisions = 0
    for (let offset = -14; offset <= 7; offset++) {
      const date = today.add({ days: offset })
      for (const [c, course] of DemoData.courses.entries()) {
        if (!course.weekdays.includes(date.dayOfWeek)) continue
        const lessonId = yield* newId(Ids.LessonId)
        yield* lessons.create({
          id: lessonId,
          courseId: courseIds[c] as Ids.CourseId,
          date,
          startTime: Temporal.PlainTime.from(course.start),
          endTime: Temporal.PlainTime.from(course.end)
        })
        if (offset >= 0) continue
        const roster = rosterOf.get(c) ?? []
        const marks = roster.map((i) => {
          const code = pastCode(n++)
          return {
            learnerId: learnerIds[i] as Ids.LearnerId,
            code,
            contribution: code === "present" ? pick(n, 4) - 1 : 0,
            ...(code === "late" && pick(n, 3) === 0 ? { note: "Bus was late" } : {})
          }
        })
        const at = DateTime.unsafeMake(
          date.toZonedDateTime({ timeZone: Dates.councilTimeZone, plainTime: course.end }).epochMilliseconds
        )
        yield* registers.save(DataScope.all, lessonId, marks, 0, tutorOf[course.provider], at)
        // Schools process most absences within a day or two; the rest wait in their list.
        const processed = marks.flatMap((m) => {
          if (m.code !== "unexplained_absence") return []
          const decision = decisions++ % 3
          return decision === 0
            ? []
            : [
                {
                  ...m,
                  code: decision === 1 ? ("authorised_absence" as const) : ("unauthorised_absence" as const)
                }
              ]
        })
        for (const school of ["schoolA", "schoolB"] as const) {
          const theirs = processed.filter(
            (m) => DemoData.learners[learnerIds.indexOf(m.learnerId)]?.school === school
          )
          if (theirs.length === 0) continue
          const loaded = Option.getOrThrow(yield* registers.load(DataScope.all, lessonId))
          yield* registers.save(
            DataScope.school(orgIds[school]),
            lessonId,
            theirs,
            loaded.version,
            processorOf[school],
            DateTime.add(at, { hours: 20 })
          )
        }
      }
    }

    // For each provider: a lesson that began an hour ago (markable now) and one tomorrow. Just after
    // midnight the hour-ago lesson is yesterday's, and ends before the day does.
    const begun = local.subtract({ hours: 1 })
    const minute = { smallestUnit: "minute", roundingMode: "floor" } as const
    const ends = begun.add({ hours: 2 })
    const endTime = ends.toPlainDate().equals(begun.toPlainDate())
      ? ends.toPlainTime().round(minute)
      : Temporal.PlainTime.from("23:59:59")
    for (const provider of ["providerA", "providerB"] as const) {
      const courseId = courseIds[
        DemoData.courses.findIndex((course) => course.provider === provider)
      ] as Ids.CourseId
      yield* lessons.create({
        id: yield* newId(Ids.LessonId),
        courseId,
        date: begun.toPlainDate(),
        startTime: begun.toPlainTime().round(minute),
        endTime
      })
      yield* lessons.create({
        id: yield* newId(Ids.LessonId),
        courseId,
        date: today.add({ days: 1 }),
        startTime: Temporal.PlainTime.from("10:00"),
        endTime: Temporal.PlainTime.from("12:00")
      })
    }

    for (const [i, text] of [
      [0, "Settling in well; enjoys the practical sessions."],
      [1, "Prefers to be called by a shortened name. Please check with the school."],
      [18, "Has asked about moving on to the level 2 course next term."]
    ] as const) {
      yield* notes.add(DataScope.all, {
        id: yield* newId(Ids.NoteId),
        learnerId: learnerIds[i] as Ids.LearnerId,
        authorId: tutorOf.providerA,
        authorOrganisationId: orgIds.providerA,
        text,
        createdAt: DateTime.subtract(now, { hours: 72 - i })
      })
    }

    yield* audit.append({
      actor: { _tag: "System", name: "demo-seed" },
      at: now,
      action: "demo.seeded",
      subject: { type: "store", id: "demo" },
      detail: {
        organisations: 5,
        users: DemoData.accounts.length,
        learners: learnerIds.length,
        courses: courseIds.length
      }
    })
  }).pipe(Effect.orDie)
