import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { BankHolidays, HolidayCalendar } from "../src/index.js"
import { date, plainDate } from "./fixtures/Arbitraries.js"

describe("HolidayCalendar", () => {
  const closures = HolidayCalendar.fromDates([date("2025-06-10"), date("2025-07-21")])

  it("a calendar built from dates holds exactly those dates and covers every day", () => {
    fc.assert(
      fc.property(plainDate("1990-01-01", "2060-12-31"), (d) => {
        const holiday = HolidayCalendar.isHoliday(closures, d)
        expect(holiday).toEqual(Either.right(d.equals(date("2025-06-10")) || d.equals(date("2025-07-21"))))
      })
    )
  })

  it("combined calendars hold both sets of holidays, over the days both cover", () => {
    const both = HolidayCalendar.combine(BankHolidays.englandAndWales, closures)
    expect(HolidayCalendar.isHoliday(both, date("2025-06-10"))).toEqual(Either.right(true))
    expect(HolidayCalendar.isHoliday(both, date("2025-12-25"))).toEqual(Either.right(true))
    expect(HolidayCalendar.isHoliday(both, date("2025-06-11"))).toEqual(Either.right(false))
    expect(both.coversFrom?.toString()).toBe("2020-01-01")
    expect(both.coversTo?.toString()).toBe("2030-12-31")
  })

  it("combining narrows the range to the days both calendars cover", () => {
    const a = HolidayCalendar.fromDates([], { from: date("2024-01-01"), to: date("2026-12-31") })
    const b = HolidayCalendar.fromDates([], { from: date("2025-01-01"), to: date("2027-12-31") })
    const both = HolidayCalendar.combine(a, b)
    expect([both.coversFrom?.toString(), both.coversTo?.toString()]).toEqual(["2025-01-01", "2026-12-31"])
    expect(HolidayCalendar.combine(b, a)).toEqual(both)
  })

  it("refuses to answer for a day outside its range, naming the day and the range", () => {
    const outside = HolidayCalendar.isHoliday(BankHolidays.englandAndWales, date("2031-01-01"))
    expect(Either.isLeft(outside)).toBe(true)
    if (Either.isLeft(outside)) {
      expect(outside.left._tag).toBe("CalendarOutOfRange")
      expect(outside.left.date).toBe("2031-01-01")
      expect(outside.left.coversTo).toBe("2030-12-31")
    }
    expect(Either.isLeft(HolidayCalendar.isHoliday(BankHolidays.englandAndWales, date("2019-12-31")))).toBe(
      true
    )
    expect(Either.isRight(HolidayCalendar.isHoliday(BankHolidays.englandAndWales, date("2020-01-01")))).toBe(
      true
    )
    expect(Either.isRight(HolidayCalendar.isHoliday(BankHolidays.englandAndWales, date("2030-12-31")))).toBe(
      true
    )
  })
})
