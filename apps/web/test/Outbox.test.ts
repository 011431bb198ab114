import { MemoryMailer } from "@openap/adapters"
import { AuditLog, type Ids, type Notification, Notifications, Outbox, Page } from "@openap/core"
import { DateTime, Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  begunLesson,
  deliver,
  markOneUnexplained,
  refusingMailer,
  saveMarks
} from "./support/OutboxFixtures.js"
import { Client, demo, mainText, makeTestApp, signedIn, type TestApp } from "./support/TestApp.js"

/**
 * The CAP admin's Outbox page through the web app: who may see it, what it shows of each message,
 * the dead-letter list, and sending a dead letter again. The messages are real: absence alerts
 * from a provider's register save through the web, delivered by the worker's own delivery with a
 * mail server that takes them (sent) or refuses them for good (dead).
 */

let t: TestApp
let admin: Client
let sent: Notification.Notification
let dead: Notification.Notification
const absent: Record<"schoolA" | "schoolB", string> = { schoolA: "", schoolB: "" }

const outboxNow = () => t.runtime.runPromise(Effect.flatMap(Outbox.Outbox, (o) => o.list({ limit: 500 })))

const find = async (id: Ids.NotificationId) =>
  Option.getOrThrow(await t.runtime.runPromise(Effect.flatMap(Outbox.Outbox, (o) => o.findById(id))))

const auditEntries = () =>
  t.runtime.runPromise(
    Effect.flatMap(AuditLog.AuditLog, (log) => log.list({}, Page.first(500))).pipe(Effect.map((p) => p.items))
  )

beforeAll(async () => {
  t = await makeTestApp()
  admin = await signedIn(t.app, demo["cap.admin"])
  const lesson = await begunLesson(t, "Anvil Training Centre")
  const a = lesson.learners.find((l) => l.school === "Alder Park School")
  const b = lesson.learners.find((l) => l.school === "Birchwood Academy")
  if (a === undefined || b === undefined) throw new Error("the begun lesson needs learners of both schools")
  absent.schoolA = a.name
  absent.schoolB = b.name

  // School A's alert is delivered by a mail server that takes it.
  await markOneUnexplained(t, demo["provider.coordinator"], lesson, a.id)
  expect(await deliver(t, MemoryMailer.layer)).toMatchObject({ sent: 1, dead: 0 })
  // School B's alert meets a mail server that refuses it for good: it goes to the dead letters.
  await saveMarks(t, demo["provider.coordinator"], lesson, { [b.id]: "unexplained_absence" })
  expect(await deliver(t, refusingMailer)).toMatchObject({ sent: 0, dead: 1 })

  const messages = await outboxNow()
  const alerts = messages.filter((m) => m.kind === Notifications.AbsenceAlert.kind)
  expect(alerts.map((m) => m.status).sort()).toEqual(["dead", "sent"])
  sent = alerts.find((m) => m.status === "sent") as Notification.Notification
  dead = alerts.find((m) => m.status === "dead") as Notification.Notification
})
afterAll(async () => t?.close())

/** One message's card on the page, as text. */
const cardText = (html: string, id: string) => {
  const start = html.indexOf(`id="message-${id}"`)
  if (start < 0) return ""
  const next = html.indexOf('class="govuk-summary-card" id="message-', start + 1)
  return mainText(html.slice(start, next < 0 ? html.indexOf("</main>") : next))
}

const sendAgainUrl = (id: string) => `/outbox/${id}/send-again`

describe("who may see the Outbox", () => {
  it("sends a visitor without a session to the sign-in page, and changes nothing", async () => {
    const visitor = new Client(t.app)
    const page = await visitor.get("/outbox?status=dead")
    expect(page.statusCode).toBe(303)
    expect(page.headers.location).toBe("/sign-in")
    const post = await visitor.post(sendAgainUrl(dead.id), {})
    expect(post.statusCode).toBe(303)
    expect(post.headers.location).toBe("/sign-in")
    expect((await find(dead.id)).status).toBe("dead")
  })

  const others = Object.entries(demo).filter(([who]) => who !== "cap.admin")

  it.each(others)(
    "refuses %s the page, and Send again, leaving the message and the audit as they were",
    async (_who, email) => {
      const client = await signedIn(t.app, email)
      const home = await client.get("/")
      expect(home.body).not.toContain('href="/outbox"')
      const page = await client.get("/outbox")
      expect(page.statusCode).toBe(403)
      expect(page.body).not.toContain(absent.schoolA)
      expect((await client.get("/outbox?status=dead")).statusCode).toBe(403)
      const audits = (await auditEntries()).length
      const post = await client.post(sendAgainUrl(dead.id), {})
      expect(post.statusCode).toBe(403)
      expect(await find(dead.id)).toEqual(dead)
      expect((await auditEntries()).length).toBe(audits)
    }
  )

  it("gives the CAP admin a link to it in the navigation", async () => {
    const home = await admin.get("/")
    expect(home.body).toMatch(/<a class="govuk-service-navigation__link" href="\/outbox"[^>]*>\s*Outbox/)
  })
})

describe("the CAP admin's Outbox", () => {
  it("shows each alert with its status, its recipients and what it says", async () => {
    const page = await admin.get("/outbox")
    expect(page.statusCode).toBe(200)
    const card = (id: string) => cardText(page.body, id)
    const sentCard = card(sent.id)
    expect(sentCard).toContain("Unexplained absence alert")
    expect(sentCard).toContain("Unexplained absence at Anvil Training Centre: action needed")
    expect(sentCard).toContain("Sent")
    expect(sentCard).toContain("To school.coordinator@demo.openap.test, school.dsl@demo.openap.test")
    expect(sentCard).toContain(absent.schoolA)
    expect(sentCard).not.toContain(absent.schoolB)
    expect(sentCard).not.toContain("Send again")
    const deadCard = card(dead.id)
    expect(deadCard).toContain("Not sent")
    expect(deadCard).toContain("To other.school@demo.openap.test")
    expect(deadCard).toContain("Why it was not sent")
    expect(deadCard).toContain("550 mailbox unavailable")
    expect(deadCard).toContain(absent.schoolB)
    // Send again is offered for the dead letter only.
    expect(page.body.match(/action="\/outbox\/[^"]+\/send-again"/g)).toEqual([
      `action="${sendAgainUrl(dead.id)}"`
    ])
  })

  it("the dead-letter filter lists only messages that were not sent, and keeps the choice", async () => {
    const page = await admin.get("/outbox?status=dead")
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`id="message-${dead.id}"`)
    expect(page.body).not.toContain(`id="message-${sent.id}"`)
    expect(page.body).toMatch(/<option value="dead" selected>/)
    const all = await admin.get("/outbox?status=nonsense")
    expect(all.statusCode).toBe(200)
    expect(all.body).toContain(`id="message-${sent.id}"`)
    expect(all.body).toContain(`id="message-${dead.id}"`)
  })

  it("tells the admin what to do about a message that had no one to send to, instead of offering Send again", async () => {
    await t.runtime.runPromise(
      Effect.gen(function* () {
        const now = yield* DateTime.now
        yield* (yield* Outbox.Outbox).enqueue({
          id: "00000000-0000-4000-b000-000000000999" as Ids.NotificationId,
          key: "no-one",
          kind: "account-setup",
          recipients: [],
          subject: "Nobody to tell",
          content: { _tag: "Rendered", text: "For no one." },
          status: "pending",
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now
        })
      })
    )
    expect(await deliver(t, MemoryMailer.layer)).toMatchObject({ dead: 1 })
    const page = await admin.get("/outbox?status=dead")
    const card = cardText(page.body, "00000000-0000-4000-b000-000000000999")
    expect(card).toContain("To No one")
    expect(card).toContain("No one to send to")
    expect(card).toContain("Sending this again would not help")
    expect(card).not.toContain("Send again")
    expect(page.body).not.toContain(sendAgainUrl("00000000-0000-4000-b000-000000000999"))
    expect(page.body).toContain(sendAgainUrl(dead.id))
  })

  it("pages through many messages, fifty at a time, newest first", async () => {
    await t.runtime.runPromise(
      Effect.gen(function* () {
        const outbox = yield* Outbox.Outbox
        const now = yield* DateTime.now
        for (let i = 1; i <= 50; i++)
          yield* outbox.enqueue({
            id: `00000000-0000-4000-b000-${String(i).padStart(12, "0")}` as Ids.NotificationId,
            key: `paging-${i}`,
            kind: "account-setup",
            recipients: ["someone@school-a.example"],
            subject: `Set your password ${i}`,
            content: { _tag: "Rendered", text: `Message ${i}.\n\nUse the link.` },
            status: "sent",
            attempts: 1,
            nextAttemptAt: now,
            // A day old: older than the alerts, newest first among themselves.
            createdAt: DateTime.add(DateTime.subtract(now, { days: 1 }), { seconds: i }),
            sentAt: now
          })
      })
    )
    const titles = (html: string) =>
      [...html.matchAll(/<h2 class="govuk-summary-card__title">([\s\S]*?)<\/h2>/g)].map((m) =>
        mainText(m[1] ?? "")
      )
    const first = await admin.get("/outbox?status=sent")
    const onFirst = titles(first.body)
    expect(onFirst).toHaveLength(50)
    expect(onFirst[0]).toContain("Unexplained absence at Anvil Training Centre")
    expect(onFirst[1]).toBe("Set your password 50")
    expect(onFirst[49]).toBe("Set your password 2")
    expect(first.body).toContain('href="/outbox?status=sent&amp;page=2"')
    expect(first.body).not.toContain("Newer messages")
    const second = await admin.get("/outbox?status=sent&page=2")
    expect(titles(second.body)).toEqual(["Set your password 1"])
    expect(second.body).toContain('href="/outbox?status=sent"')
    expect(second.body).not.toContain("Older messages")
  })
})

describe("sending a dead letter again", () => {
  it("is refused without the form's CSRF token, and changes nothing", async () => {
    const audits = (await auditEntries()).length
    const response = await admin.post(sendAgainUrl(dead.id), { status: "dead" }, "none")
    expect(response.statusCode).toBe(403)
    expect(await find(dead.id)).toEqual(dead)
    expect((await auditEntries()).length).toBe(audits)
  })

  it("answers not found for a message that is not a dead letter, or is not there", async () => {
    for (const id of [sent.id, "00000000-0000-4000-b000-999999999999", "not-an-id"]) {
      const response = await admin.post(sendAgainUrl(id), {})
      expect({ id, status: response.statusCode }).toEqual({ id, status: 404 })
    }
    expect((await find(sent.id)).status).toBe("sent")
  })

  it("puts it back in the queue, back on the list the admin came from, with the audit written", async () => {
    const response = await admin.post(sendAgainUrl(dead.id), { status: "dead" })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe("/outbox?status=dead&done=queued")
    const queued = await find(dead.id)
    expect(queued.status).toBe("pending")
    const entry = (await auditEntries()).find((e) => e.action === "notification-sent-again")
    expect(entry).toMatchObject({
      actor: { _tag: "User" },
      subject: { type: "notification", id: dead.id },
      detail: { kind: Notifications.AbsenceAlert.kind }
    })
    const page = await admin.get(response.headers.location as string)
    expect(mainText(page.body)).toContain("The message is back in the queue")
    expect(page.body).not.toContain(`id="message-${dead.id}"`)
    // Sending it again twice is refused: it is on its way.
    expect((await admin.post(sendAgainUrl(dead.id), {})).statusCode).toBe(404)
    // The next round of delivery, with a mail server that takes it, sends it.
    expect(await deliver(t, MemoryMailer.layer)).toMatchObject({ sent: 1 })
    const after = await admin.get("/outbox?status=sent")
    expect(after.body).toContain(`id="message-${dead.id}"`)
  })
})
