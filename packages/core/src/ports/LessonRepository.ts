import { Context, type Effect, type Option } from "effect"
import type { Temporal } from "temporal-polyfill"
import type { DataScope } from "../DataScope.js"
import type { CourseId, LessonId, OrganisationId } from "../Ids.js"
import type { Lesson } from "../model/Lesson.js"

/** A lesson as the day's list of registers shows it. */
export interface LessonSummary {
  readonly lesson: Lesson
  readonly courseTitle: string
  readonly providerId: OrganisationId
  readonly providerName: string
  /** Learners on the register that the reader may see, and how many of them have a mark. */
  readonly learnerCount: number
  readonly markedCount: number
  /** Every learner on the whole register has a mark (not only the ones the reader sees). */
  readonly complete: boolean
}

/** Narrows the day's registers; every field left out keeps them all. */
export interface DayFilter {
  readonly courseId?: CourseId
  /** Registers with at least one learner of this cohort among those the reader may see. */
  readonly cohort?: string
}

/** What the day's registers can be filtered by, as far as the reader may see them. */
export interface DayFilters {
  /** The courses with a lesson that day, by title. */
  readonly courses: ReadonlyArray<{ readonly id: CourseId; readonly title: string }>
  /** The cohorts of the learners the reader may see on that day's registers, each once, by code point. */
  readonly cohorts: ReadonlyArray<string>
}

/**
 * Lessons, scoped: a provider sees its courses' lessons; a school sees the lessons at which one of
 * its learners is enrolled on the lesson's day; CAP all.
 */
export class LessonRepository extends Context.Tag("openap/LessonRepository")<
  LessonRepository,
  {
    readonly create: (lesson: Lesson) => Effect.Effect<void>
    readonly createMany: (lessons: ReadonlyArray<Lesson>) => Effect.Effect<void>
    readonly findById: (scope: DataScope, id: LessonId) => Effect.Effect<Option.Option<Lesson>>
    /** The day's registers, by start time then course title. */
    readonly forDay: (
      scope: DataScope,
      date: Temporal.PlainDate,
      filter?: DayFilter
    ) => Effect.Effect<ReadonlyArray<LessonSummary>>
    readonly filtersForDay: (scope: DataScope, date: Temporal.PlainDate) => Effect.Effect<DayFilters>
    /** A course's lessons from `from` to `to` inclusive, by date and start time. */
    readonly forCourse: (
      scope: DataScope,
      courseId: CourseId,
      from: Temporal.PlainDate,
      to: Temporal.PlainDate
    ) => Effect.Effect<ReadonlyArray<Lesson>>
  }
>() {}
