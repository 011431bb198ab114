import { Temporal } from "temporal-polyfill"
import * as HolidayCalendar from "./HolidayCalendar.js"

/**
 * Bank holidays in England and Wales, computed from the rules in the Banking and Financial Dealings
 * Act 1971 and the royal proclamations, plus the one-off changes announced for 2020-2023. The
 * calendar covers only the years checked against the published list (gov.uk), so a deadline in
 * 2031 fails loudly instead of silently missing a holiday nobody has announced yet.
 */
export const firstYear = 2020
export const lastYear = 2030

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
export const easterSunday = (year: number): Temporal.PlainDate => {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return Temporal.PlainDate.from({ year, month, day })
}

const firstMonday = (year: number, month: number) => {
  const first = Temporal.PlainDate.from({ year, month, day: 1 })
  return first.add({ days: (8 - first.dayOfWeek) % 7 })
}

const lastMonday = (year: number, month: number) => {
  const last = Temporal.PlainDate.from({ year, month, day: 1 }).add({ months: 1 }).subtract({ days: 1 })
  return last.subtract({ days: (last.dayOfWeek + 6) % 7 })
}

const isWeekend = (date: Temporal.PlainDate) => date.dayOfWeek >= 6

/** A holiday falling on a weekend moves to the next weekday not already taken by another holiday. */
const substitute = (date: Temporal.PlainDate, taken: ReadonlyArray<Temporal.PlainDate>) => {
  let day = date
  while (isWeekend(day) || taken.some((t) => t.equals(day))) day = day.add({ days: 1 })
  return day
}

/** The announced departures from the usual rules, by year. */
const oneOff: Readonly<
  Record<
    number,
    { readonly moved?: Readonly<Record<string, string>>; readonly added?: ReadonlyArray<string> }
  >
> = {
  // VE Day 75th anniversary: the early May bank holiday moved from Monday 4 to Friday 8 May.
  2020: { moved: { "2020-05-04": "2020-05-08" } },
  // Platinum Jubilee: the spring bank holiday moved to Thursday 2 June, with an extra day on Friday
  // 3 June; the state funeral of Queen Elizabeth II on Monday 19 September.
  2022: { moved: { "2022-05-30": "2022-06-02" }, added: ["2022-06-03", "2022-09-19"] },
  // Coronation of King Charles III.
  2023: { added: ["2023-05-08"] }
}

/** The bank holidays of one year, in date order, including substitute days and one-off changes. */
export const forYear = (year: number): ReadonlyArray<Temporal.PlainDate> => {
  const easter = easterSunday(year)
  const newYear = substitute(Temporal.PlainDate.from({ year, month: 1, day: 1 }), [])
  const christmas = substitute(Temporal.PlainDate.from({ year, month: 12, day: 25 }), [])
  const boxingDay = substitute(Temporal.PlainDate.from({ year, month: 12, day: 26 }), [christmas])
  const usual = [
    newYear,
    easter.subtract({ days: 2 }),
    easter.add({ days: 1 }),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    christmas,
    boxingDay
  ]
  const changes = oneOff[year] ?? {}
  const moved = usual.map((d) => {
    const to = changes.moved?.[d.toString()]
    return to === undefined ? d : Temporal.PlainDate.from(to)
  })
  const added = (changes.added ?? []).map((iso) => Temporal.PlainDate.from(iso))
  return [...moved, ...added].sort(Temporal.PlainDate.compare)
}

const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i)

/** England and Wales, 1 January 2020 to 31 December 2030. */
export const englandAndWales: HolidayCalendar.HolidayCalendar = HolidayCalendar.fromDates(
  years.flatMap(forYear),
  {
    from: Temporal.PlainDate.from({ year: firstYear, month: 1, day: 1 }),
    to: Temporal.PlainDate.from({ year: lastYear, month: 12, day: 31 })
  }
)
