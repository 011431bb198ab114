import { Schema } from "effect"
import { LearnerId, OrganisationId } from "../Ids.js"
import { PlainDateFromSelf } from "./Dates.js"

/**
 * A child placed in alternative provision. The learner stays on the roll of one school
 * (`schoolId`), which owns the record; providers see it only through an enrolment.
 */
export const Learner = Schema.Struct({
  id: LearnerId,
  schoolId: OrganisationId,
  givenName: Schema.NonEmptyTrimmedString,
  familyName: Schema.NonEmptyTrimmedString,
  dateOfBirth: PlainDateFromSelf,
  cohort: Schema.optional(Schema.NonEmptyTrimmedString),
  /** The Unique Pupil Number schools use to match the learner in their own MIS. */
  upn: Schema.optional(Schema.NonEmptyTrimmedString),
  address: Schema.optional(Schema.String),
  medicalNotes: Schema.optional(Schema.String)
})
export type Learner = typeof Learner.Type

export const fullName = (learner: Pick<Learner, "givenName" | "familyName">): string =>
  `${learner.givenName} ${learner.familyName}`
