import { Temporal } from "temporal-polyfill"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { expectChecked, type Journey, startTestServer, type TestServer, Visits } from "./Harness.js"
import type { HomePage } from "./pages/HomePage.js"
import {
  AbsencesPage,
  AttendancePage,
  type EditRegisterPage,
  fromNavigation,
  RegisterPage,
  RegistersPage
} from "./pages/RegisterPages.js"
import { SignInPage } from "./pages/SignInPage.js"

/**
 * The first whole journey, in a real browser with JavaScript on and with it off, every page checked
 * with axe-core: a provider marks a register (one unexplained absence, one present with +2), the
 * school sees the unprocessed absence and authorises it with a note, the provider sees it processed
 * and cannot change it, CAP corrects a mark and the history shows every change. Then two people
 * save the same register: the second is told of the conflict. Each mode has its own fresh server,
 * so each starts from the demo council as `pnpm start` seeds it.
 */
const password = "openap-demo"
const course = "Motor vehicle maintenance"
let visits: Visits

beforeAll(async () => {
  visits = await Visits.open()
})
afterAll(async () => {
  await visits?.close()
})

/** The demo seed gives each provider a lesson that began an hour before it ran: its day, in London. */
const begunDate = () =>
  Temporal.Now.zonedDateTimeISO("Europe/London").subtract({ hours: 1, minutes: 1 }).toPlainDate().toString()
const todayInLondon = () => Temporal.Now.plainDateISO("Europe/London").toString()

const signIn = async (j: Journey, who: string): Promise<HomePage> =>
  (await SignInPage.open(j)).signIn(`${who}@demo.openap.test`, password)

const registersOf = async (home: HomePage) => {
  const list = await fromNavigation(home, "Registers", RegistersPage)
  return begunDate() === todayInLondon() ? list : list.showDate(begunDate())
}

/** A journey of twenty pages, each checked by axe: on a busy two-core machine, more than the default. */
const journeyTimeout = 120_000

describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false]
])("with %s", (_mode, js) => {
  let server: TestServer
  const start = () => visits.start(server.url, js)

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await visits?.endJourneys()
    await server?.stop()
  })

  it(
    "provider marks, school authorises, provider cannot change it, CAP corrects, history shows both",
    async () => {
      // The school checks the day's attendance: its learners on the lesson that has just begun.
      const school = await start()
      const schoolHome = await signIn(school, "school.coordinator")
      let attendance = await fromNavigation(schoolHome, "Today's attendance", AttendancePage)
      if (begunDate() !== todayInLondon()) attendance = await attendance.showDate(begunDate())
      const onLesson = (await attendance.registers()).filter((r) => r.caption.includes(course)).at(-1)
      const [absent, star] = onLesson?.learners ?? []
      if (onLesson === undefined || absent === undefined || star === undefined)
        throw new Error(`the school should have two learners on today's ${course} lesson`)

      // The provider marks the register: one unexplained absence, one present with +2.
      const provider = await start()
      const list = await registersOf(await signIn(provider, "provider.tutor"))
      const register = await list.open(course, "Not completed")
      expect(await register.editButton()).toBe("Mark register")
      const form = await register.edit()
      if (js) await provider.page.evaluate("window.stayedOnPage = true")
      for (const name of await form.names())
        await form.mark(name, name === absent ? "Unexplained absence" : "Present")
      await form.note(absent, "No call from home")
      await form.step(star, "Up")
      await form.step(star, "Up")
      expect(await form.contribution(star)).toBe("+2")
      expect(await form.stepButton(star, "Up").isDisabled()).toBe(true)
      expect(await form.stepButton(star, "Down").isDisabled()).toBe(false)
      // Without JavaScript the steps posted the form: what was chosen is kept.
      expect(
        await provider.page.getByRole("radio", { name: "Unexplained absence" }).first().isChecked()
      ).toBe(true)
      const saved = (await form.save()) as RegisterPage
      expect(saved).toBeInstanceOf(RegisterPage)
      expect(await saved.banner()).toBe("Register saved")
      expect(await saved.markOf(absent)).toMatchObject({
        mark: "Unexplained absence",
        note: "No call from home"
      })
      expect(await saved.markOf(star)).toMatchObject({ mark: "Present", contribution: "+2" })
      if (js) expect(await provider.page.evaluate("window.stayedOnPage === true")).toBe(true)

      // The school sees the unprocessed absence and authorises it with a note.
      await school.page.goto("/")
      await school.arrived()
      const count = school.page.locator("#unprocessed-absences a")
      expect(await count.textContent()).toMatch(/\d+ unprocessed absences?/)
      await Promise.all([school.page.waitForNavigation(), count.click()])
      await school.arrived()
      const absences = new AbsencesPage(school)
      expect(await absences.names()).toContain(absent)
      const toProcess = await absences.openRegisterOf(absent)
      expect(await toProcess.editButton()).toBe("Process absences")
      const processing = await toProcess.edit()
      // The school's form lists its own learners only.
      expect([...(await processing.names())].sort()).toEqual([...onLesson.learners].sort())
      expect(await processing.options(absent)).toEqual([
        "Authorised absence",
        "Unexplained absence",
        "Unauthorised absence"
      ])
      expect(await processing.options(star)).toEqual([])
      await processing.mark(absent, "Authorised absence")
      await processing.note(absent, "Hospital appointment")
      const processed = (await processing.save()) as RegisterPage
      expect(await processed.banner()).toBe("Register saved")
      expect(await processed.markOf(absent)).toMatchObject({
        mark: "Authorised absence",
        note: "Hospital appointment"
      })

      // The provider sees it processed, and the form no longer offers to change it.
      await provider.page.goto(new URL(provider.page.url()).pathname)
      await provider.arrived()
      const again = new RegisterPage(provider)
      expect(await again.markOf(absent)).toMatchObject({ mark: "Authorised absence" })
      expect(await again.editButton()).toBe("Edit register")
      const locked = await again.edit()
      expect(await locked.options(absent)).toEqual([])
      expect(await locked.lineText(absent)).toContain("You cannot change this mark")

      // CAP corrects the mark; the register shows every change with who made it.
      const cap = await start()
      const capList = await registersOf(await signIn(cap, "cap.admin"))
      const capRegister = await capList.open(course, "Completed")
      expect(await capRegister.editButton()).toBe("Correct marks")
      const correcting = await capRegister.edit()
      await correcting.mark(absent, "Present")
      const corrected = (await correcting.save()) as RegisterPage
      expect(await corrected.markOf(absent)).toMatchObject({ mark: "Present" })
      expect((await corrected.history()).filter((h) => h.learner === absent)).toEqual([
        { learner: absent, from: "Not marked", to: "Unexplained absence", by: "Taylor Tutor" },
        { learner: absent, from: "Unexplained absence", to: "Authorised absence", by: "Sam Coordinator" },
        { learner: absent, from: "Authorised absence", to: "Present", by: "Casey Admin" }
      ])

      for (const j of [school, provider, cap]) expectChecked(j)
    },
    journeyTimeout
  )

  it(
    "two people save the same register: the second is shown the conflict and overwrites nothing",
    async () => {
      const first = await start()
      const second = await start()
      const openForm = async (j: Journey, who: string): Promise<EditRegisterPage> =>
        (await (await registersOf(await signIn(j, who))).open(course, "Completed")).edit()
      const a = await openForm(first, "provider.tutor")
      const b = await openForm(second, "provider.coordinator")
      const [name] = await a.names()
      if (name === undefined) throw new Error("no learner on the form")
      await a.note(name, "Left early for a dentist appointment")
      expect(await a.save()).toBeInstanceOf(RegisterPage)
      await b.note(name, "Worked well all session")
      const refused = await b.save()
      expect(refused).not.toBeInstanceOf(RegisterPage)
      expect(await refused.errorSummary()).toEqual([
        "Someone else saved this register after you opened it. Their marks are shown below: make your changes again."
      ])
      await first.page.reload()
      await first.arrived()
      expect(await new RegisterPage(first).markOf(name)).toMatchObject({
        note: "Left early for a dentist appointment"
      })
      for (const j of [first, second]) expectChecked(j)
    },
    journeyTimeout
  )
})
