import { Either, Schema } from "effect"
import { Temporal } from "temporal-polyfill"

/**
 * The days on which nobody is expected to work beyond weekends: bank holidays, and any closure days
 * a council adds. A calendar knows its own range: a published list of bank holidays says nothing
 * about a year it does not cover, so asking about such a year is an error, not a "no".
 */
export interface HolidayCalendar {
  /** First and last day (inclusive) this calendar can answer for; `null` means unbounded that way. */
  readonly coversFrom: Temporal.PlainDate | null
  readonly coversTo: Temporal.PlainDate | null
  /** ISO dates (`YYYY-MM-DD`) of the holidays, kept as strings so look-up is exact and cheap. */
  readonly holidays: ReadonlySet<string>
}

/** Asked about a day the calendar does not cover: the caller must extend the calendar, not guess. */
export class CalendarOutOfRange extends Schema.TaggedError<CalendarOutOfRange>()("CalendarOutOfRange", {
  date: Schema.String,
  coversFrom: Schema.NullOr(Schema.String),
  coversTo: Schema.NullOr(Schema.String)
}) {}

export interface Range {
  readonly from?: Temporal.PlainDate
  readonly to?: Temporal.PlainDate
}

/**
 * A calendar from a list of dates. Without a range it is unbounded: a council's list of its own
 * closure days is complete as given, and days not in it are simply open.
 */
export const fromDates = (dates: Iterable<Temporal.PlainDate>, range: Range = {}): HolidayCalendar => ({
  coversFrom: range.from ?? null,
  coversTo: range.to ?? null,
  holidays: new Set([...dates].map((d) => d.toString()))
})

export const empty: HolidayCalendar = fromDates([])

const later = (a: Temporal.PlainDate | null, b: Temporal.PlainDate | null) =>
  a === null ? b : b === null ? a : Temporal.PlainDate.compare(a, b) >= 0 ? a : b
const earlier = (a: Temporal.PlainDate | null, b: Temporal.PlainDate | null) =>
  a === null ? b : b === null ? a : Temporal.PlainDate.compare(a, b) <= 0 ? a : b

/**
 * Both calendars' holidays together (bank holidays plus a council's closures). The result covers
 * only the days both cover: outside either one's range the answer would be a guess.
 */
export const combine = (a: HolidayCalendar, b: HolidayCalendar): HolidayCalendar => ({
  coversFrom: later(a.coversFrom, b.coversFrom),
  coversTo: earlier(a.coversTo, b.coversTo),
  holidays: new Set([...a.holidays, ...b.holidays])
})

export const covers = (calendar: HolidayCalendar, date: Temporal.PlainDate): boolean =>
  (calendar.coversFrom === null || Temporal.PlainDate.compare(date, calendar.coversFrom) >= 0) &&
  (calendar.coversTo === null || Temporal.PlainDate.compare(date, calendar.coversTo) <= 0)

export const outOfRange = (calendar: HolidayCalendar, date: Temporal.PlainDate): CalendarOutOfRange =>
  new CalendarOutOfRange({
    date: date.toString(),
    coversFrom: calendar.coversFrom?.toString() ?? null,
    coversTo: calendar.coversTo?.toString() ?? null
  })

export const isHoliday = (
  calendar: HolidayCalendar,
  date: Temporal.PlainDate
): Either.Either<boolean, CalendarOutOfRange> =>
  covers(calendar, date)
    ? Either.right(calendar.holidays.has(date.toString()))
    : Either.left(outOfRange(calendar, date))

/** The holidays in date order, for display and for comparing with a published list. */
export const dates = (calendar: HolidayCalendar): ReadonlyArray<Temporal.PlainDate> =>
  [...calendar.holidays].sort().map((iso) => Temporal.PlainDate.from(iso))
