import { fileURLToPath } from "node:url"
import { Notifications, Transfers } from "@openap/core"
import { Effect, Layer, ParseResult, Schema } from "effect"
import { Eta } from "eta"
import * as EmailFormat from "./EmailFormat.js"
import type { Links } from "./Links.js"

const views = fileURLToPath(new URL("./templates", import.meta.url))

// Two engines over the same files: HTML escapes every value, plain text must not (an apostrophe in
// a name would arrive as &#39;).
const htmlEngine = new Eta({ views, autoEscape: true, cache: true })
const textEngine = new Eta({ views, autoEscape: false, autoTrim: false, cache: true })

/** Each template's view: the stored data decoded with core's schema, then dates and links made readable. */
const viewModels: Record<string, (data: unknown, links: Links) => object> = {
  [Notifications.AbsenceAlert.kind]: (raw, links) => {
    const d = Schema.decodeUnknownSync(Notifications.AbsenceAlert.AbsenceAlertData)(raw)
    return {
      schoolName: d.schoolName,
      providerName: d.providerName,
      courseTitle: d.courseTitle,
      date: EmailFormat.date(d.date),
      startTime: EmailFormat.time(d.startTime),
      endTime: EmailFormat.time(d.endTime),
      learners: d.learners.map((l) => ({ name: l.name })),
      link: links.register(d.lessonId)
    }
  },
  [Notifications.DailyDigest.kind]: (raw, links) => {
    const d = Schema.decodeUnknownSync(Notifications.DailyDigest.DailyDigestData)(raw)
    return {
      schoolName: d.schoolName,
      listedAll: d.listedAll,
      allLink: links.unprocessedAbsences,
      absences: d.absences.map((a) => ({
        learnerName: a.learnerName,
        courseTitle: a.courseTitle,
        providerName: a.providerName,
        date: EmailFormat.date(a.date),
        startTime: EmailFormat.time(a.startTime),
        link: links.register(a.lessonId)
      }))
    }
  },
  [Transfers.TransferReceived.kind]: (raw, links) => {
    const d = Schema.decodeUnknownSync(Transfers.TransferReceived.TransferReceivedData)(raw)
    return {
      senderName: d.senderName,
      recipientName: d.recipientName,
      fileCount: d.fileCount,
      link: links.receivedFiles
    }
  },
  [Notifications.RegisterReminders.kind]: (raw, links) => {
    const d = Schema.decodeUnknownSync(Notifications.RegisterReminders.RegisterReminderData)(raw)
    return {
      providerName: d.providerName,
      courseTitle: d.courseTitle,
      date: EmailFormat.date(d.date),
      startTime: EmailFormat.time(d.startTime),
      endTime: EmailFormat.time(d.endTime),
      unmarked: d.unmarked,
      link: links.register(d.lessonId)
    }
  }
}

export const templates: ReadonlyArray<string> = Object.keys(viewModels)

/** Renders an outbox message's template to its plain-text and HTML bodies. */
export const render = (links: Links, template: string, data: unknown): { text: string; html: string } => {
  const viewModel = viewModels[template]
  if (viewModel === undefined) throw new Error(`no email template called "${template}"`)
  const view = viewModel(data, links)
  const text = textEngine
    .render(`./${template}.text.eta`, view)
    .replace(/\n{3,}/g, "\n\n")
    .trim()
  const body = htmlEngine.render(`./${template}.html.eta`, view)
  const html = htmlEngine.render("./layout.html.eta", { body })
  return { text: `${text}\n`, html }
}

export const layer = (links: Links): Layer.Layer<Notifications.EmailRenderer> =>
  Layer.succeed(
    Notifications.EmailRenderer,
    Notifications.EmailRenderer.of({
      render: (template, data) =>
        Effect.try({
          try: () => render(links, template, data),
          catch: (cause) =>
            new Notifications.RenderFailed({
              template,
              reason: ParseResult.isParseError(cause)
                ? "the stored data does not fit the template"
                : cause instanceof Error
                  ? cause.message
                  : String(cause)
            })
        })
    })
  )
