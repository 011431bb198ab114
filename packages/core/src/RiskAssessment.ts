import { Either, Schema } from "effect"
import { Temporal } from "temporal-polyfill"
import * as CouncilPolicy from "./CouncilPolicy.js"

/**
 * A referral needs a risk assessment completed within the three months before the referral date:
 * completed on C, referred on R, it is accepted when R minus 3 calendar months <= C <= R.
 * Temporal clamps month arithmetic to the month's end, so 31 May minus 3 months is 28 (or 29)
 * February, and exactly three months before is still accepted.
 */
export class RiskAssessmentTooOld extends Schema.TaggedError<RiskAssessmentTooOld>()("RiskAssessmentTooOld", {
  completedOn: Schema.String,
  earliestAccepted: Schema.String
}) {}

export class RiskAssessmentInFuture extends Schema.TaggedError<RiskAssessmentInFuture>()(
  "RiskAssessmentInFuture",
  { completedOn: Schema.String, referralDate: Schema.String }
) {}

export const earliestAcceptedWith = (
  policy: CouncilPolicy.CouncilPolicy,
  referralDate: Temporal.PlainDate
): Temporal.PlainDate => referralDate.subtract({ months: policy.riskAssessmentMonths })

export const checkWith = (
  policy: CouncilPolicy.CouncilPolicy,
  completedOn: Temporal.PlainDate,
  referralDate: Temporal.PlainDate
): Either.Either<void, RiskAssessmentTooOld | RiskAssessmentInFuture> => {
  const earliest = earliestAcceptedWith(policy, referralDate)
  if (Temporal.PlainDate.compare(completedOn, referralDate) > 0)
    return Either.left(
      new RiskAssessmentInFuture({
        completedOn: completedOn.toString(),
        referralDate: referralDate.toString()
      })
    )
  if (Temporal.PlainDate.compare(completedOn, earliest) < 0)
    return Either.left(
      new RiskAssessmentTooOld({ completedOn: completedOn.toString(), earliestAccepted: earliest.toString() })
    )
  return Either.void
}

export const isAcceptedWith = (
  policy: CouncilPolicy.CouncilPolicy,
  completedOn: Temporal.PlainDate,
  referralDate: Temporal.PlainDate
): boolean => Either.isRight(checkWith(policy, completedOn, referralDate))

export const earliestAccepted = (referralDate: Temporal.PlainDate): Temporal.PlainDate =>
  earliestAcceptedWith(CouncilPolicy.coventry, referralDate)

export const check = (
  completedOn: Temporal.PlainDate,
  referralDate: Temporal.PlainDate
): Either.Either<void, RiskAssessmentTooOld | RiskAssessmentInFuture> =>
  checkWith(CouncilPolicy.coventry, completedOn, referralDate)

export const isAcceptedAt = (completedOn: Temporal.PlainDate, referralDate: Temporal.PlainDate): boolean =>
  isAcceptedWith(CouncilPolicy.coventry, completedOn, referralDate)
