import { Ids, type Notification, Notifications } from "@openap/core"
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
  "account-setup": "Account set-up link"
}

/** "6 Oct 2025, 12:45", London time. */
const when = (at: DateTime.Utc) =>
  Temporal.Instant.fromEpochMilliseconds(at.epochMillis)
    .toZonedDateTimeISO("Europe/London")
    .toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })

const views = [
  { value: "", text: "All messages" },
  { value: "dead", text: "Not sent (dead letters)" },
  { value: "pending", text: "Waiting" },
  { value: "sent", text: "Sent" }
] as const

/**
 * CAP admin: every message the service has sent or will send, and the dead-letter list. In the
 * embedded default no mail server is configured and this is where the messages can be read.
 */
export const outbox: Journey = {
  name: "outbox",
  routes: (app, web) => {
    app.get(paths.outbox, onlyCapAdmins, async (request, reply) => {
      const requested = Forms.query(request, "status")
      const status = Schema.decodeUnknownOption(Schema.Literal("pending", "sending", "sent", "dead"))(
        requested
      )
      const messages = await web.run(
        Notifications.listOutbox(Guards.actor(request), {
          limit: 100,
          ...(Option.isSome(status) ? { status: status.value } : {})
        })
      )
      return reply.page("outbox/list", {
        title: "Outbox",
        done: Forms.query(request, "done"),
        filter: views.map((v) => ({ ...v, selected: v.value === (Option.getOrUndefined(status) ?? "") })),
        messages: messages.map((m) => ({
          created: when(m.createdAt),
          kind: kindLabel[m.kind] ?? m.kind,
          subject: m.subject,
          recipients: m.recipients.length === 0 ? "No one" : m.recipients.join(", "),
          status: statusTag[m.status],
          attempts: m.attempts,
          sent: m.sentAt === undefined ? "" : when(m.sentAt),
          lastError: m.lastError ?? "",
          body: m.content._tag === "Rendered" ? m.content.text : "",
          sendAgain: m.status === "dead" ? paths.outboxSendAgain({ notificationId: m.id }) : ""
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
      return reply.redirect(`${paths.outbox}?done=queued`, 303)
    })
  }
}
