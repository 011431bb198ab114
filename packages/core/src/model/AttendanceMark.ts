import { Schema } from "effect"
import { AttendanceCode } from "../AttendanceCode.js"
import { LearnerId, LessonId, UserId } from "../Ids.js"

/**
 * A learner's contribution in a lesson, -2 to +2, 0 when not recorded. Stored as a plain integer
 * so that the rules' branded Contribution values fit without conversion.
 */
export const MarkContribution = Schema.Int.pipe(Schema.between(-2, 2))

/** What the register records for one learner in one lesson, and who last changed it. */
export const AttendanceMark = Schema.Struct({
  lessonId: LessonId,
  learnerId: LearnerId,
  code: AttendanceCode,
  contribution: MarkContribution,
  /** The "attendance note": it shows on the learner's training record. */
  note: Schema.optional(Schema.String),
  markedBy: UserId,
  markedAt: Schema.DateTimeUtcFromSelf
})
export type AttendanceMark = typeof AttendanceMark.Type

/** A mark as someone wants it to be; the store adds who and when. */
export const MarkChange = Schema.Struct({
  learnerId: LearnerId,
  code: AttendanceCode,
  contribution: MarkContribution,
  note: Schema.optional(Schema.String)
})
export type MarkChange = typeof MarkChange.Type
