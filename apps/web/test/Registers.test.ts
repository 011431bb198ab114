import {
  Course,
  CourseRepository,
  DataScope,
  EnrolmentRepository,
  IdGenerator,
  Ids,
  LearnerRepository,
  type LessonRegister,
  LessonRepository,
  OrganisationRepository,
  Outbox,
  Register,
  RegisterRepository
} from "@openap/core"
import { DateTime, Effect, Option } from "effect"
import { Temporal } from "temporal-polyfill"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Client, demo, mainText, makeTestApp, signedIn, type TestApp } from "./support/TestApp.js"

/**
 * The register journey through the web app with the demo council, and every refusal the issue
 * lists sent by hand as each demo role: refused, and the register, its history and the outbox
 * exactly as they were.
 */

let t: TestApp
let begun: LessonRegister.LessonRegister
let tomorrow: Ids.LessonId
let schoolA: Ids.OrganisationId
let schoolB: Ids.OrganisationId
const people: Record<string, Client> = {}

const run = <A>(
  effect: Effect.Effect<
    A,
    never,
    | RegisterRepository.RegisterRepository
    | LessonRepository.LessonRepository
    | Outbox.Outbox
    | OrganisationRepository.OrganisationRepository
    | CourseRepository.CourseRepository
    | LearnerRepository.LearnerRepository
    | EnrolmentRepository.EnrolmentRepository
    | IdGenerator.IdGenerator
  >
) => t.runtime.runPromise(effect)

const loadAll = (lessonId: Ids.LessonId) =>
  run(
    Effect.flatMap(RegisterRepository.RegisterRepository, (r) => r.load(DataScope.all, lessonId)).pipe(
      Effect.map(Option.getOrThrow)
    )
  )

/** Everything a refused request must leave as it was. */
const fingerprint = (lessonId: Ids.LessonId) =>
  run(
    Effect.gen(function* () {
      const registers = yield* RegisterRepository.RegisterRepository
      return {
        register: yield* registers.load(DataScope.all, lessonId),
        history: yield* registers.history(DataScope.all, lessonId),
        outbox: (yield* (yield* Outbox.Outbox).list({ limit: 500 })).map((n) => n.key)
      }
    })
  )

const editUrl = (lessonId: string) => `/registers/${lessonId}/edit`

/** The edit form's fields as the page offers them, with `lines` overriding some learners' fields. */
const formFor = async (client: Client, lessonId: string, lines: Record<string, Record<string, string>>) => {
  const page = await client.get(editUrl(lessonId))
  expect(page.statusCode).toBe(200)
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? "x"
  const form: Record<string, string | Array<string>> = { version, learner: Object.keys(lines) }
  for (const [learnerId, fields] of Object.entries(lines))
    for (const [name, value] of Object.entries(fields)) form[`${name}-${learnerId}`] = value
  return form
}

/** Sends `form` and checks it was refused with `status` and changed nothing. */
const refused = async (
  client: Client,
  lessonId: Ids.LessonId,
  form: Record<string, string | Array<string>>,
  status: number
) => {
  const before = await fingerprint(lessonId)
  const response = await client.post(editUrl(lessonId), form)
  expect(response.statusCode).toBe(status)
  expect(await fingerprint(lessonId)).toEqual(before)
  return response
}

const learnersOf = (register: LessonRegister.LessonRegister, schoolId: Ids.OrganisationId) =>
  register.learners.filter((l) => l.schoolId === schoolId)

beforeAll(async () => {
  t = await makeTestApp()
  for (const [key, email] of Object.entries(demo)) people[key] = await signedIn(t.app, email)
  // The demo seed gives each provider a lesson that began an hour ago (yesterday's, just after
  // midnight) and one tomorrow at 10:00.
  const found = await run(
    Effect.gen(function* () {
      const lessons = yield* LessonRepository.LessonRepository
      const organisations = yield* OrganisationRepository.OrganisationRepository
      const now = Temporal.Instant.fromEpochMilliseconds(DateTime.toEpochMillis(yield* DateTime.now))
      const today = now.toZonedDateTimeISO("Europe/London").toPlainDate()
      const anvil = (yield* organisations.list("provider")).find((o) => o.name === "Anvil Training Centre")
      const schools = yield* organisations.list("school")
      const days = [today.subtract({ days: 1 }), today, today.add({ days: 1 })]
      const all = (yield* Effect.forEach(days, (d) => lessons.forDay(DataScope.all, d))).flat()
      const ofAnvil = all.filter((s) => s.providerId === anvil?.id)
      const open = ofAnvil.filter(
        (s) =>
          s.markedCount === 0 &&
          Register.hasStarted(Register.lessonStart(s.lesson.date, s.lesson.startTime), now)
      )
      const later = ofAnvil.filter(
        (s) => !Register.hasStarted(Register.lessonStart(s.lesson.date, s.lesson.startTime), now)
      )
      return {
        open: open.at(-1)?.lesson.id,
        later: later[0]?.lesson.id,
        schoolA: schools.find((s) => s.name === "Alder Park School")?.id,
        schoolB: schools.find((s) => s.name === "Birchwood Academy")?.id
      }
    })
  )
  if (!found.open || !found.later || !found.schoolA || !found.schoolB)
    throw new Error("demo data has changed")
  begun = await loadAll(found.open)
  tomorrow = found.later
  schoolA = found.schoolA
  schoolB = found.schoolB
  if (learnersOf(begun, schoolA).length < 2 || learnersOf(begun, schoolB).length < 1)
    throw new Error("the begun lesson needs two of school A's learners and one of school B's")
})
afterAll(async () => t?.close())

describe("the provider marks a register", () => {
  it("lists today's registers and opens the begun one with a Mark register button", async () => {
    const list = await people["provider.tutor"]!.get("/registers")
    expect(list.statusCode).toBe(200)
    const page = await people["provider.tutor"]!.get(`/registers/${begun.lesson.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`href="${editUrl(begun.lesson.id)}"`)
    expect(mainText(page.body)).toContain("Mark register")
  })

  it("a lesson that has not started offers no editing, and a hand-made save is refused", async () => {
    const page = await people["provider.tutor"]!.get(`/registers/${tomorrow}`)
    expect(mainText(page.body)).toContain("This lesson has not started yet")
    expect(page.body).not.toContain(editUrl(tomorrow))
    expect((await people["provider.tutor"]!.get(editUrl(tomorrow))).statusCode).toBe(303)
    const learnerId = (await loadAll(tomorrow)).learners[0]!.learnerId
    await refused(
      people["provider.tutor"]!,
      tomorrow,
      { version: "0", learner: [learnerId], [`code-${learnerId}`]: "present" },
      403
    )
  })

  it("the contribution steps up and down without saving, and stops at the bounds", async () => {
    const [first] = learnersOf(begun, schoolA)
    const form = await formFor(people["provider.tutor"]!, begun.lesson.id, {
      [first!.learnerId]: { contribution: "1" }
    })
    const before = await fingerprint(begun.lesson.id)
    const up = await people["provider.tutor"]!.post(editUrl(begun.lesson.id), {
      ...form,
      step: `${first!.learnerId}:up`
    })
    expect(up.statusCode).toBe(200)
    expect(up.body).toContain(`name="contribution-${first!.learnerId}" value="2"`)
    expect(up.body).toMatch(new RegExp(`value="${first!.learnerId}:up"[^>]* disabled`))
    const again = await people["provider.tutor"]!.post(editUrl(begun.lesson.id), {
      ...form,
      [`contribution-${first!.learnerId}`]: "2",
      step: `${first!.learnerId}:up`
    })
    expect(again.body).toContain(`name="contribution-${first!.learnerId}" value="2"`)
    expect(await fingerprint(begun.lesson.id)).toEqual(before)
  })

  it("refuses authorised and unauthorised absences from a provider", async () => {
    const [first] = learnersOf(begun, schoolA)
    for (const code of ["authorised_absence", "unauthorised_absence"]) {
      const form = await formFor(people["provider.coordinator"]!, begun.lesson.id, {
        [first!.learnerId]: { code }
      })
      await refused(people["provider.coordinator"]!, begun.lesson.id, form, 403)
    }
  })

  it("refuses a contribution outside -2..+2 with the form shown again", async () => {
    const [first] = learnersOf(begun, schoolA)
    const form = await formFor(people["provider.tutor"]!, begun.lesson.id, {
      [first!.learnerId]: { code: "present", contribution: "3" }
    })
    const response = await refused(people["provider.tutor"]!, begun.lesson.id, form, 400)
    expect(mainText(response.body)).toContain("must be between -2 and +2")
  })

  it("refuses a mark for a learner not enrolled on the course", async () => {
    const enrolled = new Set(begun.learners.map((l) => l.learnerId))
    const other = (
      await run(
        Effect.flatMap(RegisterRepository.RegisterRepository, (r) =>
          r.unprocessedAbsences(DataScope.all, 500)
        )
      )
    ).find((a) => !enrolled.has(a.learnerId))
    expect(other).toBeDefined()
    const form = await formFor(people["provider.tutor"]!, begun.lesson.id, {
      [other!.learnerId]: { code: "present" }
    })
    await refused(people["provider.tutor"]!, begun.lesson.id, form, 400)
  })

  it("provider B cannot see, open or save provider A's register", async () => {
    const other = people["other.provider"]!
    expect((await other.get(`/registers/${begun.lesson.id}`)).statusCode).toBe(404)
    expect((await other.get(editUrl(begun.lesson.id))).statusCode).toBe(404)
    const learnerId = begun.learners[0]!.learnerId
    await refused(
      other,
      begun.lesson.id,
      { version: "0", learner: [learnerId], [`code-${learnerId}`]: "present" },
      404
    )
  })

  it("a school cannot process an incomplete register", async () => {
    const [first] = learnersOf(begun, schoolA)
    expect(
      mainText((await people["school.coordinator"]!.get(`/registers/${begun.lesson.id}`)).body)
    ).toContain("The provider has not completed this register yet")
    await refused(
      people["school.coordinator"]!,
      begun.lesson.id,
      { version: "0", learner: [first!.learnerId], [`code-${first!.learnerId}`]: "authorised_absence" },
      403
    )
  })

  it("saves the whole register: one unexplained absence, one present with +2, the rest present", async () => {
    const [absent, star] = learnersOf(begun, schoolA)
    const lines: Record<string, Record<string, string>> = {}
    for (const l of begun.learners) lines[l.learnerId] = { code: "present", contribution: "0", note: "" }
    lines[absent!.learnerId] = { code: "unexplained_absence", contribution: "0", note: "No call from home" }
    lines[star!.learnerId] = { code: "present", contribution: "2", note: "" }
    const form = await formFor(people["provider.tutor"]!, begun.lesson.id, lines)
    const response = await people["provider.tutor"]!.post(editUrl(begun.lesson.id), form)
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/registers/${begun.lesson.id}?saved=1`)
    const saved = await loadAll(begun.lesson.id)
    expect(saved.complete).toBe(true)
    expect(saved.learners.find((l) => l.learnerId === star!.learnerId)?.mark).toMatchObject({
      code: "present",
      contribution: 2
    })
    const page = await people["provider.tutor"]!.get(response.headers.location as string)
    expect(mainText(page.body)).toContain("Register saved")
    expect(mainText(page.body)).toContain("Changes to marks")
    const alerts = await run(Effect.flatMap(Outbox.Outbox, (o) => o.list({ limit: 500 })))
    expect(alerts.filter((n) => n.kind === "absence-alert" && n.key.includes(begun.lesson.id))).toHaveLength(
      1
    )
  })

  it("a save based on an older version is a conflict that overwrites nothing", async () => {
    const [, star] = learnersOf(begun, schoolA)
    const response = await refused(
      people["provider.dsl"]!,
      begun.lesson.id,
      { version: "0", learner: [star!.learnerId], [`code-${star!.learnerId}`]: "late" },
      409
    )
    expect(mainText(response.body)).toContain("Someone else saved this register after you opened it")
  })

  it("with htmx, a save answers the register in place and sets the address", async () => {
    const last = begun.learners.at(-1)!
    const form = await formFor(people["provider.tutor"]!, begun.lesson.id, {
      [last.learnerId]: { code: "late" }
    })
    const response = await people["provider.tutor"]!.app.inject({
      method: "POST",
      url: editUrl(begun.lesson.id),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "hx-request": "true",
        cookie: [...people["provider.tutor"]!.cookies].map(([k, v]) => `${k}=${v}`).join("; ")
      },
      payload: new URLSearchParams({
        version: String(form.version),
        learner: last.learnerId,
        [`code-${last.learnerId}`]: "late",
        _csrf: await people["provider.tutor"]!.csrfToken()
      }).toString()
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers["hx-push-url"]).toBe(`/registers/${begun.lesson.id}`)
    expect(response.body).not.toContain("<html")
    expect(response.body).toContain("Register saved")
  })
})

describe("the school processes the absence", () => {
  it("counts it on the home page and lists it with the school's unprocessed absences", async () => {
    const home = await people["school.coordinator"]!.get("/")
    expect(home.body).toContain('id="unprocessed-absences"')
    const list = await people["school.coordinator"]!.get("/absences")
    expect(list.statusCode).toBe(200)
    const [absent] = learnersOf(begun, schoolA)
    expect(mainText(list.body)).toContain(`${absent!.givenName} ${absent!.familyName}`)
    expect(list.body).toContain(`/registers/${begun.lesson.id}`)
    expect(mainText((await people["other.school"]!.get("/absences")).body)).not.toContain(
      `${absent!.givenName} ${absent!.familyName}`
    )
  })

  it("today's attendance shows the school's own learners only", async () => {
    const page = await people["other.school"]!.get(`/attendance?date=${begun.lesson.date.toString()}`)
    expect(page.statusCode).toBe(200)
    for (const l of learnersOf(begun, schoolB)) expect(mainText(page.body)).toContain(l.familyName)
    for (const l of learnersOf(begun, schoolA))
      expect(mainText(page.body)).not.toContain(`${l.givenName} ${l.familyName}`)
  })

  it("refuses a school changing a present mark or a contribution", async () => {
    const [, star] = learnersOf(begun, schoolA)
    await refused(
      people["school.dsl"]!,
      begun.lesson.id,
      await formFor(people["school.dsl"]!, begun.lesson.id, {
        [star!.learnerId]: { code: "authorised_absence" }
      }),
      403
    )
    await refused(
      people["school.dsl"]!,
      begun.lesson.id,
      await formFor(people["school.dsl"]!, begun.lesson.id, { [star!.learnerId]: { contribution: "0" } }),
      403
    )
  })

  it("school B cannot touch school A's learner", async () => {
    const [absent] = learnersOf(begun, schoolA)
    const page = await people["other.school"]!.get(editUrl(begun.lesson.id))
    expect(page.body).not.toContain(absent!.learnerId)
    await refused(
      people["other.school"]!,
      begun.lesson.id,
      {
        version: String((await loadAll(begun.lesson.id)).version),
        learner: [absent!.learnerId],
        [`code-${absent!.learnerId}`]: "authorised_absence"
      },
      400
    )
  })

  it("authorises it with a note", async () => {
    const [absent] = learnersOf(begun, schoolA)
    const form = await formFor(people["school.coordinator"]!, begun.lesson.id, {
      [absent!.learnerId]: { code: "authorised_absence", note: "Hospital appointment" }
    })
    const response = await people["school.coordinator"]!.post(editUrl(begun.lesson.id), form)
    expect(response.statusCode).toBe(303)
    const mark = (await loadAll(begun.lesson.id)).learners.find(
      (l) => l.learnerId === absent!.learnerId
    )?.mark
    expect(mark).toMatchObject({ code: "authorised_absence", note: "Hospital appointment" })
  })

  it("the provider sees it processed and cannot change it", async () => {
    const [absent] = learnersOf(begun, schoolA)
    const page = await people["provider.tutor"]!.get(editUrl(begun.lesson.id))
    expect(page.body).not.toContain(`name="code-${absent!.learnerId}"`)
    expect(mainText(page.body)).toContain("Authorised absence")
    for (const fields of [{ code: "present" }, { note: "Was here" }, { contribution: "1" }]) {
      const form = await formFor(people["provider.tutor"]!, begun.lesson.id, { [absent!.learnerId]: fields })
      await refused(people["provider.tutor"]!, begun.lesson.id, form, 403)
    }
  })
})

describe("CAP corrects a mark", () => {
  it("and the register shows both the previous value and the correction, with who made them", async () => {
    const [absent] = learnersOf(begun, schoolA)
    const admin = people["cap.admin"]!
    const form = await formFor(admin, begun.lesson.id, {
      [absent!.learnerId]: { code: "present", contribution: "1" }
    })
    expect((await admin.post(editUrl(begun.lesson.id), form)).statusCode).toBe(303)
    const text = mainText((await admin.get(`/registers/${begun.lesson.id}`)).body)
    expect(text).toContain("Authorised absence Present")
    expect(text).toContain("Casey Admin")
    expect(text).toContain("Sam Coordinator")
  })

  it("everyone sees the learner's attendance summary; another school does not see the learner", async () => {
    const [absent] = learnersOf(begun, schoolA)
    const page = await people["school.dsl"]!.get(`/learners/${absent!.learnerId}`)
    expect(page.statusCode).toBe(200)
    expect(mainText(page.body)).toContain("Attendance rate")
    expect((await people["other.school"]!.get(`/learners/${absent!.learnerId}`)).statusCode).toBe(404)
  })
})

describe("pages per role", () => {
  it.each([
    ["provider.tutor", "/registers", 200],
    ["provider.tutor", "/attendance", 403],
    ["provider.tutor", "/absences", 403],
    ["school.coordinator", "/registers", 403],
    ["school.coordinator", "/attendance", 200],
    ["school.dsl", "/absences", 200],
    ["cap.admin", "/registers", 200],
    ["cap.admin", "/attendance", 200],
    ["cap.admin", "/absences", 200],
    ["school.coordinator", "/attendance?date=not-a-date", 400]
  ])("%s GET %s is %i", async (who, url, status) => {
    expect((await people[who]!.get(url)).statusCode).toBe(status)
  })
})

describe("the day's registers by cohort", () => {
  const cohort = "Year 13 Beacon"
  const courseTitle = "Beacon cohort check"
  let lessonOfCohort: Ids.LessonId
  let registersOn: string

  /** The learners of one cohort on one course of provider B's only: a lesson on the begun lesson's day. */
  beforeAll(async () => {
    lessonOfCohort = await run(
      Effect.gen(function* () {
        const organisations = yield* OrganisationRepository.OrganisationRepository
        const beacon = (yield* organisations.list("provider")).find((o) => o.name === "Beacon Skills Hub")
        if (beacon === undefined) throw new Error("demo data has changed")
        const courseId = yield* IdGenerator.newId(Ids.CourseId)
        yield* (yield* CourseRepository.CourseRepository).create({
          id: courseId,
          providerId: beacon.id,
          title: courseTitle,
          category: "vocational_practical_skills",
          academicYear: Course.AcademicYear.make("2025/26"),
          description: courseTitle,
          studentInterests: []
        })
        const learnerId = yield* IdGenerator.newId(Ids.LearnerId)
        yield* (yield* LearnerRepository.LearnerRepository).create({
          id: learnerId,
          schoolId: schoolB,
          givenName: "Cohort",
          familyName: "Check",
          dateOfBirth: Temporal.PlainDate.from("2009-01-02"),
          cohort
        })
        yield* (yield* EnrolmentRepository.EnrolmentRepository).create({
          id: yield* IdGenerator.newId(Ids.EnrolmentId),
          learnerId,
          courseId,
          startDate: begun.lesson.date.subtract({ days: 30 })
        })
        const lessonId = yield* IdGenerator.newId(Ids.LessonId)
        yield* (yield* LessonRepository.LessonRepository).create({
          id: lessonId,
          courseId,
          date: begun.lesson.date,
          startTime: Temporal.PlainTime.from("08:00"),
          endTime: Temporal.PlainTime.from("09:00")
        })
        return lessonId
      })
    )
    registersOn = `/registers?date=${begun.lesson.date.toString()}`
  })

  const options = (html: string, name: string) =>
    [
      ...(
        new RegExp(`<select[^>]* name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? ""
      ).matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)
    ].map((m) => `${m[3]}${m[2] === undefined ? "" : " (selected)"}`)
  const lessonLinks = (html: string) =>
    [...html.matchAll(/href="\/registers\/([0-9a-f-]{36})"/g)].map((m) => m[1])

  it("provider A is offered its own learners' cohorts, never provider B's, and B's cohort filters nothing for A", async () => {
    const tutor = people["provider.tutor"]!
    const page = await tutor.get(registersOn)
    expect(page.statusCode).toBe(200)
    const offered = options(page.body, "cohort")
    expect(offered[0]).toBe("All cohorts (selected)")
    // The demo's learners are in Years 9 to 11, and a day's list names each cohort once, Year 9 first.
    expect(offered.length).toBeGreaterThan(1)
    expect(["Year 9", "Year 10", "Year 11"].filter((c) => offered.includes(c))).toEqual(offered.slice(1))
    expect(page.body).not.toContain(cohort)
    expect(page.body).not.toContain(courseTitle)
    expect(lessonLinks(page.body)).toContain(begun.lesson.id)

    const asked = await tutor.get(`${registersOn}&cohort=${encodeURIComponent(cohort)}`)
    expect(asked.statusCode).toBe(200)
    expect(asked.body).not.toContain(cohort)
    expect(asked.body).not.toContain(courseTitle)
    expect(options(asked.body, "cohort")[0]).toBe("All cohorts (selected)")
    expect(lessonLinks(asked.body)).toEqual(lessonLinks(page.body))
  })

  it("provider B and CAP filter by it: only the registers with a learner of that cohort, the choice kept", async () => {
    for (const who of ["other.provider", "cap.admin"]) {
      const client = people[who]!
      const all = await client.get(registersOn)
      expect(options(all.body, "cohort")).toContain(cohort)
      expect(lessonLinks(all.body).length).toBeGreaterThan(1)
      const filtered = await client.get(`${registersOn}&cohort=${encodeURIComponent(cohort)}`)
      expect(filtered.statusCode).toBe(200)
      expect(lessonLinks(filtered.body)).toEqual([lessonOfCohort])
      expect(options(filtered.body, "cohort")).toContain(`${cohort} (selected)`)
      expect(mainText(filtered.body)).toContain(courseTitle)
    }
  })

  it("works with the course filter, and with htmx answers the list in place", async () => {
    const tutor = people["provider.tutor"]!
    const first = options((await tutor.get(registersOn)).body, "cohort")[1]!
    const query = `cohort=${encodeURIComponent(first)}`
    const both = await tutor.get(`${registersOn}&course=${begun.lesson.courseId}&${query}`)
    expect(lessonLinks(both.body)).toContain(begun.lesson.id)
    expect(options(both.body, "cohort")).toContain(`${first} (selected)`)
    const fragment = await tutor.get(`${registersOn}&${query}`, { "hx-request": "true" })
    expect(fragment.statusCode).toBe(200)
    expect(fragment.headers.vary).toContain("HX-Request")
    expect(fragment.body).not.toContain("<html")
    expect(fragment.body).toContain('id="register-list"')
    expect(options(fragment.body, "cohort")).toContain(`${first} (selected)`)
    // A course and a cohort CAP is offered, with no register holding both.
    const none = await people["cap.admin"]!.get(
      `${registersOn}&course=${begun.lesson.courseId}&cohort=${encodeURIComponent(cohort)}`
    )
    expect(lessonLinks(none.body)).toEqual([])
    expect(mainText(none.body)).toContain(
      "There are no registers for this day with the course and cohort chosen."
    )
  })
})
