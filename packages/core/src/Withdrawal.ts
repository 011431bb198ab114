import { Either } from "effect"
import { Temporal } from "temporal-polyfill"
import * as CouncilPolicy from "./CouncilPolicy.js"
import type * as HolidayCalendar from "./HolidayCalendar.js"
import * as WorkingDays from "./WorkingDays.js"

/**
 * The processing deadline of a withdrawal form: CAP has 5 working days from submission, and the
 * deadline is the 5th working day after the day of submission (that day does not count).
 */
export const dueDateWith = (
  policy: CouncilPolicy.CouncilPolicy,
  submittedOn: Temporal.PlainDate
): Either.Either<Temporal.PlainDate, HolidayCalendar.CalendarOutOfRange> =>
  WorkingDays.addEither(submittedOn, policy.withdrawalDeadlineWorkingDays, policy.calendar)

/**
 * Coventry's deadline for a form submitted on `submittedOn`, with the given holidays.
 * @throws CalendarOutOfRange when the calendar does not cover the days counted (use `dueDateWith`).
 */
export const dueDate = (
  submittedOn: Temporal.PlainDate,
  calendar: HolidayCalendar.HolidayCalendar = CouncilPolicy.coventry.calendar
): Temporal.PlainDate =>
  Either.getOrThrowWith(dueDateWith(CouncilPolicy.make({ calendar }), submittedOn), (e) => e)

/** Overdue once the deadline day has passed without the form being processed. */
export const isOverdue = (dueOn: Temporal.PlainDate, today: Temporal.PlainDate): boolean =>
  Temporal.PlainDate.compare(today, dueOn) > 0
