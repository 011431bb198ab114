import { Either, Schema } from "effect"
import { Temporal } from "temporal-polyfill"
import * as Attendance from "./Attendance.js"
import type { AttendanceCode } from "./AttendanceCode.js"
import * as CouncilPolicy from "./CouncilPolicy.js"
import { OrgKind } from "./OrgKind.js"

/**
 * The rules of one register (one lesson: a course session on a date with a start and end time).
 * A lesson that has not started cannot be marked by anyone. A register is complete when every
 * enrolled learner has a mark; a school edits (processes absences, adds notes) only a complete
 * register, as the guidance's "edit" button appears only on completed registers.
 */
export class RegisterNotYetOpen extends Schema.TaggedError<RegisterNotYetOpen>()("RegisterNotYetOpen", {
  startsAt: Schema.String
}) {}

export class RegisterIncomplete extends Schema.TaggedError<RegisterIncomplete>()("RegisterIncomplete", {
  unmarked: Schema.Int
}) {}

export class RegisterEditRefused extends Schema.TaggedError<RegisterEditRefused>()("RegisterEditRefused", {
  by: OrgKind,
  what: Schema.Literal("contribution")
}) {}

export type Moment = Temporal.Instant | Temporal.ZonedDateTime

const toInstant = (m: Moment): Temporal.Instant => ("toInstant" in m ? m.toInstant() : m)

/**
 * When a lesson starts, from its date and wall-clock start time in the council's time zone. On the
 * spring-forward night a time that does not exist is moved later, never earlier, so a register
 * never opens before its lesson.
 */
export const lessonStartWith = (
  policy: CouncilPolicy.CouncilPolicy,
  date: Temporal.PlainDate,
  time: Temporal.PlainTime
): Temporal.ZonedDateTime => date.toZonedDateTime({ timeZone: policy.timeZone, plainTime: time })

export const lessonStart = (date: Temporal.PlainDate, time: Temporal.PlainTime): Temporal.ZonedDateTime =>
  lessonStartWith(CouncilPolicy.coventry, date, time)

export const hasStarted = (lessonStart: Moment, now: Moment): boolean =>
  Temporal.Instant.compare(toInstant(now), toInstant(lessonStart)) >= 0

export const checkStarted = (lessonStart: Moment, now: Moment): Either.Either<void, RegisterNotYetOpen> =>
  hasStarted(lessonStart, now)
    ? Either.void
    : Either.left(new RegisterNotYetOpen({ startsAt: toInstant(lessonStart).toString() }))

/** One line per enrolled learner; `mark` is `null` until someone marks the learner. */
export interface Entry {
  readonly mark: AttendanceCode | null
}

export const unmarkedCount = (entries: ReadonlyArray<Entry>): number =>
  entries.filter((e) => e.mark === null).length

/** Every enrolled learner has a mark. A register with no learners has nothing left to mark. */
export const isComplete = (entries: ReadonlyArray<Entry>): boolean => unmarkedCount(entries) === 0

export interface State {
  readonly lessonStart: Moment
  readonly now: Moment
  readonly entries: ReadonlyArray<Entry>
}

/** Whether an organisation of kind `by` may open the register for editing at all. */
export const checkEditable = (
  by: OrgKind,
  state: State
): Either.Either<void, RegisterNotYetOpen | RegisterIncomplete> =>
  Either.flatMap(checkStarted(state.lessonStart, state.now), () =>
    by === "school" && !isComplete(state.entries)
      ? Either.left(new RegisterIncomplete({ unmarked: unmarkedCount(state.entries) }))
      : Either.void
  )

export const canEdit = (by: OrgKind, state: State): boolean => Either.isRight(checkEditable(by, state))

/** One mark changed on this register: the register must be editable and the change allowed. */
export const checkMarkWith = (
  policy: CouncilPolicy.CouncilPolicy,
  by: OrgKind,
  state: State,
  from: AttendanceCode | null,
  to: AttendanceCode
): Either.Either<void, RegisterNotYetOpen | RegisterIncomplete | Attendance.MarkChangeRefused> =>
  Either.flatMap(checkEditable(by, state), () => Attendance.checkChangeWith(policy, by, from, to))

export const checkMark = (
  by: OrgKind,
  state: State,
  from: AttendanceCode | null,
  to: AttendanceCode
): Either.Either<void, RegisterNotYetOpen | RegisterIncomplete | Attendance.MarkChangeRefused> =>
  checkMarkWith(CouncilPolicy.coventry, by, state, from, to)

/**
 * Attendance notes: the provider adds them while completing the register, the school while
 * processing a complete one, CAP at any time after the lesson starts.
 */
export const checkAddNote = (
  by: OrgKind,
  state: State
): Either.Either<void, RegisterNotYetOpen | RegisterIncomplete> => checkEditable(by, state)

export const canAddNote = (by: OrgKind, state: State): boolean => Either.isRight(checkAddNote(by, state))

/** Contribution is recorded by the provider (and corrected by CAP), never by the school. */
export const checkContribution = (
  by: OrgKind,
  state: State
): Either.Either<void, RegisterNotYetOpen | RegisterIncomplete | RegisterEditRefused> =>
  by === "school"
    ? Either.left(new RegisterEditRefused({ by, what: "contribution" }))
    : checkEditable(by, state)

export const canRecordContribution = (by: OrgKind, state: State): boolean =>
  Either.isRight(checkContribution(by, state))
