import { Either } from "effect"
import fc from "fast-check"
import { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import { AttendanceCode, Register } from "../src/index.js"

const instant = fc
  .bigInt({ min: 1_577_836_800_000_000_000n, max: 1_924_991_999_000_000_000n })
  .map((ns) => Temporal.Instant.fromEpochNanoseconds(ns))
const entry = fc.record({ mark: fc.option(fc.constantFrom(...AttendanceCode.all), { nil: null }) })
const at = (iso: string) => Temporal.Instant.from(iso)

describe("Register", () => {
  it("a lesson can be marked from the moment it starts, never before", () => {
    fc.assert(
      fc.property(instant, instant, (start, now) => {
        expect(Register.hasStarted(start, now)).toBe(Temporal.Instant.compare(now, start) >= 0)
      })
    )
  })

  it("boundaries: at the start time, and one nanosecond before", () => {
    const start = at("2025-09-01T08:00:00Z")
    expect(Register.hasStarted(start, start)).toBe(true)
    const early = Register.checkStarted(start, start.subtract({ nanoseconds: 1 }))
    expect(Either.isLeft(early) && early.left).toMatchObject({ _tag: "RegisterNotYetOpen" })
  })

  it("lesson start times are London wall-clock times, through the clock changes", () => {
    expect(
      Register.lessonStart(
        Temporal.PlainDate.from("2025-07-01"),
        Temporal.PlainTime.from("09:00")
      ).toInstant()
    ).toEqual(at("2025-07-01T08:00:00Z"))
    expect(
      Register.lessonStart(
        Temporal.PlainDate.from("2025-12-01"),
        Temporal.PlainTime.from("09:00")
      ).toInstant()
    ).toEqual(at("2025-12-01T09:00:00Z"))
    // 01:30 does not exist on 30 March 2025: the lesson starts at the later wall-clock time, 02:30 BST.
    expect(
      Register.lessonStart(
        Temporal.PlainDate.from("2025-03-30"),
        Temporal.PlainTime.from("01:30")
      ).toInstant()
    ).toEqual(at("2025-03-30T01:30:00Z"))
  })

  it("a register is complete exactly when every enrolled learner has a mark", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
        expect(Register.isComplete(entries)).toBe(entries.every((e) => e.mark !== null))
        expect(Register.unmarkedCount(entries)).toBe(entries.filter((e) => e.mark === null).length)
      })
    )
  })

  const started = at("2025-09-01T09:00:00Z")
  const later = at("2025-09-01T12:00:00Z")
  const complete = {
    lessonStart: started,
    now: later,
    entries: [{ mark: "present" as const }, { mark: "unexplained_absence" as const }]
  }
  const incomplete = { ...complete, entries: [{ mark: "present" as const }, { mark: null }] }
  const notStarted = { ...complete, now: at("2025-09-01T08:59:59Z") }

  it("a school edits only a complete register; a provider edits an incomplete one; nobody before the start", () => {
    expect(Register.canEdit("school", complete)).toBe(true)
    const refused = Register.checkEditable("school", incomplete)
    expect(Either.isLeft(refused) && refused.left).toMatchObject({ _tag: "RegisterIncomplete", unmarked: 1 })
    expect(Register.canEdit("provider", incomplete)).toBe(true)
    for (const kind of ["cap", "school", "provider"] as const)
      expect(Register.canEdit(kind, notStarted)).toBe(false)
  })

  it("checkMark combines the register's state with who may change which mark", () => {
    expect(
      Either.isRight(Register.checkMark("school", complete, "unexplained_absence", "authorised_absence"))
    ).toBe(true)
    const provider = Register.checkMark("provider", complete, "authorised_absence", "present")
    expect(Either.isLeft(provider) && provider.left._tag).toBe("MarkChangeRefused")
    const early = Register.checkMark("cap", notStarted, null, "present")
    expect(Either.isLeft(early) && early.left._tag).toBe("RegisterNotYetOpen")
  })

  it("notes: the school only on a complete register; contribution: never the school", () => {
    expect(Register.canAddNote("school", incomplete)).toBe(false)
    expect(Register.canAddNote("school", complete)).toBe(true)
    expect(Register.canAddNote("provider", incomplete)).toBe(true)
    expect(Register.canRecordContribution("provider", incomplete)).toBe(true)
    expect(Register.canRecordContribution("school", complete)).toBe(false)
    expect(Register.canRecordContribution("provider", notStarted)).toBe(false)
  })
})
