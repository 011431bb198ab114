import { DateTime, Effect } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { RegisterRepository, type UnprocessedAbsence } from "../../ports/RegisterRepository.js"
import { auditActor } from "../accounts/SignedIn.js"
import { RegisterNotPermitted } from "./RegisterNotPermitted.js"

/** Who waits on the list: the learner's school processes it, CAP oversees every school's. */
const mayRead = (actor: Actor) =>
  actor.orgKind === "cap"
    ? actor.roles.length > 0
    : actor.orgKind === "school" && Access.canProcessAbsences(actor, { schoolId: actor.organisationId })

/** The longest list one page shows; the count says when there are more. */
export const listLimit = 500

export interface UnprocessedAbsenceList {
  /** Oldest lesson first: the longest-unexplained absence is the biggest risk. */
  readonly absences: ReadonlyArray<UnprocessedAbsence>
  /** True when there are more than the list holds. */
  readonly more: boolean
}

/** The school's learners marked unexplained and not yet processed (every school's, for CAP). */
export const unprocessedAbsences = (actor: Actor) =>
  Effect.gen(function* () {
    if (!mayRead(actor)) return yield* new RegisterNotPermitted({ action: "absences" })
    const rows = yield* (yield* RegisterRepository).unprocessedAbsences(Access.scopeOf(actor), listLimit + 1)
    yield* (yield* AuditLog).append({
      actor: auditActor(actor),
      at: yield* DateTime.now,
      action: "unprocessed-absences-viewed",
      subject: { type: "organisation", id: actor.organisationId }
    })
    const list: UnprocessedAbsenceList = { absences: rows.slice(0, listLimit), more: rows.length > listLimit }
    return list
  })

/**
 * How many are waiting, for the home page: none for someone who does not process absences. Counted
 * up to the list's length, the most anyone can act on from one page.
 */
export const unprocessedAbsenceCount = (actor: Actor) =>
  Effect.gen(function* () {
    if (!mayRead(actor)) return { count: 0, more: false }
    const rows = yield* (yield* RegisterRepository).unprocessedAbsences(Access.scopeOf(actor), listLimit + 1)
    return { count: Math.min(rows.length, listLimit), more: rows.length > listLimit }
  })
