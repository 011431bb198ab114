import { Schema } from "effect"
import { Temporal } from "temporal-polyfill"
import { CourseId, EnrolmentId, LearnerId } from "../Ids.js"
import { PlainDateFromSelf } from "./Dates.js"

/**
 * A learner placed on a course from `startDate`, until `endDate` (inclusive) when withdrawn or
 * finished. While it has not ended, the course's provider can see the learner.
 */
export const Enrolment = Schema.Struct({
  id: EnrolmentId,
  learnerId: LearnerId,
  courseId: CourseId,
  startDate: PlainDateFromSelf,
  endDate: Schema.optional(PlainDateFromSelf)
})
export type Enrolment = typeof Enrolment.Type

/** Whether the enrolment covers the given day (both ends inclusive). */
export const isActiveOn = (enrolment: Enrolment, day: Temporal.PlainDate): boolean =>
  Temporal.PlainDate.compare(enrolment.startDate, day) <= 0 &&
  (enrolment.endDate === undefined || Temporal.PlainDate.compare(day, enrolment.endDate) <= 0)
