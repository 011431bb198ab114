import { Schema } from "effect"

/**
 * What a file sent through secure file transfer is, as the guidance lists it ("the list is not
 * exhaustive", hence "other").
 */
export const DocumentType = Schema.Literal(
  "student_support_plan",
  "ehcp",
  "risk_assessment",
  "updated_contact_information",
  "meeting_minutes",
  "social_care_report",
  "safeguarding_concern",
  "behaviour_attendance_concern",
  "financial_audit",
  "invoice",
  "tracking",
  "other"
)
export type DocumentType = typeof DocumentType.Type

export const all: ReadonlyArray<DocumentType> = DocumentType.literals

export const label: Readonly<Record<DocumentType, string>> = {
  student_support_plan: "Student support plan",
  ehcp: "Education, Health and Care Plan (EHCP)",
  risk_assessment: "Risk assessment",
  updated_contact_information: "Updated contact information",
  meeting_minutes: "Meeting minutes",
  social_care_report: "Social care report",
  safeguarding_concern: "Safeguarding concern",
  behaviour_attendance_concern: "Behaviour or attendance concern",
  financial_audit: "Financial audit",
  invoice: "Invoice",
  tracking: "Tracking",
  other: "Other"
}
