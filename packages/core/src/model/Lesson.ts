import { Schema } from "effect"
import { CourseId, LessonId } from "../Ids.js"
import { PlainDateFromSelf, PlainTimeFromSelf } from "./Dates.js"

/** One session of a course on a day, in Europe/London local time. Each lesson has one register. */
export const Lesson = Schema.Struct({
  id: LessonId,
  courseId: CourseId,
  date: PlainDateFromSelf,
  startTime: PlainTimeFromSelf,
  endTime: PlainTimeFromSelf
})
export type Lesson = typeof Lesson.Type
