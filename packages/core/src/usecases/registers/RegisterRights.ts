import { Either, Option } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import * as Attendance from "../../Attendance.js"
import { type AttendanceCode, isProcessedAbsence } from "../../AttendanceCode.js"
import type { LessonRegister, RegisterLearner } from "../../model/LessonRegister.js"
import type { OrgKind } from "../../OrgKind.js"
import * as Register from "../../Register.js"

/**
 * What one person may do to one register, decided from the access policy and the register rules
 * only: the register page draws its controls from this, and the save checks every change against
 * the same rules, so a control the page does not show is also refused on the server.
 */

/**
 * The capacity in which the actor edits this register, if any: a provider its own courses'
 * registers, a school its own learners' absences, CAP caseworkers any register. Monitoring officers
 * and anyone without a designated role only read.
 */
export const editorKind = (
  actor: Actor,
  register: Pick<LessonRegister, "providerId">
): Option.Option<OrgKind> => {
  switch (actor.orgKind) {
    case "cap":
    case "provider":
      return Access.canMarkRegister(actor, register) ? Option.some(actor.orgKind) : Option.none()
    case "school":
      return Access.canProcessAbsences(actor, { schoolId: actor.organisationId })
        ? Option.some("school")
        : Option.none()
  }
}

/**
 * The register as the rules see it. A school reads only its own learners, but whether a register is
 * complete is about every learner on it; the store reports that in `complete`, and a register the
 * store calls incomplete keeps at least one unmarked entry here even when the unmarked learner is
 * another school's.
 */
export const stateOf = (register: LessonRegister, now: Register.Moment): Register.State => {
  const entries = register.learners.map((l) => ({ mark: l.mark?.code ?? null }))
  const visiblyComplete = Register.isComplete(entries)
  return {
    lessonStart: Register.lessonStart(register.lesson.date, register.lesson.startTime),
    now,
    entries: !register.complete && visiblyComplete ? [...entries, { mark: null }] : entries
  }
}

/** What the actor may change on one learner's line of a register that is open to them. */
export interface LineRights {
  /** The codes offered; empty when the code cannot be changed. Includes the current code when kept. */
  readonly codes: ReadonlyArray<AttendanceCode>
  readonly contribution: boolean
  readonly note: boolean
}

const none: LineRights = { codes: [], contribution: false, note: false }

/**
 * A provider cannot touch a mark its learner's school has decided (code, contribution or note):
 * the line is the school's decision. A school changes only its own learners' absences and notes.
 */
export const lineRights = (
  kind: OrgKind,
  actor: Actor,
  state: Register.State,
  learner: RegisterLearner
): LineRights => {
  if (!Register.canEdit(kind, state)) return none
  if (kind === "school" && !Access.canProcessAbsences(actor, learner)) return none
  const from = learner.mark?.code ?? null
  if (kind === "provider" && from !== null && isProcessedAbsence(from)) return none
  const options = Attendance.options(kind, from)
  return {
    codes: options,
    contribution: Register.canRecordContribution(kind, state),
    note: Register.canAddNote(kind, state) && (from !== null || options.length > 0)
  }
}

/** Why the register is not open to the actor for editing, when it is not. */
export type Closed = "not-permitted" | "not-started" | "incomplete"

export const closedBecause = (kind: Option.Option<OrgKind>, state: Register.State): Option.Option<Closed> => {
  if (Option.isNone(kind)) return Option.some("not-permitted")
  return Either.match(Register.checkEditable(kind.value, state), {
    onLeft: (e): Option.Option<Closed> =>
      Option.some(e._tag === "RegisterNotYetOpen" ? "not-started" : "incomplete"),
    onRight: () => Option.none()
  })
}
