import type { AttendanceCode } from "./AttendanceCode.js"
import * as BankHolidays from "./BankHolidays.js"
import type { HolidayCalendar } from "./HolidayCalendar.js"
import type { OrgKind } from "./OrgKind.js"

/**
 * What a kind of organisation may do to a register mark. `fromUnmarked` says whether it may give
 * the first mark; `from` lists the marks it may change; `to` lists the marks it may set.
 */
export interface MarkRights {
  readonly fromUnmarked: boolean
  readonly from: ReadonlyArray<AttendanceCode>
  readonly to: ReadonlyArray<AttendanceCode>
}

/**
 * The parts of the rules on which councils differ, in one place, so that another council embeds the
 * library by writing one value instead of forking rules. Every rule has a variant taking a policy;
 * the plain variants use `coventry`.
 */
export interface CouncilPolicy {
  readonly name: string
  /** The council's local time zone: lessons start at a wall-clock time there. */
  readonly timeZone: string
  /** Days that are not working days besides weekends: bank holidays plus local closures. */
  readonly calendar: HolidayCalendar
  /** Working days CAP has to process a withdrawal, counted from the day after submission. */
  readonly withdrawalDeadlineWorkingDays: number
  /** How far back from the referral date a risk assessment may have been completed, in months. */
  readonly riskAssessmentMonths: number
  readonly contribution: { readonly min: number; readonly max: number; readonly initial: number }
  readonly markRights: Readonly<Record<OrgKind, MarkRights>>
  /** Marks that count as having attended, for the attendance rate. */
  readonly attendedCodes: ReadonlyArray<AttendanceCode>
  /** Marks left out of the attendance rate altogether: the learner was not expected. */
  readonly notExpectedCodes: ReadonlyArray<AttendanceCode>
}

const providerCodes: ReadonlyArray<AttendanceCode> = [
  "present",
  "late",
  "unexplained_absence",
  "dismissed_behaviour",
  "dismissed_other",
  "not_required"
]
const schoolCodes: ReadonlyArray<AttendanceCode> = [
  "unexplained_absence",
  "authorised_absence",
  "unauthorised_absence"
]
const allCodes: ReadonlyArray<AttendanceCode> = [
  "present",
  "late",
  "authorised_absence",
  "unexplained_absence",
  "unauthorised_absence",
  "dismissed_behaviour",
  "dismissed_other",
  "not_required"
]

/** Coventry City Council, from its CAP systems guidance 2025/26. */
export const coventry: CouncilPolicy = {
  name: "Coventry City Council",
  timeZone: "Europe/London",
  calendar: BankHolidays.englandAndWales,
  withdrawalDeadlineWorkingDays: 5,
  riskAssessmentMonths: 3,
  contribution: { min: -2, max: 2, initial: 0 },
  markRights: {
    // Providers record what happened; an absence they cannot explain goes to the school as
    // "unexplained", and once the school has decided it, the decision is the school's.
    provider: { fromUnmarked: true, from: providerCodes, to: providerCodes },
    // Schools only process absences (or put one back to unprocessed); they never give a first mark.
    school: { fromUnmarked: false, from: schoolCodes, to: schoolCodes },
    // CAP corrects any mark.
    cap: { fromUnmarked: true, from: allCodes, to: allCodes }
  },
  // A dismissed learner was sent away before the session ended; the guidance lists dismissal apart
  // from present and late, and counting it as attendance would hide behaviour dismissals.
  attendedCodes: ["present", "late"],
  notExpectedCodes: ["not_required"]
}

/** A policy that differs from another in the given parts only. */
export const make = (overrides: Partial<CouncilPolicy>, base: CouncilPolicy = coventry): CouncilPolicy => ({
  ...base,
  ...overrides
})
