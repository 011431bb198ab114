import { Array as Arr, Effect, Either, Schema } from "effect"
import { Temporal } from "temporal-polyfill"
import * as CouncilPolicy from "../../CouncilPolicy.js"
import * as DataScope from "../../DataScope.js"
import type { CalendarOutOfRange, HolidayCalendar } from "../../HolidayCalendar.js"
import { LessonId } from "../../Ids.js"
import { PlainDate, PlainTime } from "../../model/Dates.js"
import type { IdGenerator } from "../../ports/IdGenerator.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import type { Outbox } from "../../ports/Outbox.js"
import { RegisterRepository } from "../../ports/RegisterRepository.js"
import type { UserRepository } from "../../ports/UserRepository.js"
import * as WorkingDays from "../../WorkingDays.js"
import { localNow } from "./CouncilTime.js"
import { encodeData, enqueue } from "./NewNotification.js"
import { holdersOf } from "./Recipients.js"

export const kind = "daily-digest"

export const DailyDigestData = Schema.Struct({
  schoolName: Schema.String,
  date: PlainDate,
  /** False when the list was cut at `listLimit`: the email then points to the full list. */
  listedAll: Schema.Boolean,
  /** Oldest first; only this school's learners. */
  absences: Schema.NonEmptyArray(
    Schema.Struct({
      lessonId: LessonId,
      learnerName: Schema.String,
      courseTitle: Schema.String,
      providerName: Schema.String,
      date: PlainDate,
      startTime: PlainTime
    })
  )
})
export type DailyDigestData = typeof DailyDigestData.Type

export interface DigestSettings {
  /** Local time of day the digest goes out. */
  readonly at: Temporal.PlainTime
  /**
   * How late a digest may still go if no worker ran at `at` (a deploy, a restart). After that the
   * school's day is over and tomorrow's digest will list the same absences.
   */
  readonly catchUpMinutes: number
  readonly calendar: HolidayCalendar
}

export const defaultSettings: DigestSettings = {
  at: Temporal.PlainTime.from("16:00"),
  catchUpMinutes: 60,
  calendar: CouncilPolicy.coventry.calendar
}

/** The most absences one digest lists; beyond that the email points to the full list. */
export const listLimit = 200

/** Whether digests are due at this local time: a working day, from `at` until the catch-up ends. */
export const isDue = (
  now: Temporal.ZonedDateTime,
  settings: DigestSettings
): Either.Either<boolean, CalendarOutOfRange> =>
  Either.map(WorkingDays.isWorkingDayEither(now.toPlainDate(), settings.calendar), (working) => {
    const minutes = now.hour * 60 + now.minute
    const from = settings.at.hour * 60 + settings.at.minute
    return working && minutes >= from && minutes < from + settings.catchUpMinutes
  })

export const keyOf = (schoolId: string, date: Temporal.PlainDate): string => `${kind}:${schoolId}:${date}`

export const subjectOf = (data: DailyDigestData): string =>
  `Unprocessed absences for ${data.schoolName}: ${data.absences.length}`

/**
 * Runs every few minutes. When digests are due, enqueues one per school that has unprocessed
 * absences, to its CAP Coordinator and DSL; a school with none gets nothing. Each school gets at
 * most one a day, however often this runs and however many workers run it (the key holds the date).
 */
export const sendDailyDigests = (
  settings: DigestSettings = defaultSettings
): Effect.Effect<
  number,
  CalendarOutOfRange,
  Outbox | IdGenerator | UserRepository | OrganisationRepository | RegisterRepository
> =>
  Effect.gen(function* () {
    const now = yield* localNow
    if (!(yield* isDue(now, settings))) return 0
    const today = now.toPlainDate()
    const registers = yield* RegisterRepository
    const schools = yield* (yield* OrganisationRepository).list("school")
    let enqueued = 0
    for (const school of schools) {
      const absences = yield* registers.unprocessedAbsences(DataScope.school(school.id), listLimit)
      const own = absences.filter((a) => a.schoolId === school.id)
      if (!Arr.isNonEmptyReadonlyArray(own)) continue
      const data: DailyDigestData = {
        schoolName: school.name,
        date: today,
        listedAll: absences.length < listLimit,
        absences: Arr.map(own, (a) => ({
          lessonId: a.lessonId,
          learnerName: `${a.givenName} ${a.familyName}`,
          courseTitle: a.courseTitle,
          providerName: a.providerName,
          date: a.date,
          startTime: a.startTime
        }))
      }
      const added = yield* enqueue({
        key: keyOf(school.id, today),
        kind,
        recipients: yield* holdersOf(school.id, ["cap_coordinator", "dsl"]),
        subject: subjectOf(data),
        data: encodeData(DailyDigestData, data)
      })
      if (added) enqueued += 1
    }
    return enqueued
  })
