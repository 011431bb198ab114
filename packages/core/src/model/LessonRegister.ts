import { Schema } from "effect"
import { LearnerId, OrganisationId } from "../Ids.js"
import { AttendanceMark } from "./AttendanceMark.js"
import { Lesson } from "./Lesson.js"

/** A learner as a register lists them. */
export const RegisterLearner = Schema.Struct({
  learnerId: LearnerId,
  schoolId: OrganisationId,
  givenName: Schema.String,
  familyName: Schema.String,
  mark: Schema.optional(AttendanceMark)
})
export type RegisterLearner = typeof RegisterLearner.Type

/**
 * A lesson's register as one reader may see it: the learners enrolled on the lesson's day (a school
 * sees only its own) with their marks. `version` changes on every save; a save must quote the
 * version it was based on, so two people saving the same register cannot overwrite each other.
 * `complete` is about the whole register (every enrolled learner marked), whoever reads it.
 */
export const LessonRegister = Schema.Struct({
  lesson: Lesson,
  courseTitle: Schema.String,
  providerId: OrganisationId,
  learners: Schema.Array(RegisterLearner),
  version: Schema.Int.pipe(Schema.nonNegative()),
  complete: Schema.Boolean
})
export type LessonRegister = typeof LessonRegister.Type
