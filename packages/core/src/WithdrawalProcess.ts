import { Either, Schema } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as Access from "./Access.js"
import * as CouncilPolicy from "./CouncilPolicy.js"
import type * as HolidayCalendar from "./HolidayCalendar.js"
import type { OrganisationId } from "./Ids.js"
import * as Withdrawal from "./Withdrawal.js"

/**
 * A withdrawal of a learner from a provision, from the guidance's seven steps:
 * the school or provider drafts the form (every question mandatory, the impact on achievement,
 * health and wellbeing considered); a provider-initiated withdrawal needs a meeting with CAP and the
 * school before it is submitted; CAP admin receives it, ends the enrolment, records it on the
 * council's MIS, sends the form to the other party, and closes it, within the deadline.
 *
 * Each action is a pure transition: the next state, or a tagged refusal saying why not.
 */
export const Status = Schema.Literal(
  "draft",
  "submitted",
  "processing",
  "enrolment_ended",
  "mis_recorded",
  "form_sent",
  "closed"
)
export type Status = typeof Status.Type

export type Initiator = "school" | "provider"

/** The form's questions; all mandatory. The impact questions are the guidance's step 2. */
export const Question = Schema.Literal(
  "reason",
  "impact_on_achievement",
  "impact_on_health_and_wellbeing",
  "last_day_attended",
  "provisions_affected"
)
export type Question = typeof Question.Type

export const questionLabel: Readonly<Record<Question, string>> = {
  reason: "Why is the learner being withdrawn?",
  impact_on_achievement: "What is the impact of withdrawal on the learner's achievement?",
  impact_on_health_and_wellbeing: "What is the impact of withdrawal on the learner's health and wellbeing?",
  last_day_attended: "When did the learner last attend?",
  provisions_affected: "Which provisions or days is the learner being withdrawn from?"
}

const impactQuestions: ReadonlyArray<Question> = ["impact_on_achievement", "impact_on_health_and_wellbeing"]

export interface WithdrawalState {
  readonly status: Status
  readonly initiatedBy: Initiator
  readonly initiatorOrganisationId: OrganisationId
  readonly answers: Readonly<Partial<Record<Question, string>>>
  /** The meeting with CAP and the school; required before a provider-initiated form is submitted. */
  readonly meetingHeldOn: Temporal.PlainDate | null
  /** Encouraged, not required, for a school-initiated withdrawal. */
  readonly discussedWithMonitoringOfficer: boolean
  readonly submittedOn: Temporal.PlainDate | null
  readonly dueOn: Temporal.PlainDate | null
  /** CAP's check whether the learner leaves every provision and day of the course. */
  readonly leavesAllProvisions: boolean | null
  readonly formSentTo: Initiator | null
}

export type Action =
  | { readonly _tag: "Answer"; readonly answers: Readonly<Partial<Record<Question, string>>> }
  | { readonly _tag: "RecordMeeting"; readonly heldOn: Temporal.PlainDate }
  | { readonly _tag: "RecordMonitoringOfficerDiscussion" }
  | { readonly _tag: "Submit"; readonly on: Temporal.PlainDate }
  | { readonly _tag: "Receive" }
  | { readonly _tag: "EndEnrolment"; readonly leavesAllProvisions: boolean }
  | { readonly _tag: "RecordMis" }
  | { readonly _tag: "SendForm" }
  | { readonly _tag: "Close" }

export type ActionTag = Action["_tag"]

export class WithdrawalNotPermitted extends Schema.TaggedError<WithdrawalNotPermitted>()(
  "WithdrawalNotPermitted",
  { action: Schema.String }
) {}

export class WithdrawalWrongStatus extends Schema.TaggedError<WithdrawalWrongStatus>()(
  "WithdrawalWrongStatus",
  {
    action: Schema.String,
    status: Status
  }
) {}

export class WithdrawalQuestionsUnanswered extends Schema.TaggedError<WithdrawalQuestionsUnanswered>()(
  "WithdrawalQuestionsUnanswered",
  { missing: Schema.Array(Question) }
) {}

export class WithdrawalImpactNotConsidered extends Schema.TaggedError<WithdrawalImpactNotConsidered>()(
  "WithdrawalImpactNotConsidered",
  { missing: Schema.Array(Question) }
) {}

export class WithdrawalMeetingNotRecorded extends Schema.TaggedError<WithdrawalMeetingNotRecorded>()(
  "WithdrawalMeetingNotRecorded",
  {}
) {}

export type Refusal =
  | WithdrawalNotPermitted
  | WithdrawalWrongStatus
  | WithdrawalQuestionsUnanswered
  | WithdrawalImpactNotConsidered
  | WithdrawalMeetingNotRecorded
  | HolidayCalendar.CalendarOutOfRange

/** A new draft, started by the school or provider the actor belongs to. */
export const start = (who: Access.Who): Either.Either<WithdrawalState, WithdrawalNotPermitted> =>
  Access.canSubmitWithdrawal(who) && (who.orgKind === "school" || who.orgKind === "provider")
    ? Either.right({
        status: "draft",
        initiatedBy: who.orgKind,
        initiatorOrganisationId: who.organisationId,
        answers: {},
        meetingHeldOn: null,
        discussedWithMonitoringOfficer: false,
        submittedOn: null,
        dueOn: null,
        leavesAllProvisions: null,
        formSentTo: null
      })
    : Either.left(new WithdrawalNotPermitted({ action: "Start" }))

export const isAnswered = (answer: string | undefined): boolean =>
  answer !== undefined && answer.trim() !== ""

export const unanswered = (state: WithdrawalState): ReadonlyArray<Question> =>
  Question.literals.filter((q) => !isAnswered(state.answers[q]))

const isInitiator = (who: Access.Who, state: WithdrawalState) =>
  Access.canSubmitWithdrawal(who) && who.organisationId === state.initiatorOrganisationId

/** The meeting is arranged with CAP and the school: the provider or CAP staff may record it. */
const mayRecordMeeting = (who: Access.Who, state: WithdrawalState) =>
  isInitiator(who, state) || (who.orgKind === "cap" && who.roles.length > 0)

const permitted = (who: Access.Who, state: WithdrawalState, action: Action): boolean => {
  switch (action._tag) {
    case "Answer":
    case "Submit":
    case "RecordMonitoringOfficerDiscussion":
      return isInitiator(who, state)
    case "RecordMeeting":
      return mayRecordMeeting(who, state)
    case "Receive":
    case "EndEnrolment":
    case "RecordMis":
    case "SendForm":
    case "Close":
      return Access.canProcessWithdrawal(who)
  }
}

/** The status each action needs; every step happens once, in the guidance's order. */
export const requiredStatus: Readonly<Record<ActionTag, Status>> = {
  Answer: "draft",
  RecordMeeting: "draft",
  RecordMonitoringOfficerDiscussion: "draft",
  Submit: "draft",
  Receive: "submitted",
  EndEnrolment: "processing",
  RecordMis: "enrolment_ended",
  SendForm: "mis_recorded",
  Close: "form_sent"
}

const otherParty = (initiator: Initiator): Initiator => (initiator === "school" ? "provider" : "school")

const submit = (
  policy: CouncilPolicy.CouncilPolicy,
  state: WithdrawalState,
  on: Temporal.PlainDate
): Either.Either<WithdrawalState, Refusal> => {
  const impactMissing = impactQuestions.filter((q) => !isAnswered(state.answers[q]))
  if (impactMissing.length > 0)
    return Either.left(new WithdrawalImpactNotConsidered({ missing: impactMissing }))
  const missing = unanswered(state)
  if (missing.length > 0) return Either.left(new WithdrawalQuestionsUnanswered({ missing }))
  if (state.initiatedBy === "provider" && state.meetingHeldOn === null)
    return Either.left(new WithdrawalMeetingNotRecorded())
  return Either.map(Withdrawal.dueDateWith(policy, on), (dueOn) => ({
    ...state,
    status: "submitted" as const,
    submittedOn: on,
    dueOn
  }))
}

export const transitionWith = (
  policy: CouncilPolicy.CouncilPolicy,
  state: WithdrawalState,
  who: Access.Who,
  action: Action
): Either.Either<WithdrawalState, Refusal> => {
  if (!permitted(who, state, action)) return Either.left(new WithdrawalNotPermitted({ action: action._tag }))
  if (state.status !== requiredStatus[action._tag])
    return Either.left(new WithdrawalWrongStatus({ action: action._tag, status: state.status }))
  switch (action._tag) {
    case "Answer":
      return Either.right({ ...state, answers: { ...state.answers, ...action.answers } })
    case "RecordMeeting":
      return Either.right({ ...state, meetingHeldOn: action.heldOn })
    case "RecordMonitoringOfficerDiscussion":
      return Either.right({ ...state, discussedWithMonitoringOfficer: true })
    case "Submit":
      return submit(policy, state, action.on)
    case "Receive":
      return Either.right({ ...state, status: "processing" })
    case "EndEnrolment":
      return Either.right({
        ...state,
        status: "enrolment_ended",
        leavesAllProvisions: action.leavesAllProvisions
      })
    case "RecordMis":
      return Either.right({ ...state, status: "mis_recorded" })
    case "SendForm":
      return Either.right({ ...state, status: "form_sent", formSentTo: otherParty(state.initiatedBy) })
    case "Close":
      return Either.right({ ...state, status: "closed" })
  }
}

export const transition = (
  state: WithdrawalState,
  who: Access.Who,
  action: Action
): Either.Either<WithdrawalState, Refusal> => transitionWith(CouncilPolicy.coventry, state, who, action)

/** Submitted and not yet finished with by CAP: the deadline still applies. */
export const isOpen = (state: WithdrawalState): boolean =>
  state.status !== "draft" && state.status !== "form_sent" && state.status !== "closed"

export const isOverdue = (state: WithdrawalState, today: Temporal.PlainDate): boolean =>
  isOpen(state) && state.dueOn !== null && Withdrawal.isOverdue(state.dueOn, today)
