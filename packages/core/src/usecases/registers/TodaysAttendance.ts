import { DateTime, Effect, Option } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import type { RegisterLearner } from "../../model/LessonRegister.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { LessonRepository, type LessonSummary } from "../../ports/LessonRepository.js"
import { RegisterRepository } from "../../ports/RegisterRepository.js"
import * as Register from "../../Register.js"
import { auditActor } from "../accounts/SignedIn.js"
import { RegisterNotPermitted } from "./RegisterNotPermitted.js"
import * as RegisterTime from "./RegisterTime.js"

export interface AttendanceRegister {
  readonly summary: LessonSummary
  readonly started: boolean
  /** The reader's own learners on it with their marks; CAP gets the counts only (see below). */
  readonly learners: ReadonlyArray<RegisterLearner>
}

export interface DayAttendance {
  readonly date: Temporal.PlainDate
  readonly registers: ReadonlyArray<AttendanceRegister>
}

/**
 * Attendance > Today's attendance: every register of the day with one of the school's learners,
 * complete or not, with those learners' marks. CAP sees every register of the day with its counts:
 * listing every child's mark across the council on one page would be neither readable nor needed.
 */
export const todaysAttendance = (actor: Actor, options: { readonly date?: Temporal.PlainDate } = {}) =>
  Effect.gen(function* () {
    if (actor.roles.length === 0 || actor.orgKind === "provider")
      return yield* new RegisterNotPermitted({ action: "list" })
    const scope = Access.scopeOf(actor)
    const date = options.date ?? (yield* RegisterTime.today)
    const summaries = yield* (yield* LessonRepository).forDay(scope, date)
    const now = yield* RegisterTime.now
    const registers = yield* RegisterRepository
    const withMarks = actor.orgKind === "school"
    const result: DayAttendance = {
      date,
      registers: yield* Effect.forEach(summaries, (summary) =>
        Effect.map(
          withMarks ? registers.load(scope, summary.lesson.id) : Effect.succeed(Option.none()),
          (loaded) => ({
            summary,
            started: Register.hasStarted(RegisterTime.startOf(summary.lesson), now),
            learners: Option.match(loaded, { onNone: () => [], onSome: (r) => r.learners })
          })
        )
      )
    }
    if (withMarks)
      yield* (yield* AuditLog).append({
        actor: auditActor(actor),
        at: yield* DateTime.now,
        action: "attendance-day-viewed",
        subject: { type: "attendance-day", id: date.toString() }
      })
    return result
  })
