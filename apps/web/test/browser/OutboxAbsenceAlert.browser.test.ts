import { Temporal } from "temporal-polyfill"
import { afterAll, beforeAll, expect, it } from "vitest"
import { type Journey, startTestServer, type TestServer, Visits } from "./Harness.js"
import type { HomePage } from "./pages/HomePage.js"
import { OutboxPage } from "./pages/OutboxPage.js"
import { AttendancePage, fromNavigation, RegisterPage, RegistersPage } from "./pages/RegisterPages.js"
import { SignInPage } from "./pages/SignInPage.js"

/**
 * The "Done when", end to end: the service started as `pnpm start` starts it (embedded
 * database, demo council, the worker in the same process, real time), a provider marks a learner
 * unexplained on the lesson that began an hour ago and saves, and within a minute the CAP admin's
 * Outbox shows the alert, sent by the worker, addressed to the learner's school's CAP Coordinator
 * and DSL.
 */
const password = "openap-demo"
const course = "Motor vehicle maintenance"
let server: TestServer
let visits: Visits

beforeAll(async () => {
  ;[server, visits] = await Promise.all([startTestServer({ worker: true }), Visits.open()])
}, 600_000)
afterAll(async () => {
  await visits?.close()
  await server?.stop()
})

/** The demo seed gives each provider a lesson that began an hour before it ran: its day, in London. */
const begunDate = () =>
  Temporal.Now.zonedDateTimeISO("Europe/London").subtract({ hours: 1, minutes: 1 }).toPlainDate().toString()
const todayInLondon = () => Temporal.Now.plainDateISO("Europe/London").toString()

const start = () => visits.start(server.url, true)
const signIn = async (j: Journey, who: string): Promise<HomePage> =>
  (await SignInPage.open(j)).signIn(`${who}@demo.openap.test`, password)

it("a provider marks a learner unexplained; within a minute the CAP admin's Outbox shows the alert sent to the school's CAP Coordinator and DSL", async () => {
  expect(server.workerRunning).toBe(true)

  // One of school A's learners on the lesson that has just begun, as the school sees its day.
  const school = await start()
  let attendance = await fromNavigation(
    await signIn(school, "school.coordinator"),
    "Today's attendance",
    AttendancePage
  )
  if (begunDate() !== todayInLondon()) attendance = await attendance.showDate(begunDate())
  const absent = (await attendance.registers()).filter((r) => r.caption.includes(course)).at(-1)?.learners[0]
  if (absent === undefined) throw new Error(`school A should have a learner on today's ${course} lesson`)

  // The provider's CAP Coordinator marks the register: that learner unexplained, everyone else present.
  const provider = await start()
  let registers = await fromNavigation(
    await signIn(provider, "provider.coordinator"),
    "Registers",
    RegistersPage
  )
  if (begunDate() !== todayInLondon()) registers = await registers.showDate(begunDate())
  const form = await (await registers.open(course, "Not completed")).edit()
  for (const name of await form.names())
    await form.mark(name, name === absent ? "Unexplained absence" : "Present")
  const saved = await form.save()
  expect(saved).toBeInstanceOf(RegisterPage)
  expect(await saved.banner()).toBe("Register saved")
  const savedAt = Date.now()

  // The CAP admin opens the Outbox and, within a minute, sees the alert the worker sent.
  const cap = await start()
  const outbox = await fromNavigation(await signIn(cap, "cap.admin"), "Outbox", OutboxPage)
  const withinAMinuteOfTheSave = (savedAt + 60_000 - Date.now()) / 1000
  const alert = await outbox.waitForMessage(
    (m) => m.text.includes(absent) && m.status === "Sent",
    withinAMinuteOfTheSave
  )
  expect(alert).toMatchObject({
    subject: "Unexplained absence at Anvil Training Centre: action needed",
    rows: {
      Type: "Unexplained absence alert",
      To: "school.coordinator@demo.openap.test, school.dsl@demo.openap.test",
      Attempts: "1"
    }
  })
  expect(alert.text).toContain(`${absent} was marked as an unexplained absence`)
  // Its link is where the service really listens (PORT=0 chose a free port), not port 0.
  expect(new URL(server.url).port).not.toBe("0")
  const link = alert.text.match(/https?:\/\/\S+\/registers\/[0-9a-f-]{36}/)?.[0] ?? "(no register link)"
  expect(new URL(link).origin).toBe(new URL(server.url).origin)

  for (const j of [school, provider, cap]) {
    expect(j.violations).toEqual([])
    expect(j.scriptErrors).toEqual([])
  }
}, 120_000)
