import { Schema } from "effect"

/** The register codes, in the order the guidance lists them (and the register shows them). */
export const AttendanceCode = Schema.Literal(
  "present",
  "late",
  "authorised_absence",
  "unexplained_absence",
  "unauthorised_absence",
  "dismissed_behaviour",
  "dismissed_other",
  "not_required"
)
export type AttendanceCode = typeof AttendanceCode.Type

export const all: ReadonlyArray<AttendanceCode> = AttendanceCode.literals

export const label: Readonly<Record<AttendanceCode, string>> = {
  present: "Present",
  late: "Late",
  authorised_absence: "Authorised absence",
  unexplained_absence: "Unexplained absence",
  unauthorised_absence: "Unauthorised absence",
  dismissed_behaviour: "Dismissed (behaviour)",
  dismissed_other: "Dismissed (other)",
  not_required: "Not required"
}

/** An absence the school has decided on; the provider may no longer change it. */
export const isProcessedAbsence = (code: AttendanceCode): boolean =>
  code === "authorised_absence" || code === "unauthorised_absence"
