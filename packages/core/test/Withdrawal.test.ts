import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { BankHolidays, CouncilPolicy, HolidayCalendar, Withdrawal, WorkingDays } from "../src/index.js"
import { date, plainDate } from "./fixtures/Arbitraries.js"

describe("Withdrawal.dueDate", () => {
  it("is the 5th working day after the day of submission", () => {
    fc.assert(
      fc.property(plainDate("2020-01-01", "2030-11-30"), (submittedOn) => {
        const due = Withdrawal.dueDate(submittedOn)
        expect(WorkingDays.isWorkingDay(due)).toBe(true)
        expect(WorkingDays.add(submittedOn, 4).until(due).days).toBeGreaterThan(0)
        expect(due.equals(WorkingDays.add(submittedOn, 5))).toBe(true)
      })
    )
  })

  it.each([
    ["a Monday: the following Monday", "2025-06-02", "2025-06-09"],
    ["a Saturday: the Friday after", "2025-06-07", "2025-06-13"],
    ["the Friday before Christmas 2025", "2025-12-19", "2025-12-30"],
    ["the Thursday before Easter 2025", "2025-04-17", "2025-04-28"],
    ["the Friday before the early May bank holiday 2025", "2025-05-02", "2025-05-12"]
  ])("submitted on %s", (_, submitted, due) => {
    expect(Withdrawal.dueDate(date(submitted)).toString()).toBe(due)
  })

  it("counts a council's closure days as well as bank holidays", () => {
    const calendar = HolidayCalendar.combine(
      BankHolidays.englandAndWales,
      HolidayCalendar.fromDates([date("2025-06-04")])
    )
    expect(Withdrawal.dueDate(date("2025-06-02"), calendar).toString()).toBe("2025-06-10")
  })

  it("takes the number of working days from the council's policy", () => {
    const tenDays = CouncilPolicy.make({ withdrawalDeadlineWorkingDays: 10 })
    expect(Withdrawal.dueDateWith(tenDays, date("2025-06-02"))).toEqual(Either.right(date("2025-06-16")))
  })

  it("is overdue from the day after the deadline", () => {
    expect(Withdrawal.isOverdue(date("2025-06-09"), date("2025-06-09"))).toBe(false)
    expect(Withdrawal.isOverdue(date("2025-06-09"), date("2025-06-10"))).toBe(true)
  })
})
