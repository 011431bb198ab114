import {
  AttendanceCode,
  AttendanceSummary,
  type CouncilPolicy,
  Dates,
  Ids,
  type OrgKind,
  Registers as R,
  type Registers
} from "@openap/core"
import { DateTime, Effect, Either, Option, Schema } from "effect"
import type { FastifyReply, FastifyRequest } from "fastify"
import { Temporal } from "temporal-polyfill"
import * as Forms from "../Forms.js"
import * as Guards from "../Guards.js"
import { Forbidden, NotFound } from "../HttpErrors.js"
import type { Journey, Web } from "../Journey.js"
import { paths } from "../paths.js"
import type { FieldError } from "../Views.js"

/*
 * Registers and absences: providers mark, schools process, CAP corrects. Every rule is the core's
 * (Registers.saveRegister checks each line again); the pages only draw the controls the core's
 * RegisterRights allow, so what a page hides is refused on the server too.
 */

const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
]

/** "Monday 6 October 2025", as GOV.UK writes dates. */
export const formatDate = (date: Temporal.PlainDate): string =>
  `${days[date.dayOfWeek - 1]} ${date.day} ${months[date.month - 1]} ${date.year}`

/** "9:00am", "12:30pm", as GOV.UK writes times. */
export const formatTime = (time: Temporal.PlainTime): string => {
  const hour = time.hour % 12 === 0 ? 12 : time.hour % 12
  return `${hour}:${String(time.minute).padStart(2, "0")}${time.hour < 12 ? "am" : "pm"}`
}

export const formatContribution = (value: number): string => (value > 0 ? `+${value}` : String(value))

/** Marks as coloured tags: an unprocessed absence stands out, a decided one is calm. */
const codeTagClass: Readonly<Record<AttendanceCode.AttendanceCode, string>> = {
  present: "govuk-tag--green",
  late: "govuk-tag--turquoise",
  authorised_absence: "govuk-tag--blue",
  unexplained_absence: "govuk-tag--red",
  unauthorised_absence: "govuk-tag--purple",
  dismissed_behaviour: "govuk-tag--orange",
  dismissed_other: "govuk-tag--yellow",
  not_required: "govuk-tag--grey"
}

export const markTag = (code: AttendanceCode.AttendanceCode | undefined) =>
  code === undefined
    ? { text: "Not marked", classes: "govuk-tag--grey" }
    : { text: AttendanceCode.label[code], classes: codeTagClass[code] }

/** The core's attendance summary as the pages show it: the rate and each non-zero count. */
export const summaryText = (summary: AttendanceSummary.AttendanceSummary) => ({
  rate: AttendanceSummary.formatRate(summary),
  counts: summary.counts
    .filter((c) => c.count > 0)
    .map((c) => `${AttendanceCode.label[c.code]}: ${c.count}`)
    .join(", ")
})

const lessonIdFrom = (request: FastifyRequest) =>
  Option.getOrThrowWith(
    Schema.decodeUnknownOption(Ids.LessonId)(Forms.param(request, "lessonId")),
    () => new NotFound()
  )

const isHtmx = (request: FastifyRequest) => request.headers["hx-request"] === "true"

/**
 * htmx swaps only successful answers into the page, so a form shown again with its errors is a 200
 * to htmx; without JavaScript the browser gets the real status.
 */
const statusFor = (request: FastifyRequest, status: number) => (isHtmx(request) ? 200 : status)

/** A `date` query parameter: none means today; a malformed one is an error on the filter. */
export const dateFilter = (request: FastifyRequest) => {
  const raw = Forms.query(request, "date").trim()
  if (raw === "") return { raw, date: Option.none<Temporal.PlainDate>(), error: undefined }
  const date = Schema.decodeUnknownOption(Dates.PlainDate)(raw)
  return {
    raw,
    date,
    error: Option.isNone(date) ? "Enter a real date, like 2025-10-06" : undefined
  }
}

const editText: Readonly<Record<OrgKind.OrgKind, { readonly first: string; readonly again: string }>> = {
  provider: { first: "Mark register", again: "Edit register" },
  school: { first: "Process absences", again: "Process absences" },
  cap: { first: "Correct marks", again: "Correct marks" }
}

const closedText = (view: Registers.RegisterView): string | undefined =>
  Option.match(view.closed, {
    onNone: () => undefined,
    onSome: (why) =>
      why === "not-started" && Option.isSome(view.editAs)
        ? `This lesson has not started yet. The register can be marked from ${formatTime(view.register.lesson.startTime)} on ${formatDate(view.register.lesson.date)}.`
        : why === "incomplete"
          ? "The provider has not completed this register yet. You can process absences once every learner has a mark."
          : undefined
  })

const lessonFacts = (view: Registers.RegisterView) => {
  const { lesson } = view.register
  return {
    course: view.register.courseTitle,
    provider: view.providerName,
    date: formatDate(lesson.date),
    time: `${formatTime(lesson.startTime)} to ${formatTime(lesson.endTime)}`
  }
}

const registerStatus = (view: Registers.RegisterView) =>
  !view.started
    ? { text: "Not started", classes: "govuk-tag--grey" }
    : view.register.complete
      ? { text: "Completed", classes: "govuk-tag--green" }
      : { text: "Not completed", classes: "govuk-tag--yellow" }

const showData = (view: Registers.RegisterView, banner?: string) => {
  const lessonId = view.register.lesson.id
  const facts = lessonFacts(view)
  return {
    title: `${facts.course}, ${facts.date}`,
    lesson: facts,
    status: registerStatus(view),
    banner,
    edit: Option.match(view.editAs, {
      onNone: () => undefined,
      onSome: (kind) =>
        Option.isSome(view.closed)
          ? undefined
          : {
              href: paths.editRegister({ lessonId }),
              text: view.register.complete ? editText[kind].again : editText[kind].first
            }
    }),
    closed: closedText(view),
    lines: view.lines.map((line) => ({
      name: `${line.learner.givenName} ${line.learner.familyName}`,
      href: paths.learner({ learnerId: line.learner.learnerId }),
      mark: markTag(line.learner.mark?.code),
      contribution: line.learner.mark === undefined ? "" : formatContribution(line.learner.mark.contribution),
      note: line.learner.mark?.note ?? "",
      summary: summaryText(line.summary)
    })),
    history: view.history.map((h) => ({
      when: formatMoment(h.entry.changedAt),
      learner: h.learnerName,
      from: h.entry.previous === undefined ? "Not marked" : AttendanceCode.label[h.entry.previous.code],
      to: AttendanceCode.label[h.entry.code],
      contribution:
        h.entry.previous === undefined || h.entry.previous.contribution === h.entry.contribution
          ? formatContribution(h.entry.contribution)
          : `${formatContribution(h.entry.previous.contribution)} to ${formatContribution(h.entry.contribution)}`,
      note: h.entry.note ?? "",
      by: h.changedByName
    }))
  }
}

/** A moment as the council's wall clock shows it. */
/** A lesson's row in a day's list of registers, on the Registers and Today's attendance pages. */
const registerRow = (r: Registers.DayRegister) => ({
  href: paths.register({ lessonId: r.summary.lesson.id }),
  course: r.summary.courseTitle,
  provider: r.summary.providerName,
  time: `${formatTime(r.summary.lesson.startTime)} to ${formatTime(r.summary.lesson.endTime)}`,
  marked: `${r.summary.markedCount} of ${r.summary.learnerCount}`,
  status: !r.started
    ? { text: "Not started", classes: "govuk-tag--grey" }
    : r.summary.complete
      ? { text: "Completed", classes: "govuk-tag--green" }
      : { text: "Not completed", classes: "govuk-tag--yellow" }
})

const inLondon = (at: DateTime.Utc) =>
  Temporal.Instant.fromEpochMilliseconds(DateTime.toEpochMillis(at)).toZonedDateTimeISO(Dates.councilTimeZone)

export const formatMoment = (at: DateTime.Utc): string => {
  const local = inLondon(at)
  return `${formatDate(local.toPlainDate())} at ${formatTime(local.toPlainTime())}`
}

/** What the person typed on the edit form, kept when the form is shown again. */
interface PostedLine {
  readonly code?: string
  readonly contribution?: number
  readonly note?: string
}

const bounds: CouncilPolicy.CouncilPolicy["contribution"] = { min: -2, max: 2, initial: 0 }

const editData = (
  view: Registers.RegisterView,
  options: {
    readonly posted?: ReadonlyMap<string, PostedLine>
    readonly errors?: ReadonlyArray<FieldError>
    readonly conflict?: boolean
  } = {}
) => {
  const lessonId = view.register.lesson.id
  const facts = lessonFacts(view)
  const kind = Option.getOrElse(view.editAs, (): OrgKind.OrgKind => "provider")
  const errors = options.errors ?? []
  const heading = view.register.complete ? editText[kind].again : editText[kind].first
  return {
    title: `${heading}: ${facts.course}, ${facts.date}`,
    heading,
    lesson: facts,
    errors,
    conflict: options.conflict === true,
    action: paths.editRegister({ lessonId }),
    cancelHref: paths.register({ lessonId }),
    version: view.register.version,
    backLink: { href: paths.register({ lessonId }), text: "Back to the register" },
    lines: view.lines.map((line) => {
      const id = line.learner.learnerId
      const mark = line.learner.mark
      const posted = options.posted?.get(id)
      const code = posted?.code ?? mark?.code ?? ""
      const contribution = posted?.contribution ?? mark?.contribution ?? bounds.initial
      const name = `${line.learner.givenName} ${line.learner.familyName}`
      const editable = line.rights.codes.length > 0 || line.rights.contribution || line.rights.note
      return {
        id,
        name,
        editable,
        mark: markTag(mark?.code),
        codes: line.rights.codes.map((c, i) => ({
          id: i === 0 ? `code-${id}` : `code-${id}-${c}`,
          value: c,
          text: AttendanceCode.label[c],
          checked: c === code
        })),
        contribution: {
          show: line.rights.contribution,
          value: contribution,
          text: formatContribution(contribution),
          upDisabled: contribution >= bounds.max,
          downDisabled: contribution <= bounds.min
        },
        note: { show: line.rights.note, value: posted?.note ?? mark?.note ?? "" },
        error: errors.find(
          (e) => e.field === `code-${id}` || e.field === `note-${id}` || e.field === `contribution-${id}`
        )
      }
    })
  }
}

const invalidMarkText: Readonly<Record<Registers.InvalidMark["reason"], (name: string) => string>> = {
  "contribution-out-of-range": (name) => `Contribution for ${name} must be between -2 and +2`,
  "note-too-long": (name) => `Attendance note for ${name} must be ${R.noteMaxLength} characters or fewer`,
  "code-missing": (name) => `Select an attendance mark for ${name}, or clear the contribution and note`
}

const invalidMarkField: Readonly<Record<Registers.InvalidMark["reason"], string>> = {
  "contribution-out-of-range": "contribution",
  "note-too-long": "note",
  "code-missing": "code"
}

/** Reads the edit form: one line per learner it lists, each field only when the form had it. */
const readForm = (request: FastifyRequest) => {
  const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >
  const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined)
  const posted = new Map<string, PostedLine>()
  const marks: Array<Registers.MarkInput> = []
  const malformed: Array<string> = []
  for (const learner of Forms.all(request, "learner")) {
    const learnerId = Schema.decodeUnknownOption(Ids.LearnerId)(learner)
    if (Option.isNone(learnerId)) {
      malformed.push(learner)
      continue
    }
    const code = field(`code-${learner}`)
    const contribution = field(`contribution-${learner}`)
    const note = field(`note-${learner}`)
    const codeValue = code === undefined || code === "" ? undefined : code
    if (codeValue !== undefined && !Schema.is(AttendanceCode.AttendanceCode)(codeValue))
      malformed.push(learner)
    const contributionValue =
      contribution === undefined || contribution.trim() === "" ? undefined : Number(contribution)
    posted.set(learner, {
      ...(codeValue === undefined ? {} : { code: codeValue }),
      ...(contributionValue === undefined || Number.isNaN(contributionValue)
        ? {}
        : { contribution: contributionValue }),
      ...(note === undefined ? {} : { note })
    })
    marks.push({
      learnerId: learnerId.value,
      ...(codeValue !== undefined && Schema.is(AttendanceCode.AttendanceCode)(codeValue)
        ? { code: codeValue }
        : {}),
      ...(contributionValue === undefined ? {} : { contribution: contributionValue }),
      ...(note === undefined ? {} : { note })
    })
  }
  const version = Number(field("version"))
  return { posted, marks, malformed, version: Number.isInteger(version) ? version : -1, step: field("step") }
}

/** A step of a contribution control, without saving: the form comes back with the new value. */
const applyStep = (posted: Map<string, PostedLine>, step: string) => {
  const [learnerId, direction] = step.split(":")
  if (learnerId === undefined || (direction !== "up" && direction !== "down")) return
  const line = posted.get(learnerId) ?? {}
  const current = line.contribution ?? bounds.initial
  const next = Math.min(bounds.max, Math.max(bounds.min, Math.round(current) + (direction === "up" ? 1 : -1)))
  posted.set(learnerId, { ...line, contribution: next })
}

const nameOf = (view: Registers.RegisterView, learnerId: string) => {
  const line = view.lines.find((l) => l.learner.learnerId === learnerId)
  return line === undefined ? "a learner" : `${line.learner.givenName} ${line.learner.familyName}`
}

const showRegister = async (web: Web, request: FastifyRequest, reply: FastifyReply, banner?: string) => {
  const view = await web.run(R.viewRegister(Guards.actor(request), lessonIdFrom(request)))
  return reply.page("registers/show", showData(view, banner))
}

const saveRegister = async (web: Web, request: FastifyRequest, reply: FastifyReply) => {
  const actor = Guards.actor(request)
  const lessonId = lessonIdFrom(request)
  const form = readForm(request)
  const again = async (
    status: number,
    errors: ReadonlyArray<FieldError>,
    options: { readonly conflict?: boolean; readonly keep?: boolean } = {}
  ) => {
    const view = await web.run(R.viewRegister(actor, lessonId))
    if (Option.isSome(view.closed)) throw new Forbidden()
    return reply.page(
      "registers/edit",
      editData(view, {
        errors,
        conflict: options.conflict === true,
        ...(options.keep === false ? {} : { posted: form.posted })
      }),
      statusFor(request, status)
    )
  }
  if (form.malformed.length > 0) throw new Forbidden()
  if (form.step !== undefined) {
    applyStep(form.posted, form.step)
    return again(200, [])
  }
  const saved = await web.run(
    Effect.either(R.saveRegister(actor, { lessonId, expectedVersion: form.version, marks: form.marks }))
  )
  if (Either.isRight(saved)) {
    if (isHtmx(request)) {
      reply.header("hx-push-url", paths.register({ lessonId }))
      return showRegister(web, request, reply, "Register saved")
    }
    return reply.redirect(`${paths.register({ lessonId })}?saved=1`, 303)
  }
  const error = saved.left
  switch (error._tag) {
    case "StaleRegister":
      // Nothing was written: show what the other person saved, and let this person decide again.
      return again(
        409,
        [
          {
            field: "register",
            text: "Someone else saved this register after you opened it. Their marks are shown below: make your changes again."
          }
        ],
        { conflict: true, keep: false }
      )
    case "InvalidMark": {
      const view = await web.run(R.viewRegister(actor, lessonId))
      const field = `${invalidMarkField[error.reason]}-${error.learnerId}`
      return again(400, [{ field, text: invalidMarkText[error.reason](nameOf(view, error.learnerId)) }])
    }
    case "LearnerNotOnRegister":
      return again(
        400,
        [
          {
            field: "register",
            text: "A learner on the form is not on this register. Check the marks and save again."
          }
        ],
        {
          keep: false
        }
      )
    case "MarkChangeRefused":
    case "RegisterEditRefused":
    case "RegisterNotYetOpen":
    case "RegisterIncomplete":
      throw new Forbidden()
    default:
      throw error
  }
}

/** The day's registers (providers, CAP), today's attendance (schools, CAP), unprocessed absences. */
export const registers: Journey = {
  name: "registers",
  navigation: [
    { item: "registers", href: paths.registers },
    { item: "todays-attendance", href: paths.todaysAttendance },
    { item: "unprocessed-absences", href: paths.unprocessedAbsences }
  ],
  routes: (app, web) => {
    app.get(paths.registers, async (request, reply) => {
      const actor = Guards.actor(request)
      const filter = dateFilter(request)
      const courseId = Schema.decodeUnknownOption(Ids.CourseId)(Forms.query(request, "course"))
      const cohort = Forms.query(request, "cohort").trim()
      const day = await web.run(
        R.registersForDay(actor, {
          ...Option.match(filter.date, { onNone: () => ({}), onSome: (date) => ({ date }) }),
          ...Option.match(courseId, { onNone: () => ({}), onSome: (id) => ({ courseId: id }) }),
          ...(cohort === "" ? {} : { cohort })
        })
      )
      const errors = filter.error === undefined ? [] : [{ field: "date", text: filter.error }]
      return reply.page(
        "registers/list",
        {
          title: "Registers",
          errors,
          date: { value: filter.raw === "" ? day.date.toString() : filter.raw, text: formatDate(day.date) },
          showProvider: actor.orgKind === "cap",
          // The day's own courses and cohorts only, and as chosen only those the list was filtered by.
          courses: [
            { value: "", text: "All courses", selected: day.filter.courseId === undefined },
            ...day.courses.map((c) => ({
              value: c.id,
              text: c.title,
              selected: day.filter.courseId === c.id
            }))
          ],
          cohorts: [
            { value: "", text: "All cohorts", selected: day.filter.cohort === undefined },
            ...day.cohorts.map((c) => ({ value: c, text: c, selected: day.filter.cohort === c }))
          ],
          filtered: day.filter.courseId !== undefined || day.filter.cohort !== undefined,
          registers: day.registers.map(registerRow)
        },
        statusFor(request, errors.length > 0 ? 400 : 200)
      )
    })

    app.get(paths.todaysAttendance, async (request, reply) => {
      const actor = Guards.actor(request)
      const filter = dateFilter(request)
      const day = await web.run(
        R.todaysAttendance(
          actor,
          Option.match(filter.date, { onNone: () => ({}), onSome: (date) => ({ date }) })
        )
      )
      const errors = filter.error === undefined ? [] : [{ field: "date", text: filter.error }]
      return reply.page(
        "registers/attendance",
        {
          title: "Today's attendance",
          errors,
          date: { value: filter.raw === "" ? day.date.toString() : filter.raw, text: formatDate(day.date) },
          withMarks: actor.orgKind === "school",
          registers: day.registers.map((r) => ({
            ...registerRow(r),
            learners: r.learners.map((l) => ({
              name: `${l.givenName} ${l.familyName}`,
              href: paths.learner({ learnerId: l.learnerId }),
              mark: markTag(l.mark?.code),
              note: l.mark?.note ?? ""
            }))
          }))
        },
        statusFor(request, errors.length > 0 ? 400 : 200)
      )
    })

    app.get(paths.unprocessedAbsences, async (request, reply) => {
      const list = await web.run(R.unprocessedAbsences(Guards.actor(request)))
      return reply.page("absences/list", {
        title: "Unprocessed absences",
        more: list.more,
        count: list.absences.length,
        absences: list.absences.map((a) => ({
          name: `${a.givenName} ${a.familyName}`,
          learnerHref: paths.learner({ learnerId: a.learnerId }),
          registerHref: paths.register({ lessonId: a.lessonId }),
          course: a.courseTitle,
          provider: a.providerName,
          when: `${formatDate(a.date)}, ${formatTime(a.startTime)}`,
          note: a.note ?? ""
        }))
      })
    })

    app.get(paths.register.pattern, async (request, reply) =>
      showRegister(web, request, reply, Forms.query(request, "saved") === "1" ? "Register saved" : undefined)
    )

    app.get(paths.editRegister.pattern, async (request, reply) => {
      const view = await web.run(R.viewRegister(Guards.actor(request), lessonIdFrom(request)))
      if (Option.isSome(view.closed))
        return reply.redirect(paths.register({ lessonId: view.register.lesson.id }), 303)
      return reply.page("registers/edit", editData(view))
    })

    app.post(paths.editRegister.pattern, async (request, reply) => saveRegister(web, request, reply))
  }
}
