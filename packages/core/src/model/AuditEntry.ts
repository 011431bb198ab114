import { Schema } from "effect"
import { OrganisationId, UserId } from "../Ids.js"

/** Who did it: a signed-in user, or the system itself (a job, a migration, the demo seed). */
export const AuditActor = Schema.Union(
  Schema.TaggedStruct("User", { userId: UserId, organisationId: OrganisationId }),
  Schema.TaggedStruct("System", { name: Schema.NonEmptyString })
)
export type AuditActor = typeof AuditActor.Type

/** What it was done to: a kind of record ("learner", "register", "transfer-file") and its id. */
export const AuditSubject = Schema.Struct({
  type: Schema.NonEmptyString,
  id: Schema.String
})
export type AuditSubject = typeof AuditSubject.Type

/**
 * One line of the append-only audit log: every read of a child's sensitive data and every change.
 * `detail` holds small facts (never document contents, passwords or tokens).
 */
export const AuditEntry = Schema.Struct({
  actor: AuditActor,
  at: Schema.DateTimeUtcFromSelf,
  action: Schema.NonEmptyString,
  subject: AuditSubject,
  detail: Schema.optional(
    Schema.Record({
      key: Schema.String,
      value: Schema.Union(Schema.String, Schema.Number, Schema.Boolean, Schema.Null)
    })
  )
})
export type AuditEntry = typeof AuditEntry.Type

/** An entry as read back, numbered in the order it was written. */
export const RecordedAuditEntry = Schema.Struct({
  ...AuditEntry.fields,
  sequence: Schema.Int.pipe(Schema.positive())
})
export type RecordedAuditEntry = typeof RecordedAuditEntry.Type
