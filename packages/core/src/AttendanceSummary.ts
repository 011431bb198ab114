import { Option } from "effect"
import * as AttendanceCode from "./AttendanceCode.js"
import * as CouncilPolicy from "./CouncilPolicy.js"

/**
 * The attendance summary shown on the training records list and on each training record: how many
 * marks of each code, in register order, and the attendance rate. The rate is attended marks
 * (present and late) over every mark except "not required" (the learner was not expected).
 * Dismissed marks count as expected but not attended: see CouncilPolicy.attendedCodes. With no
 * expected marks there is no rate, rather than a misleading 0% or 100%.
 */
export interface AttendanceSummary {
  readonly counts: ReadonlyArray<{ readonly code: AttendanceCode.AttendanceCode; readonly count: number }>
  readonly total: number
  readonly attended: number
  readonly expected: number
  /** Between 0 and 1. */
  readonly rate: Option.Option<number>
}

export const ofWith = (
  policy: CouncilPolicy.CouncilPolicy,
  codes: Iterable<AttendanceCode.AttendanceCode>
): AttendanceSummary => {
  const tally = new Map<AttendanceCode.AttendanceCode, number>()
  for (const code of codes) tally.set(code, (tally.get(code) ?? 0) + 1)
  const counts = AttendanceCode.all.map((code) => ({ code, count: tally.get(code) ?? 0 }))
  const sum = (pick: (code: AttendanceCode.AttendanceCode) => boolean) =>
    counts.reduce((n, c) => (pick(c.code) ? n + c.count : n), 0)
  const total = sum(() => true)
  const attended = sum((code) => policy.attendedCodes.includes(code))
  const expected = sum((code) => !policy.notExpectedCodes.includes(code))
  return {
    counts,
    total,
    attended,
    expected,
    rate: expected === 0 ? Option.none() : Option.some(attended / expected)
  }
}

export const of = (codes: Iterable<AttendanceCode.AttendanceCode>): AttendanceSummary =>
  ofWith(CouncilPolicy.coventry, codes)

/** The rate as a whole percentage for display ("87%"), or "No marks" when there is none. */
export const formatRate = (summary: AttendanceSummary): string =>
  Option.match(summary.rate, {
    onNone: () => "No marks",
    onSome: (rate) => `${Math.round(rate * 100)}%`
  })
