import { Effect, Schema } from "effect"
import { Temporal } from "temporal-polyfill"
import * as CouncilPolicy from "../../CouncilPolicy.js"
import * as DataScope from "../../DataScope.js"
import type { CalendarOutOfRange, HolidayCalendar } from "../../HolidayCalendar.js"
import { LessonId } from "../../Ids.js"
import { PlainDate, PlainTime } from "../../model/Dates.js"
import type { IdGenerator } from "../../ports/IdGenerator.js"
import { LessonRepository, type LessonSummary } from "../../ports/LessonRepository.js"
import type { Outbox } from "../../ports/Outbox.js"
import type { UserRepository } from "../../ports/UserRepository.js"
import * as WorkingDays from "../../WorkingDays.js"
import { instantAt, localNow } from "./CouncilTime.js"
import { encodeData, enqueue } from "./NewNotification.js"
import { holdersOf } from "./Recipients.js"

export const kind = "register-reminder"

export const RegisterReminderData = Schema.Struct({
  providerName: Schema.String,
  courseTitle: Schema.String,
  lessonId: LessonId,
  date: PlainDate,
  startTime: PlainTime,
  endTime: PlainTime,
  unmarked: Schema.Int
})
export type RegisterReminderData = typeof RegisterReminderData.Type

export interface ReminderSettings {
  /** How long after a lesson ends an incomplete register is chased. */
  readonly afterMinutes: number
  /** How far back to look for registers still incomplete (covers weekends and holidays). */
  readonly lookBackDays: number
  readonly calendar: HolidayCalendar
}

export const defaultSettings: ReminderSettings = {
  afterMinutes: 30,
  lookBackDays: 7,
  calendar: CouncilPolicy.coventry.calendar
}

/** A register is chased once its lesson ended `afterMinutes` ago and someone is still unmarked. */
export const isOverdue = (
  lesson: LessonSummary,
  now: Temporal.Instant,
  settings: Pick<ReminderSettings, "afterMinutes">
): boolean =>
  !lesson.complete &&
  lesson.learnerCount > 0 &&
  Temporal.Instant.compare(
    instantAt(lesson.lesson.date, lesson.lesson.endTime).add({ minutes: settings.afterMinutes }),
    now
  ) <= 0

/** One reminder per register, ever: the key is the lesson. */
export const keyOf = (lessonId: LessonId): string => `${kind}:${lessonId}`

export const subjectOf = (data: RegisterReminderData): string =>
  `Register not complete: ${data.courseTitle}, ${data.date.toLocaleString("en-GB", { day: "numeric", month: "long" })}`

/**
 * Runs every few minutes. On a working day, reminds each provider's CAP Coordinator of every
 * register of the last `lookBackDays` whose lesson ended long enough ago and is still incomplete.
 * Nothing goes out on weekends or bank holidays: a register left incomplete on Friday is chased on
 * Monday morning.
 */
export const sendRegisterReminders = (
  settings: ReminderSettings = defaultSettings
): Effect.Effect<number, CalendarOutOfRange, Outbox | IdGenerator | UserRepository | LessonRepository> =>
  Effect.gen(function* () {
    const now = yield* localNow
    const today = now.toPlainDate()
    if (!(yield* WorkingDays.isWorkingDayEither(today, settings.calendar))) return 0
    const lessons = yield* LessonRepository
    let enqueued = 0
    for (let back = settings.lookBackDays; back >= 0; back--) {
      const day = today.subtract({ days: back })
      for (const summary of yield* lessons.forDay(DataScope.all, day)) {
        if (!isOverdue(summary, now.toInstant(), settings)) continue
        const data: RegisterReminderData = {
          providerName: summary.providerName,
          courseTitle: summary.courseTitle,
          lessonId: summary.lesson.id,
          date: summary.lesson.date,
          startTime: summary.lesson.startTime,
          endTime: summary.lesson.endTime,
          unmarked: summary.learnerCount - summary.markedCount
        }
        const added = yield* enqueue({
          key: keyOf(summary.lesson.id),
          kind,
          recipients: yield* holdersOf(summary.providerId, ["cap_coordinator"]),
          subject: subjectOf(data),
          data: encodeData(RegisterReminderData, data)
        })
        if (added) enqueued += 1
      }
    }
    return enqueued
  })
