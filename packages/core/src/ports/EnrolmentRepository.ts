import { Context, type Effect, type Option } from "effect"
import type { Temporal } from "temporal-polyfill"
import type { DataScope } from "../DataScope.js"
import type { CourseId, EnrolmentId, LearnerId } from "../Ids.js"
import type { Enrolment } from "../model/Enrolment.js"

/**
 * Placements of learners on courses. Reads are scoped: a school sees its learners' enrolments, a
 * provider the enrolments on its own courses, CAP all.
 */
export class EnrolmentRepository extends Context.Tag("openap/EnrolmentRepository")<
  EnrolmentRepository,
  {
    readonly create: (enrolment: Enrolment) => Effect.Effect<void>
    /** Ends an enrolment on `endDate` (inclusive), as a withdrawal does. */
    readonly end: (id: EnrolmentId, endDate: Temporal.PlainDate) => Effect.Effect<void>
    readonly findById: (scope: DataScope, id: EnrolmentId) => Effect.Effect<Option.Option<Enrolment>>
    /** By start date. */
    readonly forLearner: (scope: DataScope, learnerId: LearnerId) => Effect.Effect<ReadonlyArray<Enrolment>>
    /** By start date; only those active on `activeOn` when given. */
    readonly forCourse: (
      scope: DataScope,
      courseId: CourseId,
      activeOn?: Temporal.PlainDate
    ) => Effect.Effect<ReadonlyArray<Enrolment>>
  }
>() {}
