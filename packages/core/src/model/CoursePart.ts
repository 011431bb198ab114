import { Schema } from "effect"
import { CourseId } from "../Ids.js"

export const CoursePartId = Schema.UUID.pipe(Schema.brand("CoursePartId"))
export type CoursePartId = typeof CoursePartId.Type

/** A part of a qualification; the training record shows units grouped under their part. */
export const CoursePart = Schema.Struct({
  id: CoursePartId,
  courseId: CourseId,
  title: Schema.NonEmptyTrimmedString,
  position: Schema.Int.pipe(Schema.nonNegative())
})
export type CoursePart = typeof CoursePart.Type
