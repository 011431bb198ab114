import { Option } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { AttendanceCode, AttendanceSummary, CouncilPolicy } from "../src/index.js"

const codes = fc.array(fc.constantFrom(...AttendanceCode.all), { maxLength: 60 })
const count = (list: ReadonlyArray<string>, code: string) => list.filter((c) => c === code).length

describe("AttendanceSummary.of", () => {
  it("counts every code, in register order, and rates present + late over every mark but not required", () => {
    fc.assert(
      fc.property(codes, (list) => {
        const summary = AttendanceSummary.of(list)
        expect(summary.counts.map((c) => c.code)).toEqual(AttendanceCode.all)
        for (const c of summary.counts) expect(c.count).toBe(count(list, c.code))
        expect(summary.total).toBe(list.length)
        const attended = count(list, "present") + count(list, "late")
        const expected = list.length - count(list, "not_required")
        expect(summary.rate).toEqual(expected === 0 ? Option.none() : Option.some(attended / expected))
      })
    )
  })

  it("has no rate with no marks, or only 'not required' marks", () => {
    expect(AttendanceSummary.of([]).rate).toEqual(Option.none())
    expect(AttendanceSummary.of(["not_required", "not_required"]).rate).toEqual(Option.none())
    expect(AttendanceSummary.formatRate(AttendanceSummary.of([]))).toBe("No marks")
  })

  it("does not count a dismissed learner as having attended", () => {
    const summary = AttendanceSummary.of(["present", "dismissed_behaviour", "dismissed_other", "late"])
    expect(summary.rate).toEqual(Option.some(0.5))
    expect(AttendanceSummary.formatRate(summary)).toBe("50%")
  })

  it("a council may count dismissals as attendance through its policy", () => {
    const policy = CouncilPolicy.make({
      attendedCodes: ["present", "late", "dismissed_behaviour", "dismissed_other"]
    })
    expect(
      AttendanceSummary.ofWith(policy, ["present", "dismissed_behaviour", "unauthorised_absence"]).rate
    ).toEqual(Option.some(2 / 3))
  })
})
