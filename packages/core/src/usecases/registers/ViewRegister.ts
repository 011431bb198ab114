import { DateTime, Effect, Option } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import * as AttendanceCode from "../../AttendanceCode.js"
import * as AttendanceSummary from "../../AttendanceSummary.js"
import type { LessonId, UserId } from "../../Ids.js"
import type { LessonRegister, RegisterLearner } from "../../model/LessonRegister.js"
import type { MarkHistoryEntry } from "../../model/MarkHistory.js"
import type { OrgKind } from "../../OrgKind.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { LearnerRepository } from "../../ports/LearnerRepository.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { RegisterNotFound, RegisterRepository } from "../../ports/RegisterRepository.js"
import { UserRepository } from "../../ports/UserRepository.js"
import * as Register from "../../Register.js"
import { auditActor } from "../accounts/SignedIn.js"
import {
  type Closed,
  closedBecause,
  editorKind,
  type LineRights,
  lineRights,
  stateOf
} from "./RegisterRights.js"
import * as RegisterTime from "./RegisterTime.js"

export interface RegisterLine {
  readonly learner: RegisterLearner
  /** What the reader may change on this line now; nothing when the register is closed to them. */
  readonly rights: LineRights
  /** The learner's attendance over every lesson the reader may see, as the core computes it. */
  readonly summary: AttendanceSummary.AttendanceSummary
}

export interface HistoryLine {
  readonly entry: MarkHistoryEntry
  readonly learnerName: string
  readonly changedByName: string
}

export interface RegisterView {
  readonly register: LessonRegister
  readonly providerName: string
  readonly startsAt: Temporal.ZonedDateTime
  readonly started: boolean
  /** The capacity the reader edits in, when they may edit this register at all. */
  readonly editAs: Option.Option<OrgKind>
  /** Why the reader cannot edit it now; none when they can. */
  readonly closed: Option.Option<Closed>
  readonly lines: ReadonlyArray<RegisterLine>
  /** Every change to the marks the reader may see, oldest first. */
  readonly history: ReadonlyArray<HistoryLine>
}

/** Counts per code, as the codes they count. */
const codesOf = function* (
  counts: Readonly<Record<AttendanceCode.AttendanceCode, number>>
): Generator<AttendanceCode.AttendanceCode> {
  for (const code of AttendanceCode.all) for (let i = 0; i < counts[code]; i++) yield code
}

/**
 * A lesson's register as the reader may see it: a school only its own learners, a provider only its
 * own lessons; anything else is "not found", so a register's existence is not confirmed to someone
 * outside it. Reading a register reads children's attendance, so it is audited.
 */
export const viewRegister = (actor: Actor, lessonId: LessonId) =>
  Effect.gen(function* () {
    if (actor.roles.length === 0) return yield* new RegisterNotFound({ lessonId })
    const scope = Access.scopeOf(actor)
    const registers = yield* RegisterRepository
    const loaded = yield* registers.load(scope, lessonId)
    if (Option.isNone(loaded)) return yield* new RegisterNotFound({ lessonId })
    const register = loaded.value
    const now = yield* RegisterTime.now
    const state = stateOf(register, now)
    const editAs = editorKind(actor, register)
    const closed = closedBecause(editAs, state)
    // The summaries come from the training records' counts, one query for the whole course, rather
    // than one query per learner; a learner the course list no longer holds is counted on its own.
    const counted = yield* (yield* LearnerRepository).trainingRecords(
      scope,
      { courseId: register.lesson.courseId },
      { offset: 0, limit: 500 }
    )
    const countsOf = new Map(counted.items.map((r) => [r.learner.id as string, r.attendance]))
    const lines = yield* Effect.forEach(register.learners, (learner) =>
      Effect.map(
        Option.match(Option.fromNullable(countsOf.get(learner.learnerId)), {
          onNone: () =>
            Effect.map(registers.marksForLearner(scope, learner.learnerId), (marks) =>
              AttendanceSummary.of(marks.map((m) => m.mark.code))
            ),
          onSome: (counts) => Effect.succeed(AttendanceSummary.of(codesOf(counts)))
        }),
        (summary): RegisterLine => ({
          learner,
          rights: Option.match(editAs, {
            onNone: () => ({ codes: [], contribution: false, note: false }),
            onSome: (kind) => lineRights(kind, actor, state, learner)
          }),
          summary
        })
      )
    )
    const names = new Map(
      register.learners.map((l) => [l.learnerId as string, `${l.givenName} ${l.familyName}`])
    )
    const entries = yield* registers.history(scope, lessonId)
    const users = yield* UserRepository
    const people = new Map<UserId, string>()
    for (const id of new Set(entries.map((e) => e.changedBy))) {
      const user = yield* users.findById(id)
      people.set(id, Option.match(user, { onNone: () => "A former user", onSome: (u) => u.displayName }))
    }
    const providerName = Option.match(yield* (yield* OrganisationRepository).findById(register.providerId), {
      onNone: () => "",
      onSome: (o) => o.name
    })
    yield* (yield* AuditLog).append({
      actor: auditActor(actor),
      at: yield* DateTime.now,
      action: "register-viewed",
      subject: { type: "register", id: lessonId }
    })
    const view: RegisterView = {
      register,
      providerName,
      startsAt: RegisterTime.startOf(register.lesson),
      started: Register.hasStarted(state.lessonStart, now),
      editAs,
      closed,
      lines,
      history: entries.map((entry) => ({
        entry,
        learnerName: names.get(entry.learnerId) ?? "A learner no longer on this register",
        changedByName: people.get(entry.changedBy) ?? "A former user"
      }))
    }
    return view
  })
