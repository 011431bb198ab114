import { describe, expect, it } from "vitest"
import {
  Attendance,
  BankHolidays,
  Contribution,
  CouncilPolicy,
  HolidayCalendar,
  Withdrawal
} from "../src/index.js"
import { date } from "./fixtures/Arbitraries.js"

describe("CouncilPolicy", () => {
  it("Coventry's values are the guidance's", () => {
    const c = CouncilPolicy.coventry
    expect(c.withdrawalDeadlineWorkingDays).toBe(5)
    expect(c.riskAssessmentMonths).toBe(3)
    expect(c.contribution).toEqual({ min: -2, max: 2, initial: 0 })
    expect(c.calendar).toBe(BankHolidays.englandAndWales)
    expect(c.timeZone).toBe("Europe/London")
  })

  it("another council changes only what it overrides, and every rule follows its policy", () => {
    const closures = HolidayCalendar.fromDates([date("2025-06-03")])
    const other = CouncilPolicy.make({
      name: "Another council",
      calendar: HolidayCalendar.combine(BankHolidays.englandAndWales, closures),
      markRights: {
        ...CouncilPolicy.coventry.markRights,
        provider: { fromUnmarked: true, from: ["present", "late"], to: ["present", "late"] }
      }
    })
    expect(other.riskAssessmentMonths).toBe(3)
    expect(Withdrawal.dueDateWith(other, date("2025-06-02"))).toMatchObject({ right: date("2025-06-10") })
    expect(Attendance.canChangeMarkWith(other, "provider", null, "not_required")).toBe(false)
    expect(Attendance.canChangeMark("provider", null, "not_required")).toBe(true)
    expect(Contribution.stepWith(other, 2, "up")).toBe(2)
  })
})
