import { Either } from "effect"
import fc from "fast-check"
import type { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import { BankHolidays, HolidayCalendar, WorkingDays } from "../src/index.js"
import { date, plainDate } from "./fixtures/Arbitraries.js"
import { allPublished } from "./fixtures/PublishedBankHolidays.js"

// The oracle: Monday to Friday, not on the published list. Independent of the computed calendar.
const isWorkingDayPublished = (d: Temporal.PlainDate) => d.dayOfWeek <= 5 && !allPublished.has(d.toString())

describe("WorkingDays", () => {
  it("a day is a working day exactly when it is a weekday not on the published bank holiday list", () => {
    fc.assert(
      fc.property(plainDate("2020-01-01", "2030-12-31"), (d) => {
        expect(WorkingDays.isWorkingDay(d)).toBe(isWorkingDayPublished(d))
      }),
      { numRuns: 500 }
    )
  })

  it("adding n working days lands on a working day with exactly n working days after the start, up to it", () => {
    fc.assert(
      fc.property(plainDate("2020-01-01", "2030-10-31"), fc.integer({ min: 1, max: 40 }), (start, n) => {
        const end = WorkingDays.add(start, n)
        expect(isWorkingDayPublished(end)).toBe(true)
        let counted = 0
        for (let d = start.add({ days: 1 }); !d.equals(end.add({ days: 1 })); d = d.add({ days: 1 }))
          if (isWorkingDayPublished(d)) counted++
        expect(counted).toBe(n)
      })
    )
  })

  it("counting back undoes counting forward from a working day", () => {
    fc.assert(
      fc.property(plainDate("2020-03-01", "2030-10-31"), fc.integer({ min: 0, max: 30 }), (start, n) => {
        fc.pre(isWorkingDayPublished(start))
        expect(WorkingDays.add(WorkingDays.add(start, n), -n).equals(start)).toBe(true)
      })
    )
  })

  it("adding zero days is the start day itself, working or not", () => {
    expect(WorkingDays.add(date("2025-12-25"), 0).toString()).toBe("2025-12-25")
  })

  describe("boundaries", () => {
    it.each([
      ["Friday to Monday over a weekend", "2025-06-06", 1, "2025-06-09"],
      ["Saturday start: the weekend does not count", "2025-06-07", 1, "2025-06-09"],
      ["Sunday start", "2025-06-08", 5, "2025-06-13"],
      ["Christmas week 2025: Christmas and Boxing Day skipped", "2025-12-24", 1, "2025-12-29"],
      ["Christmas week 2026: Boxing Day's substitute Monday skipped", "2026-12-24", 1, "2026-12-29"],
      ["Easter week 2025: Good Friday and Easter Monday skipped", "2025-04-17", 1, "2025-04-22"],
      ["Easter week 2024: over a month end", "2024-03-28", 2, "2024-04-03"],
      ["New Year 2022's substitute day", "2021-12-31", 1, "2022-01-04"],
      ["Platinum Jubilee 2022", "2022-06-01", 1, "2022-06-06"],
      ["Coronation 2023", "2023-05-05", 1, "2023-05-09"]
    ])("%s", (_, start, days, expected) => {
      expect(WorkingDays.add(date(start), days).toString()).toBe(expected)
    })
  })

  it("a council's own closure days combine with the bank holidays", () => {
    const coventryPlusInset = HolidayCalendar.combine(
      BankHolidays.englandAndWales,
      HolidayCalendar.fromDates([date("2025-06-10")])
    )
    expect(WorkingDays.add(date("2025-06-09"), 1, coventryPlusInset).toString()).toBe("2025-06-11")
    expect(WorkingDays.isWorkingDay(date("2025-06-10"), coventryPlusInset)).toBe(false)
    expect(WorkingDays.isWorkingDay(date("2025-06-10"))).toBe(true)
  })

  it("fails instead of guessing outside the calendar's range: a value from the Either variant, a throw from the plain one", () => {
    const late = WorkingDays.addEither(date("2030-12-20"), 10)
    expect(Either.isLeft(late) && late.left._tag).toBe("CalendarOutOfRange")
    expect(() => WorkingDays.add(date("2030-12-20"), 10)).toThrowError(
      expect.objectContaining({ _tag: "CalendarOutOfRange", date: "2031-01-01" })
    )
    expect(() => WorkingDays.isWorkingDay(date("2019-12-31"))).toThrowError(
      expect.objectContaining({ _tag: "CalendarOutOfRange" })
    )
    expect(WorkingDays.add(date("2030-12-20"), 3).toString()).toBe("2030-12-27")
  })

  it("refuses a count that is not a whole number", () => {
    expect(() => WorkingDays.add(date("2025-06-09"), 1.5)).toThrowError(RangeError)
    expect(() => WorkingDays.add(date("2025-06-09"), Number.POSITIVE_INFINITY)).toThrowError(RangeError)
  })
})
