import { Schema } from "effect"
import { AttendanceCode } from "../AttendanceCode.js"
import { LearnerId, LessonId, UserId } from "../Ids.js"
import { MarkContribution } from "./AttendanceMark.js"

/**
 * One change to a mark, written in the same transaction as the change. Registers are legal records:
 * the previous values (absent for a first mark) are kept so a CAP correction or a school's decision
 * can always be traced.
 */
export const MarkHistoryEntry = Schema.Struct({
  lessonId: LessonId,
  learnerId: LearnerId,
  previous: Schema.optional(
    Schema.Struct({
      code: AttendanceCode,
      contribution: MarkContribution,
      note: Schema.optional(Schema.String)
    })
  ),
  code: AttendanceCode,
  contribution: MarkContribution,
  note: Schema.optional(Schema.String),
  changedBy: UserId,
  changedAt: Schema.DateTimeUtcFromSelf
})
export type MarkHistoryEntry = typeof MarkHistoryEntry.Type
