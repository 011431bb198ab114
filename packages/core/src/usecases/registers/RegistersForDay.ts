import { Effect } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import type { CourseId } from "../../Ids.js"
import { type DayFilter, LessonRepository, type LessonSummary } from "../../ports/LessonRepository.js"
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
  /** The course and cohort the registers were chosen by: those asked for that the day offers. */
  readonly filter: DayFilter
  readonly registers: ReadonlyArray<DayRegister>
  /** The courses with a lesson that day, for the course filter, by title. */
  readonly courses: ReadonlyArray<{ readonly id: CourseId; readonly title: string }>
  /** The cohorts of the learners on that day's registers, for the cohort filter: Year 9 before Year 10. */
  readonly cohorts: ReadonlyArray<string>
}

/** Cohorts are names like "Year 10": numbers in them sort by value, so Year 9 comes first. */
const byCohort = new Intl.Collator("en-GB", { numeric: true }).compare

/**
 * Attendance > Registers: a provider's (or, for CAP, every provider's) registers of one day,
 * today unless another day is asked for, optionally of one course and of one cohort (a register
 * with at least one learner of it), each with how far it is marked.
 */
export const registersForDay = (
  actor: Actor,
  options: {
    readonly date?: Temporal.PlainDate
    readonly courseId?: CourseId
    readonly cohort?: string
  } = {}
) =>
  Effect.gen(function* () {
    if (actor.roles.length === 0 || actor.orgKind === "school")
      return yield* new RegisterNotPermitted({ action: "list" })
    const date = options.date ?? (yield* RegisterTime.today)
    const lessons = yield* LessonRepository
    const scope = Access.scopeOf(actor)
    const filters = yield* lessons.filtersForDay(scope, date)
    // A course or cohort the day does not offer (say, kept in the address from another day) is
    // dropped, so the list always matches the filters the page shows as chosen.
    const filter: DayFilter = {
      ...(options.courseId !== undefined && filters.courses.some((c) => c.id === options.courseId)
        ? { courseId: options.courseId }
        : {}),
      ...(options.cohort !== undefined && filters.cohorts.includes(options.cohort)
        ? { cohort: options.cohort }
        : {})
    }
    const summaries = yield* lessons.forDay(scope, date, filter)
    const now = yield* RegisterTime.now
    const result: DayRegisters = {
      date,
      filter,
      registers: summaries.map((summary) => ({
        summary,
        started: Register.hasStarted(RegisterTime.startOf(summary.lesson), now)
      })),
      courses: filters.courses,
      cohorts: [...filters.cohorts].sort(byCohort)
    }
    return result
  })
