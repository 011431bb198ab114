import { Either, Schema } from "effect"
import { AttendanceCode } from "./AttendanceCode.js"
import * as CouncilPolicy from "./CouncilPolicy.js"
import type { OrgKind } from "./OrgKind.js"

/**
 * Who may put which mark on a register. Providers record what happened but never decide an
 * absence: they mark it "unexplained" and the learner's school processes it (authorised,
 * unauthorised, or back to unprocessed). Once processed, the mark is the school's decision and the
 * provider cannot change it. Schools change nothing else. CAP corrects anything.
 * `from` is `null` when the learner has not been marked yet.
 */
export class MarkChangeRefused extends Schema.TaggedError<MarkChangeRefused>()("MarkChangeRefused", {
  by: Schema.String,
  from: Schema.NullOr(Schema.String),
  to: Schema.String
}) {}

export const canChangeMarkWith = (
  policy: CouncilPolicy.CouncilPolicy,
  by: OrgKind,
  from: AttendanceCode | null,
  to: AttendanceCode
): boolean => {
  // Looked up defensively: a kind the policy does not name (from an untyped caller) gets no rights.
  const rights: CouncilPolicy.MarkRights | undefined = policy.markRights[by]
  if (rights === undefined) return false
  return (from === null ? rights.fromUnmarked : rights.from.includes(from)) && rights.to.includes(to)
}

export const canChangeMark = (by: OrgKind, from: AttendanceCode | null, to: AttendanceCode): boolean =>
  canChangeMarkWith(CouncilPolicy.coventry, by, from, to)

export const checkChangeWith = (
  policy: CouncilPolicy.CouncilPolicy,
  by: OrgKind,
  from: AttendanceCode | null,
  to: AttendanceCode
): Either.Either<void, MarkChangeRefused> =>
  canChangeMarkWith(policy, by, from, to) ? Either.void : Either.left(new MarkChangeRefused({ by, from, to }))

export const checkChange = (
  by: OrgKind,
  from: AttendanceCode | null,
  to: AttendanceCode
): Either.Either<void, MarkChangeRefused> => checkChangeWith(CouncilPolicy.coventry, by, from, to)

/** The marks `by` may choose from, given the current one: what a register page offers. */
export const optionsWith = (
  policy: CouncilPolicy.CouncilPolicy,
  by: OrgKind,
  from: AttendanceCode | null
): ReadonlyArray<AttendanceCode> =>
  AttendanceCode.literals.filter((to) => canChangeMarkWith(policy, by, from, to))

export const options = (by: OrgKind, from: AttendanceCode | null): ReadonlyArray<AttendanceCode> =>
  optionsWith(CouncilPolicy.coventry, by, from)
