import { describe, expect, it } from "vitest"
import { BankHolidays, HolidayCalendar } from "../src/index.js"
import { publishedBankHolidays } from "./fixtures/PublishedBankHolidays.js"

describe("BankHolidays", () => {
  it.each(Object.entries(publishedBankHolidays))("computes %s exactly as published", (year, published) => {
    expect(BankHolidays.forYear(Number(year)).map((d) => d.toString())).toEqual(published)
  })

  it("the England and Wales calendar holds every published day 2020-2030 and nothing else", () => {
    expect(HolidayCalendar.dates(BankHolidays.englandAndWales).map((d) => d.toString())).toEqual(
      Object.values(publishedBankHolidays).flat()
    )
  })

  it.each([
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"]
  ])("finds Easter Sunday %i on %s (including the earliest and latest possible dates)", (year, easter) => {
    expect(BankHolidays.easterSunday(year).toString()).toBe(easter)
  })

  it("always puts Easter Sunday on a Sunday between 22 March and 25 April", () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = BankHolidays.easterSunday(year)
      expect(easter.dayOfWeek).toBe(7)
      const monthDay = easter.month * 100 + easter.day
      expect(monthDay).toBeGreaterThanOrEqual(322)
      expect(monthDay).toBeLessThanOrEqual(425)
    }
  })
})
