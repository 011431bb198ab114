import { Ids, type Notification, Notifications, Transfers } from "@openap/core"
import { EtaRenderer, Links } from "@openap/worker"
import { type DateTime, Effect, Either, Option, Schema } from "effect"
import { Temporal } from "temporal-polyfill"
import * as Forms from "../Forms.js"
import * as Guards from "../Guards.js"
import { NotFound } from "../HttpErrors.js"
import type { Journey } from "../Journey.js"
import { paths } from "../paths.js"

const onlyCapAdmins = { preHandler: Guards.allow(Notifications.canSeeOutbox) }

const statusTag: Readonly<Record<Notification.NotificationStatus, { text: string; classes: string }>> = {
  pending: { text: "Waiting", classes: "govuk-tag--yellow" },
  sending: { text: "Sending", classes: "govuk-tag--blue" },
  sent: { text: "Sent", classes: "govuk-tag--green" },
  dead: { text: "Not sent", classes: "govuk-tag--red" }
}

const kindLabel: Readonly<Record<string, string>> = {
  [Notifications.AbsenceAlert.kind]: "Unexplained absence alert",
  [Notifications.DailyDigest.kind]: "Daily absence digest",
  [Notifications.RegisterReminders.kind]: "Register reminder",
  [Transfers.TransferReceived.kind]: "Files received",
  "account-setup": "Account set-up link"
}

/** "6 Oct 2025, 12:45", London time. */
const when = (at: DateTime.Utc) =>
  Temporal.Instant.fromEpochMilliseconds(at.epochMillis)
    .toZonedDateTimeISO("Europe/London")
    .toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })

const Status = Schema.Literal("pending", "sending", "sent", "dead")

const views = [
  { value: "", text: "All messages" },
  { value: "dead", text: "Not sent (dead letters)" },
  { value: "pending", text: "Waiting" },
  { value: "sent", text: "Sent" }
] as const

const pageSize = 50

/** The list's URL for a status and a page, as the filter form and the page links build it. */
const listUrl = (status: string, page: number, done?: string) => {
  const query = new URLSearchParams()
  if (status !== "") query.set("status", status)
  if (page > 1) query.set("page", String(page))
  if (done !== undefined) query.set("done", done)
  const text = query.toString()
  return text === "" ? paths.outbox : `${paths.outbox}?${text}`
}

/** Paragraphs of lines, so a plain-text email keeps its shape on the page without inline styles. */
const paragraphs = (text: string): ReadonlyArray<ReadonlyArray<string>> =>
  text
    .trim()
    .split(/\n{2,}/)
    .map((p) => p.split("\n"))

/**
 * CAP admin: every message the service has sent or will send, and the dead-letter list. In the
 * embedded default no mail server is configured and this is where the messages can be read, so
 * a templated message is rendered here exactly as the worker renders it for the mailer.
 */
export const outbox: Journey = {
  name: "outbox",
  navigation: [{ item: "outbox", href: paths.outbox }],
  routes: (app, web) => {
    const renderer = EtaRenderer.layer(Links.make(web.config.publicUrl))
    const bodyOf = ({ content }: Notification.Notification) =>
      content._tag === "Rendered"
        ? Effect.succeed(content.text)
        : Effect.flatMap(Notifications.EmailRenderer, (r) => r.render(content.template, content.data)).pipe(
            Effect.map((rendered) => rendered.text),
            Effect.catchTag("RenderFailed", (e) =>
              Effect.succeed(`This message cannot be shown: ${e.reason}. The worker cannot send it either.`)
            ),
            Effect.provide(renderer)
          )

    app.get(paths.outbox, onlyCapAdmins, async (request, reply) => {
      const status = Schema.decodeUnknownOption(Status)(Forms.query(request, "status"))
      const statusValue = Option.getOrElse(status, () => "")
      const page = Math.max(1, Math.min(10_000, Number.parseInt(Forms.query(request, "page"), 10) || 1))
      // One more than a page, to know whether an older page exists.
      const listed = await web.run(
        Notifications.listOutbox(Guards.actor(request), {
          limit: pageSize + 1,
          offset: (page - 1) * pageSize,
          ...(Option.isSome(status) ? { status: status.value } : {})
        })
      )
      const shown = listed.slice(0, pageSize)
      const bodies = await web.run(Effect.forEach(shown, bodyOf))
      return reply.page("outbox/list", {
        title: "Outbox",
        done: Forms.query(request, "done"),
        status: statusValue,
        filter: views.map((v) => ({ ...v, selected: v.value === statusValue })),
        newer: page > 1 ? listUrl(statusValue, page - 1) : "",
        older: listed.length > pageSize ? listUrl(statusValue, page + 1) : "",
        messages: shown.map((m, i) => ({
          id: m.id,
          created: when(m.createdAt),
          kind: kindLabel[m.kind] ?? m.kind,
          subject: m.subject,
          recipients: m.recipients.length === 0 ? "No one" : m.recipients.join(", "),
          status: statusTag[m.status],
          attempts: m.attempts,
          sent: m.sentAt === undefined ? "" : when(m.sentAt),
          reasonLabel: m.status === "dead" ? "Why it was not sent" : "Last problem",
          // A sent message's earlier failures no longer matter to anyone reading the list.
          lastError: m.status === "sent" ? "" : (m.lastError ?? ""),
          body: paragraphs(bodies[i] ?? ""),
          // Recipients are fixed when a message is queued: one with no one to send to would only
          // come back, so the admin is told what to do instead of being offered the button.
          noOneToSendTo: m.status === "dead" && m.recipients.length === 0,
          sendAgain:
            m.status === "dead" && m.recipients.length > 0
              ? paths.outboxSendAgain({ notificationId: m.id })
              : ""
        }))
      })
    })

    app.post(paths.outboxSendAgain.pattern, onlyCapAdmins, async (request, reply) => {
      const id = Option.getOrThrowWith(
        Schema.decodeUnknownOption(Ids.NotificationId)(Forms.param(request, "notificationId")),
        () => new NotFound()
      )
      const outcome = await web.run(Effect.either(Notifications.sendAgain(Guards.actor(request), id)))
      if (Either.isLeft(outcome)) {
        if (outcome.left._tag === "NotDeadLettered") throw new NotFound()
        throw outcome.left
      }
      // Back to the list the admin was looking at (the dead letters, usually).
      const from = Option.getOrElse(
        Schema.decodeUnknownOption(Status)(Forms.text(request, "status")),
        () => ""
      )
      return reply.redirect(listUrl(from, 1, "queued"), 303)
    })
  }
}
