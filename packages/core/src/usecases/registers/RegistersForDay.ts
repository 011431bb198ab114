import { Effect } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import type { CourseId } from "../../Ids.js"
import { LessonRepository, type LessonSummary } from "../../ports/LessonRepository.js"
import * as Register from "../../Register.js"
import { RegisterNotPermitted } from "./RegisterNotPermitted.js"
import * as RegisterTime from "./RegisterTime.js"

export interface DayRegister {
  readonly summary: LessonSummary
  /** A register cannot be marked before its lesson starts. */
  readonly started: boolean
}

export interface DayRegisters {
  readonly date: Temporal.PlainDate
  readonly registers: ReadonlyArray<DayRegister>
  /** The courses with a lesson that day, for the course filter, by title. */
  readonly courses: ReadonlyArray<{ readonly id: CourseId; readonly title: string }>
}

/**
 * Attendance > Registers: a provider's (or, for CAP, every provider's) registers of one day,
 * today unless another day is asked for, optionally of one course, each with how far it is marked.
 */
export const registersForDay = (
  actor: Actor,
  options: { readonly date?: Temporal.PlainDate; readonly courseId?: CourseId } = {}
) =>
  Effect.gen(function* () {
    if (actor.roles.length === 0 || actor.orgKind === "school")
      return yield* new RegisterNotPermitted({ action: "list" })
    const date = options.date ?? (yield* RegisterTime.today)
    const summaries = yield* (yield* LessonRepository).forDay(Access.scopeOf(actor), date)
    const now = yield* RegisterTime.now
    const courses = new Map<CourseId, string>()
    for (const s of summaries) courses.set(s.lesson.courseId, s.courseTitle)
    const result: DayRegisters = {
      date,
      registers: summaries
        .filter((s) => options.courseId === undefined || s.lesson.courseId === options.courseId)
        .map((summary) => ({
          summary,
          started: Register.hasStarted(RegisterTime.startOf(summary.lesson), now)
        })),
      courses: [...courses]
        .map(([id, title]) => ({ id, title }))
        .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    }
    return result
  })
