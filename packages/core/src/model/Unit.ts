import { Schema } from "effect"
import { CourseId, UnitId } from "../Ids.js"
import { CoursePart, CoursePartId } from "./CoursePart.js"

/** A unit of a course, in one part. Progress is recorded per learner per unit. */
export const Unit = Schema.Struct({
  id: UnitId,
  courseId: CourseId,
  partId: CoursePartId,
  title: Schema.NonEmptyTrimmedString,
  code: Schema.optional(Schema.NonEmptyTrimmedString),
  position: Schema.Int.pipe(Schema.nonNegative())
})
export type Unit = typeof Unit.Type

/** A course's units grouped by part, parts and units each in their `position` order. */
export const CourseStructure = Schema.Array(
  Schema.Struct({
    part: CoursePart,
    units: Schema.Array(Unit)
  })
)
export type CourseStructure = typeof CourseStructure.Type
