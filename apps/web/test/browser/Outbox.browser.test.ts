import { MemoryMailer } from "@openap/adapters"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { begunLesson, deliver, markOneUnexplained, refusingMailer } from "../support/OutboxFixtures.js"
import { demo, makeTestApp, type TestApp } from "../support/TestApp.js"
import { Visits } from "./Harness.js"
import { OutboxPage } from "./pages/OutboxPage.js"
import { fromNavigation } from "./pages/RegisterPages.js"
import { SignInPage } from "./pages/SignInPage.js"

/**
 * The CAP admin's Outbox in a real browser, JavaScript on and off, every page checked with axe: a
 * provider's register save queues an absence alert, the mail server refuses it for good, and the
 * admin finds it on the Outbox, filters the dead letters, sends it again and sees it sent. The app
 * is the real one over an embedded database with the demo council; delivery is the worker's own,
 * run here one round at a time so each step is certain.
 */
let t: TestApp
let url: string
let visits: Visits

beforeAll(async () => {
  t = await makeTestApp()
  url = await t.app.listen({ port: 0, host: "127.0.0.1" })
  visits = await Visits.open()
}, 600_000)
afterAll(async () => {
  await visits?.close()
  await t?.close()
})

const recipientsOf: Readonly<Record<string, string>> = {
  "Alder Park School": `${demo["school.coordinator"]}, ${demo["school.dsl"]}`,
  "Birchwood Academy": demo["other.school"]
}

describe.each([
  ["JavaScript on", true, "Anvil Training Centre", demo["provider.coordinator"]],
  ["JavaScript off", false, "Beacon Skills Hub", demo["other.provider"]]
] as const)("with %s", (_mode, js, providerName, providerEmail) => {
  it("the CAP admin finds an alert that was not sent, in the dead letters, sends it again and sees it sent", async () => {
    const lesson = await begunLesson(t, providerName)
    const absent = lesson.learners[0]
    if (absent === undefined) throw new Error(`no learner on ${providerName}'s lesson`)
    await markOneUnexplained(t, providerEmail, lesson, absent.id)
    expect(await deliver(t, refusingMailer)).toMatchObject({ dead: 1 })

    const j = await visits.start(url, js)
    const home = await (await SignInPage.open(j)).signIn(demo["cap.admin"], "openap-demo")
    const outbox = await fromNavigation(home, "Outbox", OutboxPage)
    expect(await outbox.heading()).toBe("Outbox")
    const alert = (await outbox.messages()).find((m) => m.text.includes(absent.name))
    expect(alert).toMatchObject({
      subject: `Unexplained absence at ${providerName}: action needed`,
      status: "Not sent",
      canSendAgain: true,
      rows: {
        Type: "Unexplained absence alert",
        To: recipientsOf[absent.school],
        "Why it was not sent": expect.stringContaining("550 mailbox unavailable")
      }
    })
    if (alert === undefined) return

    const deadLetters = await outbox.show("Not sent (dead letters)")
    expect(await deadLetters.showing()).toBe("Not sent (dead letters)")
    const listed = await deadLetters.messages()
    expect(listed.map((m) => m.id)).toContain(alert.id)
    expect(listed.every((m) => m.status === "Not sent" && m.canSendAgain)).toBe(true)

    const queued = await deadLetters.sendAgain(alert.id)
    expect(await queued.banner()).toBe("The message is back in the queue and will be sent within a minute.")
    expect(await queued.showing()).toBe("Not sent (dead letters)")
    expect((await queued.messages()).map((m) => m.id)).not.toContain(alert.id)

    // The worker's next round, with a mail server that takes it.
    expect(await deliver(t, MemoryMailer.layer)).toMatchObject({ sent: 1 })
    const sent = await queued.show("Sent")
    const delivered = (await sent.messages()).find((m) => m.id === alert.id)
    expect(delivered).toMatchObject({
      status: "Sent",
      canSendAgain: false,
      rows: { To: recipientsOf[absent.school], Attempts: "2" }
    })
    expect(Object.keys(delivered?.rows ?? {})).toEqual(["Type", "To", "Created", "Sent", "Attempts"])

    expect(j.visited).toContain("/outbox")
    expect(j.violations).toEqual([])
    expect(j.scriptErrors).toEqual([])
  })
})
