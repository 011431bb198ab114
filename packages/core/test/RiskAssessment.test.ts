import { Either } from "effect"
import fc from "fast-check"
import { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import { CouncilPolicy, RiskAssessment } from "../src/index.js"
import { date, plainDate } from "./fixtures/Arbitraries.js"

// The rule written out by hand: three calendar months back, clamped to the end of a shorter month.
const threeMonthsBefore = (r: Temporal.PlainDate): Temporal.PlainDate => {
  const monthIndex = r.year * 12 + (r.month - 1) - 3
  const year = Math.floor(monthIndex / 12)
  const month = (monthIndex % 12) + 1
  const lastDay = Temporal.PlainDate.from({ year, month, day: 1 }).daysInMonth
  return Temporal.PlainDate.from({ year, month, day: Math.min(r.day, lastDay) })
}

describe("RiskAssessment.isAcceptedAt", () => {
  it("accepts exactly the completion dates from three calendar months before the referral to the referral day", () => {
    fc.assert(
      fc.property(
        plainDate("2000-01-01", "2040-12-31"),
        fc.integer({ min: -40, max: 130 }),
        (referral, back) => {
          const completed = referral.subtract({ days: back })
          const expected =
            Temporal.PlainDate.compare(completed, referral) <= 0 &&
            Temporal.PlainDate.compare(completed, threeMonthsBefore(referral)) >= 0
          expect(RiskAssessment.isAcceptedAt(completed, referral)).toBe(expected)
        }
      ),
      { numRuns: 1000 }
    )
  })

  it.each([
    ["exactly three months before the referral", "2025-03-15", "2025-06-15", true],
    ["one day more than three months before", "2025-03-14", "2025-06-15", false],
    ["on the day of referral", "2025-06-15", "2025-06-15", true],
    ["a future completion date", "2025-06-16", "2025-06-15", false],
    ["month-end clamping: 31 May minus 3 months is 28 February", "2025-02-28", "2025-05-31", true],
    ["month-end clamping: the day before 28 February", "2025-02-27", "2025-05-31", false],
    ["month-end clamping in a leap year: 29 February", "2024-02-29", "2024-05-31", true],
    ["month-end clamping in a leap year: 28 February is too old", "2024-02-28", "2024-05-31", false],
    ["across a year end", "2024-10-31", "2025-01-31", true],
    ["across a year end, a day too old", "2024-10-30", "2025-01-31", false]
  ])("%s", (_, completed, referral, accepted) => {
    expect(RiskAssessment.isAcceptedAt(date(completed), date(referral))).toBe(accepted)
  })

  it("says why a risk assessment is refused", () => {
    const old = RiskAssessment.check(date("2025-03-14"), date("2025-06-15"))
    expect(Either.isLeft(old) && old.left).toMatchObject({
      _tag: "RiskAssessmentTooOld",
      earliestAccepted: "2025-03-15"
    })
    const future = RiskAssessment.check(date("2025-06-16"), date("2025-06-15"))
    expect(Either.isLeft(future) && future.left._tag).toBe("RiskAssessmentInFuture")
  })

  it("takes the number of months from the council's policy", () => {
    const sixMonths = CouncilPolicy.make({ riskAssessmentMonths: 6 })
    expect(RiskAssessment.isAcceptedWith(sixMonths, date("2024-12-15"), date("2025-06-15"))).toBe(true)
    expect(RiskAssessment.isAcceptedWith(sixMonths, date("2024-12-14"), date("2025-06-15"))).toBe(false)
  })
})
