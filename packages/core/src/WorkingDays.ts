import { Either } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as CouncilPolicy from "./CouncilPolicy.js"
import * as HolidayCalendar from "./HolidayCalendar.js"

/**
 * Working days: Monday to Friday, except the holidays of a calendar (by default the bank holidays
 * in England and Wales, 2020-2030). A date outside the calendar's range cannot be answered for.
 */
export type { HolidayCalendar } from "./HolidayCalendar.js"

const defaultCalendar = CouncilPolicy.coventry.calendar

const isWeekend = (date: Temporal.PlainDate) => date.dayOfWeek >= 6

/** Whether `date` is a working day, or `CalendarOutOfRange` if the calendar does not cover it. */
export const isWorkingDayEither = (
  date: Temporal.PlainDate,
  calendar: HolidayCalendar.HolidayCalendar = defaultCalendar
): Either.Either<boolean, HolidayCalendar.CalendarOutOfRange> =>
  Either.map(HolidayCalendar.isHoliday(calendar, date), (holiday) => !holiday && !isWeekend(date))

/**
 * The date `days` working days after `date` (the start day does not count; a negative `days`
 * counts back). Fails with `CalendarOutOfRange` if any day passed over is outside the calendar.
 */
export const addEither = (
  date: Temporal.PlainDate,
  days: number,
  calendar: HolidayCalendar.HolidayCalendar = defaultCalendar
): Either.Either<Temporal.PlainDate, HolidayCalendar.CalendarOutOfRange> => {
  if (!Number.isSafeInteger(days)) throw new RangeError(`working days must be a whole number, got ${days}`)
  const step = days < 0 ? -1 : 1
  let day = date
  let left = Math.abs(days)
  while (left > 0) {
    day = day.add({ days: step })
    const working = isWorkingDayEither(day, calendar)
    if (Either.isLeft(working)) return Either.left(working.left)
    if (working.right) left -= 1
  }
  return Either.right(day)
}

/**
 * Whether `date` is a working day.
 * @throws CalendarOutOfRange when the calendar does not cover `date` (use `isWorkingDayEither` to
 * handle that as a value).
 */
export const isWorkingDay = (
  date: Temporal.PlainDate,
  calendar: HolidayCalendar.HolidayCalendar = defaultCalendar
): boolean => Either.getOrThrowWith(isWorkingDayEither(date, calendar), (e) => e)

/**
 * The date `days` working days after `date`; the start day does not count.
 * @throws CalendarOutOfRange when the count runs outside the calendar's range (use `addEither`).
 * @throws RangeError when `days` is not a whole number.
 */
export const add = (
  date: Temporal.PlainDate,
  days: number,
  calendar: HolidayCalendar.HolidayCalendar = defaultCalendar
): Temporal.PlainDate => Either.getOrThrowWith(addEither(date, days, calendar), (e) => e)
