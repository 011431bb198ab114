import { DateTime, Effect, Either, Option } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import type * as Attendance from "../../Attendance.js"
import type { AttendanceCode } from "../../AttendanceCode.js"
import * as CouncilPolicy from "../../CouncilPolicy.js"
import type { LearnerId, LessonId } from "../../Ids.js"
import type { MarkChange } from "../../model/AttendanceMark.js"
import type { RegisterLearner } from "../../model/LessonRegister.js"
import type { OrgKind } from "../../OrgKind.js"
import { AuditLog } from "../../ports/AuditLog.js"
import type { IdGenerator } from "../../ports/IdGenerator.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import type { Outbox } from "../../ports/Outbox.js"
import {
  LearnerNotOnRegister,
  RegisterNotFound,
  RegisterRepository,
  StaleRegister
} from "../../ports/RegisterRepository.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import type { UserRepository } from "../../ports/UserRepository.js"
import * as Register from "../../Register.js"
import { auditActor } from "../accounts/SignedIn.js"
import { enqueueAbsenceAlerts, savedRegister } from "../notifications/AbsenceAlert.js"
import { InvalidMark, noteMaxLength } from "./InvalidMark.js"
import { RegisterNotPermitted } from "./RegisterNotPermitted.js"
import { editorKind, stateOf } from "./RegisterRights.js"
import * as RegisterTime from "./RegisterTime.js"

/**
 * One learner's line as the form sent it. A missing code keeps the current one (a school's form
 * has no code for a present learner); a missing contribution keeps the current one, or 0; a note
 * is trimmed and an empty note removes it.
 */
export interface MarkInput {
  readonly learnerId: LearnerId
  readonly code?: AttendanceCode
  readonly contribution?: number
  readonly note?: string
}

export interface SaveRegisterInput {
  readonly lessonId: LessonId
  /** The register version the person was looking at; someone else's save since makes this stale. */
  readonly expectedVersion: number
  readonly marks: ReadonlyArray<MarkInput>
}

export interface SaveRegisterResult {
  readonly version: number
  /** How many learners' marks this save changed. */
  readonly changed: number
  /** How many absence alerts it queued for schools. */
  readonly alerts: number
}

export type SaveRegisterError =
  | RegisterNotFound
  | RegisterNotPermitted
  | InvalidMark
  | LearnerNotOnRegister
  | Register.RegisterNotYetOpen
  | Register.RegisterIncomplete
  | Register.RegisterEditRefused
  | Attendance.MarkChangeRefused
  | StaleRegister

const bounds = CouncilPolicy.coventry.contribution

/** The mark the line asks for, or why it cannot be one; `null` when the line asks for nothing. */
const wantedMark = (
  input: MarkInput,
  current: RegisterLearner["mark"]
): Either.Either<MarkChange | null, InvalidMark> => {
  const invalid = (reason: InvalidMark["reason"]) =>
    Either.left(new InvalidMark({ learnerId: input.learnerId, reason }))
  const contribution = input.contribution ?? current?.contribution ?? bounds.initial
  if (!Number.isInteger(contribution) || contribution < bounds.min || contribution > bounds.max)
    return invalid("contribution-out-of-range")
  const note =
    input.note === undefined ? current?.note : input.note.trim() === "" ? undefined : input.note.trim()
  if (note !== undefined && note.length > noteMaxLength) return invalid("note-too-long")
  const code = input.code ?? current?.code
  if (code === undefined)
    return contribution === bounds.initial && note === undefined
      ? Either.right(null)
      : invalid("code-missing")
  return Either.right({
    learnerId: input.learnerId,
    code,
    contribution,
    ...(note === undefined ? {} : { note })
  })
}

const sameMark = (a: MarkChange, b: RegisterLearner["mark"]) =>
  b !== undefined && a.code === b.code && a.contribution === b.contribution && a.note === b.note

/**
 * Every rule a changed line must pass, for the capacity `kind` the actor edits in: the code change
 * (a provider cannot set an authorised or unauthorised absence, nor change a mark the school has
 * processed; a school changes only absences), the contribution (never the school's), the note.
 */
type LineRefusal =
  | Register.RegisterNotYetOpen
  | Register.RegisterIncomplete
  | Register.RegisterEditRefused
  | Attendance.MarkChangeRefused

const checkLine = (
  kind: OrgKind,
  state: Register.State,
  line: RegisterLearner,
  wanted: MarkChange
): Either.Either<void, LineRefusal> => {
  const current = line.mark
  const from = current?.code ?? null
  const checks: ReadonlyArray<Either.Either<void, LineRefusal>> = [
    current === undefined || current.contribution !== wanted.contribution
      ? Register.checkContribution(kind, state)
      : Either.void,
    current === undefined || current.code !== wanted.code || current.contribution !== wanted.contribution
      ? Register.checkMark(kind, state, from, wanted.code)
      : Either.void,
    current === undefined || current.note !== wanted.note
      ? // A note travels with its mark: whoever may not change the mark may not rewrite its note.
        Either.flatMap(Register.checkAddNote(kind, state), () =>
          kind === "school" || from === null ? Either.void : Register.checkMark(kind, state, from, from)
        )
      : Either.void
  ]
  for (const check of checks) if (Either.isLeft(check)) return check
  return Either.void
}

/**
 * Saves a register in one transaction: every changed mark with its history entry, an absence alert
 * for each school with learners newly marked unexplained, and the audit entry. Every line is checked
 * before anything is written; one refused line refuses the whole save, so the register is never
 * left half-marked. Lines that change nothing are skipped, so a whole-register form may post the
 * marks it cannot change unchanged.
 */
export const saveRegister = (
  actor: Actor,
  input: SaveRegisterInput
): Effect.Effect<
  SaveRegisterResult,
  SaveRegisterError,
  RegisterRepository | UnitOfWork | AuditLog | OrganisationRepository | Outbox | IdGenerator | UserRepository
> =>
  Effect.gen(function* () {
    const registers = yield* RegisterRepository
    const scope = Access.scopeOf(actor)
    const loaded = yield* registers.load(scope, input.lessonId)
    if (Option.isNone(loaded)) return yield* new RegisterNotFound({ lessonId: input.lessonId })
    const register = loaded.value
    const kind = editorKind(actor, register)
    if (Option.isNone(kind)) return yield* new RegisterNotPermitted({ action: "edit" })
    // The rules below are checked against what the person saw; a later save makes it stale.
    if (register.version !== input.expectedVersion)
      return yield* new StaleRegister({
        lessonId: input.lessonId,
        expectedVersion: input.expectedVersion,
        currentVersion: register.version
      })
    const now = yield* RegisterTime.now
    const state = stateOf(register, now)
    yield* Register.checkEditable(kind.value, state)

    const byLearner = new Map(register.learners.map((l) => [l.learnerId as string, l]))
    const changes: Array<MarkChange> = []
    for (const line of input.marks) {
      const onRegister = byLearner.get(line.learnerId)
      if (onRegister === undefined)
        return yield* new LearnerNotOnRegister({
          lessonId: input.lessonId,
          learnerId: line.learnerId
        })
      const wanted = yield* wantedMark(line, onRegister.mark)
      if (wanted === null || sameMark(wanted, onRegister.mark)) continue
      yield* checkLine(kind.value, state, onRegister, wanted)
      changes.push(wanted)
    }
    if (changes.length === 0) return { version: register.version, changed: 0, alerts: 0 }

    const at = yield* DateTime.now
    const providerName = Option.match(yield* (yield* OrganisationRepository).findById(register.providerId), {
      onNone: () => "the provider",
      onSome: (o) => o.name
    })
    return yield* (yield* UnitOfWork).transaction(
      Effect.gen(function* () {
        const version = yield* registers.save(
          scope,
          input.lessonId,
          changes,
          input.expectedVersion,
          actor.userId,
          at
        )
        // The school decides absences; its own decisions never alert it.
        const alerts =
          kind.value === "school"
            ? 0
            : yield* enqueueAbsenceAlerts(savedRegister(register, changes, providerName))
        yield* (yield* AuditLog).append({
          actor: auditActor(actor),
          at,
          action: "register-saved",
          subject: { type: "register", id: input.lessonId },
          detail: { as: kind.value, changed: changes.length, version }
        })
        return { version, changed: changes.length, alerts }
      })
    )
  })
