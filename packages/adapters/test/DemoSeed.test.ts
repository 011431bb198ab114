import { describe, expect, it } from "@effect/vitest"
import {
  Accounts,
  CourseCategory,
  CourseRepository,
  DataScope,
  LearnerRepository,
  LessonRepository,
  OrganisationRepository,
  RegisterRepository,
  UserRepository
} from "@openap/core"
import { ConfigProvider, DateTime, Effect, Layer, Option, TestClock } from "effect"
import { Temporal } from "temporal-polyfill"
import { demoAccounts, seedDemo } from "../src/demo/Seed.js"
import * as Store from "../src/Store.js"

const hasher = Layer.succeed(Accounts.PasswordHasher, {
  hash: (password: string) => Effect.succeed(`test-hash:${password}`),
  verify: (stored: Option.Option<string>, password: string) =>
    Effect.succeed(Option.getOrUndefined(stored) === `test-hash:${password}`)
})

// Tuesday 14 October 2025, 11:20 in London (BST): a school day with lessons under way.
const seededAt = DateTime.unsafeMake("2025-10-14T10:20:00Z")
const today = Temporal.PlainDate.from("2025-10-14")

const checkDemo = Effect.gen(function* () {
  const organisations = yield* OrganisationRepository.OrganisationRepository
  const users = yield* UserRepository.UserRepository
  const learners = yield* LearnerRepository.LearnerRepository
  const courses = yield* CourseRepository.CourseRepository
  const lessons = yield* LessonRepository.LessonRepository
  const registers = yield* RegisterRepository.RegisterRepository

  const orgs = yield* organisations.list()
  expect(orgs.map((o) => o.kind).sort()).toEqual(["cap", "provider", "provider", "school", "school"])
  for (const account of demoAccounts) {
    const user = Option.getOrThrow(yield* users.findByEmail(account.email))
    expect(user.roles).toEqual(account.roles)
    expect(Option.map(yield* users.getCredentials(user.id), (c) => c.passwordHash)).toEqual(
      Option.some("test-hash:openap-demo")
    )
  }
  const schoolA = Option.getOrThrow(Option.fromNullable(orgs.find((o) => o.name === "Alder Park School")))
  const schoolB = Option.getOrThrow(Option.fromNullable(orgs.find((o) => o.name === "Birchwood Academy")))
  const all = yield* learners.list(DataScope.all, {}, { offset: 0, limit: 100 })
  expect(all.total).toBeGreaterThanOrEqual(30)
  for (const learner of all.items) {
    expect((yield* learners.emergencyContacts(DataScope.all, learner.id)).length).toBeGreaterThan(0)
  }
  const a = yield* learners.list(DataScope.school(schoolA.id), {}, { offset: 0, limit: 100 })
  const b = yield* learners.list(DataScope.school(schoolB.id), {}, { offset: 0, limit: 100 })
  expect(a.total + b.total).toBe(all.total)
  expect(a.items.some((l) => b.items.some((m) => m.id === l.id))).toBe(false)

  const courseList = yield* courses.list({})
  expect(courseList.length).toBeGreaterThanOrEqual(8)
  expect(new Set(courseList.map((c) => c.category))).toEqual(new Set(CourseCategory.all))

  for (const provider of orgs.filter((o) => o.kind === "provider")) {
    const scope = DataScope.provider(provider.id)
    const todays = yield* lessons.forDay(scope, today)
    const begun = todays.filter((s) => s.lesson.startTime.equals(Temporal.PlainTime.from("10:20")))
    expect(begun.map((s) => [s.lesson.endTime.toString(), s.markedCount, s.learnerCount > 0])).toEqual([
      ["12:20:00", 0, true]
    ])
    const tomorrow = yield* lessons.forDay(scope, today.add({ days: 1 }))
    expect(tomorrow.some((s) => s.lesson.startTime.equals(Temporal.PlainTime.from("10:00")))).toBe(true)
    const lastWeek = yield* lessons.forDay(scope, today.subtract({ days: 7 }))
    expect(lastWeek.length).toBeGreaterThan(0)
    expect(lastWeek.every((s) => s.complete)).toBe(true)
    const nextWeek = yield* lessons.forDay(scope, today.add({ days: 7 }))
    expect(nextWeek.length).toBeGreaterThan(0)
  }
  const unprocessed = yield* registers.unprocessedAbsences(DataScope.school(schoolA.id))
  expect(unprocessed.length).toBeGreaterThan(0)
  const records = yield* learners.trainingRecords(DataScope.school(schoolA.id), {}, { offset: 0, limit: 100 })
  const codes = new Set(
    records.items.flatMap((r) =>
      Object.entries(r.attendance)
        .filter(([, n]) => n > 0)
        .map(([c]) => c)
    )
  )
  expect([...codes].sort()).toEqual(
    expect.arrayContaining([
      "authorised_absence",
      "late",
      "present",
      "unauthorised_absence",
      "unexplained_absence"
    ])
  )
})

describe("demo seed", () => {
  it.effect("fills an empty memory store with the demo council, then refuses to run again", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(DateTime.toEpochMillis(seededAt))
      const first = yield* seedDemo("openap-demo")
      expect(first._tag).toBe("Seeded")
      yield* checkDemo
      const before = (yield* (yield* LearnerRepository.LearnerRepository).list(
        DataScope.all,
        {},
        { offset: 0, limit: 1 }
      )).total
      expect(yield* seedDemo("openap-demo")).toEqual({ _tag: "Skipped", reason: "database-not-empty" })
      expect(
        (yield* (yield* LearnerRepository.LearnerRepository).list(DataScope.all, {}, { offset: 0, limit: 1 }))
          .total
      ).toBe(before)
    }).pipe(Effect.provide(Layer.merge(Store.layerMemory, hasher)))
  )

  it.effect("adds no demo users to a store that already holds data", () =>
    Effect.gen(function* () {
      const organisations = yield* OrganisationRepository.OrganisationRepository
      yield* organisations.create({
        id: "11111111-1111-4111-8111-111111111111" as never,
        kind: "cap",
        name: "A real council"
      })
      expect(yield* seedDemo("openap-demo")).toEqual({ _tag: "Skipped", reason: "database-not-empty" })
      const users = yield* UserRepository.UserRepository
      expect(yield* users.findByEmail("cap.admin@demo.openap.test")).toEqual(Option.none())
    }).pipe(Effect.provide(Layer.merge(Store.layerMemory, hasher)))
  )

  it.effect("never seeds when NODE_ENV is production", () =>
    Effect.gen(function* () {
      expect(yield* seedDemo("openap-demo")).toEqual({ _tag: "Skipped", reason: "production" })
      expect(yield* (yield* OrganisationRepository.OrganisationRepository).isEmpty).toBe(true)
    }).pipe(
      Effect.provide(Layer.merge(Store.layerMemory, hasher)),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["NODE_ENV", "production"]])))
    )
  )

  it.effect(
    "loads the same demo council into the embedded PostgreSQL",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(DateTime.toEpochMillis(seededAt))
        expect((yield* seedDemo("openap-demo"))._tag).toBe("Seeded")
        yield* checkDemo
      }).pipe(Effect.provide(Layer.merge(Store.layerEmbeddedInMemory, hasher))),
    120_000
  )
})
