import { Schema } from "effect"
import { LearnerId } from "../Ids.js"

export const EmergencyContactId = Schema.UUID.pipe(Schema.brand("EmergencyContactId"))
export type EmergencyContactId = typeof EmergencyContactId.Type

/** Someone to call about a learner, in the order they should be tried (`priority` 1 first). */
export const EmergencyContact = Schema.Struct({
  id: EmergencyContactId,
  learnerId: LearnerId,
  name: Schema.NonEmptyTrimmedString,
  relationship: Schema.NonEmptyTrimmedString,
  telephone: Schema.NonEmptyTrimmedString,
  email: Schema.optional(Schema.String),
  priority: Schema.Int.pipe(Schema.positive())
})
export type EmergencyContact = typeof EmergencyContact.Type
