import { Context, type DateTime, type Effect, type Option, Schema } from "effect"
import type { Temporal } from "temporal-polyfill"
import type { DataScope } from "../DataScope.js"
import type { CourseId, LearnerId, LessonId, OrganisationId, UserId } from "../Ids.js"
import type { AttendanceMark, MarkChange } from "../model/AttendanceMark.js"
import type { Lesson } from "../model/Lesson.js"
import type { LessonRegister } from "../model/LessonRegister.js"
import type { MarkHistoryEntry } from "../model/MarkHistory.js"

/**
 * Someone saved the register after this reader loaded it. Nothing was written: the reader must
 * reload, see the other person's marks and decide again.
 */
export class StaleRegister extends Schema.TaggedError<StaleRegister>()("StaleRegister", {
  lessonId: Schema.String,
  expectedVersion: Schema.Number,
  currentVersion: Schema.Number
}) {}

/** No such lesson, or not one the caller may see. */
export class RegisterNotFound extends Schema.TaggedError<RegisterNotFound>()("RegisterNotFound", {
  lessonId: Schema.String
}) {}

/** A mark for a learner who is not on this register as the caller sees it. Nothing was written. */
export class LearnerNotOnRegister extends Schema.TaggedError<LearnerNotOnRegister>()("LearnerNotOnRegister", {
  lessonId: Schema.String,
  learnerId: Schema.String
}) {}

/** An unexplained absence waiting for the learner's school to decide on it. */
export interface UnprocessedAbsence {
  readonly lessonId: LessonId
  readonly learnerId: LearnerId
  readonly givenName: string
  readonly familyName: string
  readonly schoolId: OrganisationId
  readonly courseId: CourseId
  readonly courseTitle: string
  readonly providerId: OrganisationId
  readonly providerName: string
  readonly date: Temporal.PlainDate
  readonly startTime: Temporal.PlainTime
  readonly endTime: Temporal.PlainTime
  readonly markedAt: DateTime.Utc
  readonly note?: string
}

/** A learner's mark with its lesson, for the training record (attendance notes, contribution). */
export interface LearnerMark {
  readonly lesson: Lesson
  readonly courseTitle: string
  readonly mark: AttendanceMark
}

/**
 * Registers: the marks of a lesson. Saving is optimistic: it quotes the version it was based on
 * and fails with StaleRegister if anyone saved since. Every changed mark writes a history entry
 * with the previous values, who and when, in the same transaction.
 */
export class RegisterRepository extends Context.Tag("openap/RegisterRepository")<
  RegisterRepository,
  {
    readonly load: (scope: DataScope, lessonId: LessonId) => Effect.Effect<Option.Option<LessonRegister>>
    /**
     * Writes the marks that differ from the stored ones (unchanged ones are skipped, and a save
     * that changes nothing leaves the version as it is). Returns the register's new version.
     */
    readonly save: (
      scope: DataScope,
      lessonId: LessonId,
      changes: ReadonlyArray<MarkChange>,
      expectedVersion: number,
      by: UserId,
      at: DateTime.Utc
    ) => Effect.Effect<number, StaleRegister | RegisterNotFound | LearnerNotOnRegister>
    /** Oldest first (by lesson date and start time); a school's own, or every school's for CAP. */
    readonly unprocessedAbsences: (
      scope: DataScope,
      limit?: number
    ) => Effect.Effect<ReadonlyArray<UnprocessedAbsence>>
    /** A learner's marks, newest lesson first, over the lessons the caller may see. */
    readonly marksForLearner: (
      scope: DataScope,
      learnerId: LearnerId
    ) => Effect.Effect<ReadonlyArray<LearnerMark>>
    /** Every change to the register's marks, oldest first; only learners the caller may see. */
    readonly history: (scope: DataScope, lessonId: LessonId) => Effect.Effect<ReadonlyArray<MarkHistoryEntry>>
  }
>() {}
