import { DateTime, Effect, Option } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import * as AttendanceSummary from "../../AttendanceSummary.js"
import type { LearnerId } from "../../Ids.js"
import type { Learner } from "../../model/Learner.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { LearnerNotFound, LearnerRepository } from "../../ports/LearnerRepository.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { type LearnerMark, RegisterRepository } from "../../ports/RegisterRepository.js"
import { auditActor } from "../accounts/SignedIn.js"

export interface LearnerAttendance {
  readonly learner: Learner
  readonly schoolName: string
  readonly summary: AttendanceSummary.AttendanceSummary
  /** Newest lesson first, with contribution and attendance notes. */
  readonly marks: ReadonlyArray<LearnerMark>
}

/**
 * A learner's attendance over the lessons the reader may see: the minimal learner page until the
 * full training record exists. Out of scope is "not found". Audited: it is a child's record.
 */
export const learnerAttendance = (actor: Actor, learnerId: LearnerId) =>
  Effect.gen(function* () {
    if (actor.roles.length === 0) return yield* new LearnerNotFound({ learnerId })
    const scope = Access.scopeOf(actor)
    const learner = yield* (yield* LearnerRepository).findById(scope, learnerId)
    if (Option.isNone(learner)) return yield* new LearnerNotFound({ learnerId })
    const marks = yield* (yield* RegisterRepository).marksForLearner(scope, learnerId)
    const school = yield* (yield* OrganisationRepository).findById(learner.value.schoolId)
    yield* (yield* AuditLog).append({
      actor: auditActor(actor),
      at: yield* DateTime.now,
      action: "learner-attendance-viewed",
      subject: { type: "learner", id: learnerId }
    })
    const result: LearnerAttendance = {
      learner: learner.value,
      schoolName: Option.match(school, { onNone: () => "", onSome: (o) => o.name }),
      summary: AttendanceSummary.of(marks.map((m) => m.mark.code)),
      marks
    }
    return result
  })
