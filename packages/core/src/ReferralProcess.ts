import { Either, Schema } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as Access from "./Access.js"
import * as CouncilPolicy from "./CouncilPolicy.js"
import type { OrganisationId } from "./Ids.js"
import * as RiskAssessment from "./RiskAssessment.js"

/**
 * A school's referral (application) of a learner to a provision, tiers 1-3: a multi-agency form in
 * sections, some mandatory; a risk assessment completed within the three months before the date of
 * referral; submitted by the school, then accepted or declined by CAP; an accepted referral becomes
 * a placement. Each action is a pure transition returning the next state or a tagged refusal.
 */
export const Status = Schema.Literal("draft", "submitted", "accepted", "declined", "placed")
export type Status = typeof Status.Type

/** The sections of the referral form, in order. */
export const Section = Schema.Literal(
  "learner_details",
  "parent_carer_details",
  "school_details",
  "reason_for_referral",
  "needs_and_support",
  "agencies_involved",
  "provision_requested",
  "consent"
)
export type Section = typeof Section.Type

export const sectionLabel: Readonly<Record<Section, string>> = {
  learner_details: "Learner details",
  parent_carer_details: "Parent or carer details",
  school_details: "School details",
  reason_for_referral: "Reason for referral",
  needs_and_support: "Needs and support",
  agencies_involved: "Other agencies involved",
  provision_requested: "Provision requested",
  consent: "Consent"
}

/** Sections marked * on the form; "other agencies involved" is the only one left optional. */
export const mandatorySections: ReadonlyArray<Section> = Section.literals.filter(
  (s) => s !== "agencies_involved"
)

export interface ReferralState {
  readonly status: Status
  readonly referrerOrganisationId: OrganisationId
  readonly completedSections: ReadonlyArray<Section>
  readonly riskAssessmentCompletedOn: Temporal.PlainDate | null
  /** The date of referral, against which the risk assessment is judged. */
  readonly submittedOn: Temporal.PlainDate | null
  readonly declineReason: string | null
}

export type Action =
  | { readonly _tag: "CompleteSection"; readonly section: Section }
  | { readonly _tag: "AttachRiskAssessment"; readonly completedOn: Temporal.PlainDate }
  | { readonly _tag: "Submit"; readonly on: Temporal.PlainDate }
  | { readonly _tag: "Accept" }
  | { readonly _tag: "Decline"; readonly reason: string }
  | { readonly _tag: "Place" }

export type ActionTag = Action["_tag"]

export class ReferralNotPermitted extends Schema.TaggedError<ReferralNotPermitted>()("ReferralNotPermitted", {
  action: Schema.String
}) {}

export class ReferralWrongStatus extends Schema.TaggedError<ReferralWrongStatus>()("ReferralWrongStatus", {
  action: Schema.String,
  status: Status
}) {}

export class ReferralSectionsIncomplete extends Schema.TaggedError<ReferralSectionsIncomplete>()(
  "ReferralSectionsIncomplete",
  { missing: Schema.Array(Section) }
) {}

export class RiskAssessmentMissing extends Schema.TaggedError<RiskAssessmentMissing>()(
  "RiskAssessmentMissing",
  {}
) {}

export class DeclineReasonMissing extends Schema.TaggedError<DeclineReasonMissing>()(
  "DeclineReasonMissing",
  {}
) {}

export type Refusal =
  | ReferralNotPermitted
  | ReferralWrongStatus
  | ReferralSectionsIncomplete
  | RiskAssessmentMissing
  | RiskAssessment.RiskAssessmentTooOld
  | RiskAssessment.RiskAssessmentInFuture
  | DeclineReasonMissing

export const start = (who: Access.Who): Either.Either<ReferralState, ReferralNotPermitted> =>
  Access.canSubmitReferral(who)
    ? Either.right({
        status: "draft",
        referrerOrganisationId: who.organisationId,
        completedSections: [],
        riskAssessmentCompletedOn: null,
        submittedOn: null,
        declineReason: null
      })
    : Either.left(new ReferralNotPermitted({ action: "Start" }))

export const missingSections = (state: ReferralState): ReadonlyArray<Section> =>
  mandatorySections.filter((s) => !state.completedSections.includes(s))

const permitted = (who: Access.Who, state: ReferralState, action: Action): boolean => {
  switch (action._tag) {
    case "CompleteSection":
    case "AttachRiskAssessment":
    case "Submit":
      return Access.canSubmitReferral(who) && who.organisationId === state.referrerOrganisationId
    case "Accept":
    case "Decline":
    case "Place":
      return Access.canDecideReferral(who)
  }
}

export const requiredStatus: Readonly<Record<ActionTag, Status>> = {
  CompleteSection: "draft",
  AttachRiskAssessment: "draft",
  Submit: "draft",
  Accept: "submitted",
  Decline: "submitted",
  Place: "accepted"
}

const submit = (
  policy: CouncilPolicy.CouncilPolicy,
  state: ReferralState,
  on: Temporal.PlainDate
): Either.Either<ReferralState, Refusal> => {
  const missing = missingSections(state)
  if (missing.length > 0) return Either.left(new ReferralSectionsIncomplete({ missing }))
  if (state.riskAssessmentCompletedOn === null) return Either.left(new RiskAssessmentMissing())
  return Either.map(RiskAssessment.checkWith(policy, state.riskAssessmentCompletedOn, on), () => ({
    ...state,
    status: "submitted" as const,
    submittedOn: on
  }))
}

export const transitionWith = (
  policy: CouncilPolicy.CouncilPolicy,
  state: ReferralState,
  who: Access.Who,
  action: Action
): Either.Either<ReferralState, Refusal> => {
  if (!permitted(who, state, action)) return Either.left(new ReferralNotPermitted({ action: action._tag }))
  if (state.status !== requiredStatus[action._tag])
    return Either.left(new ReferralWrongStatus({ action: action._tag, status: state.status }))
  switch (action._tag) {
    case "CompleteSection":
      return Either.right(
        state.completedSections.includes(action.section)
          ? state
          : {
              ...state,
              completedSections: Section.literals.filter(
                (s) => s === action.section || state.completedSections.includes(s)
              )
            }
      )
    case "AttachRiskAssessment":
      return Either.right({ ...state, riskAssessmentCompletedOn: action.completedOn })
    case "Submit":
      return submit(policy, state, action.on)
    case "Accept":
      return Either.right({ ...state, status: "accepted" })
    case "Decline":
      return action.reason.trim() === ""
        ? Either.left(new DeclineReasonMissing())
        : Either.right({ ...state, status: "declined", declineReason: action.reason })
    case "Place":
      return Either.right({ ...state, status: "placed" })
  }
}

export const transition = (
  state: ReferralState,
  who: Access.Who,
  action: Action
): Either.Either<ReferralState, Refusal> => transitionWith(CouncilPolicy.coventry, state, who, action)
