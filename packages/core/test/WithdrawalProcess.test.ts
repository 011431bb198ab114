import { Either } from "effect"
import fc from "fast-check"
import type { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import { type Access, WorkingDays, WithdrawalProcess as WP } from "../src/index.js"
import { date, plainDate } from "./fixtures/Arbitraries.js"
import { orgs, who } from "./fixtures/People.js"

const actors = {
  schoolDsl: who("school", orgs.schoolA, "dsl"),
  otherSchool: who("school", orgs.schoolB, "cap_coordinator"),
  providerCoordinator: who("provider", orgs.providerP, "cap_coordinator"),
  providerTutor: who("provider", orgs.providerP, "tutor"),
  capAdmin: who("cap", orgs.cap, "admin"),
  capMonitoring: who("cap", orgs.cap, "monitoring_officer")
} satisfies Record<string, Access.Who>
type ActorName = keyof typeof actors

const order: ReadonlyArray<WP.Status> = WP.Status.literals
const capSteps: Readonly<Partial<Record<WP.ActionTag, WP.Status>>> = {
  Receive: "submitted",
  EndEnrolment: "processing",
  RecordMis: "enrolment_ended",
  SendForm: "mis_recorded",
  Close: "form_sent"
}

/** What the guidance says must be true of any withdrawal, whatever happened to it. */
const assertNoForbiddenState = (s: WP.WithdrawalState) => {
  const at = order.indexOf(s.status)
  expect(at).toBeGreaterThanOrEqual(0)
  if (s.status !== "draft") {
    // Submitted only with every question answered, the impact recorded, and for a provider the meeting.
    expect(WP.unanswered(s)).toEqual([])
    if (s.initiatedBy === "provider") expect(s.meetingHeldOn).not.toBeNull()
    expect(s.submittedOn).not.toBeNull()
    expect(s.dueOn?.toString()).toBe(WorkingDays.add(s.submittedOn as Temporal.PlainDate, 5).toString())
  } else {
    expect(s.submittedOn).toBeNull()
  }
  // Enrolment ended only after CAP received the form; the form goes to the other party only at the end.
  expect(s.leavesAllProvisions !== null).toBe(at >= order.indexOf("enrolment_ended"))
  expect(s.formSentTo !== null).toBe(at >= order.indexOf("form_sent"))
  if (s.formSentTo !== null) expect(s.formSentTo).not.toBe(s.initiatedBy)
}

interface Model {
  status: WP.Status
  initiatedBy: WP.Initiator
  answered: Set<WP.Question>
  meeting: boolean
}
interface Real {
  state: WP.WithdrawalState
}

/** The model's own reading of the guidance: whether `actor` may do `action` now. */
const allowedByModel = (m: Model, name: ActorName, action: WP.Action): boolean => {
  const initiatorName: ActorName = m.initiatedBy === "school" ? "schoolDsl" : "providerCoordinator"
  switch (action._tag) {
    case "Answer":
    case "RecordMonitoringOfficerDiscussion":
      return name === initiatorName && m.status === "draft"
    case "RecordMeeting":
      return (
        (name === initiatorName || name === "capAdmin" || name === "capMonitoring") && m.status === "draft"
      )
    case "Submit":
      return (
        name === initiatorName &&
        m.status === "draft" &&
        WP.Question.literals.every((q) => m.answered.has(q)) &&
        (m.initiatedBy === "school" || m.meeting)
      )
    default:
      return name === "capAdmin" && capSteps[action._tag] === m.status
  }
}

const reached = new Set<WP.Status>()

/** CAP's next step after the one the model is at (or the first step if it is not CAP's turn). */
const nextCapStep = (m: Model): WP.Action => {
  const tag = (Object.keys(capSteps) as WP.ActionTag[]).find((t) => capSteps[t] === m.status) ?? "Receive"
  return tag === "EndEnrolment" ? { _tag: tag, leavesAllProvisions: true } : ({ _tag: tag } as WP.Action)
}

class Act implements fc.Command<Model, Real> {
  private tried: WP.Action | undefined
  constructor(
    readonly name: ActorName,
    readonly action: WP.Action | "next CAP step"
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const before = r.state
    const a = this.action === "next CAP step" ? nextCapStep(m) : this.action
    this.tried = a
    const result = WP.transition(before, actors[this.name], a)
    const allowed = allowedByModel(m, this.name, a)
    expect(Either.isRight(result)).toBe(allowed)
    if (Either.isRight(result)) {
      r.state = result.right
      if (a._tag === "Answer")
        for (const [q, text] of Object.entries(a.answers))
          if (text !== undefined && text.trim() !== "") m.answered.add(q as WP.Question)
          else m.answered.delete(q as WP.Question)
      if (a._tag === "RecordMeeting") m.meeting = true
      const next = order.indexOf(r.state.status)
      const was = order.indexOf(m.status)
      // Every step is one step forward, or stays in the draft.
      expect(next === was || next === was + 1).toBe(true)
      m.status = r.state.status
    } else {
      expect(r.state).toBe(before)
    }
    assertNoForbiddenState(r.state)
    reached.add(r.state.status)
  }
  toString = () => `${this.name}: ${JSON.stringify(this.tried ?? this.action)}`
}

const answerText = fc.constantFrom("", "  ", "Moving to a new school", "No impact expected")
const action: fc.Arbitrary<WP.Action> = fc.oneof(
  fc
    .dictionary(fc.constantFrom(...WP.Question.literals), answerText, { maxKeys: 5 })
    .map((answers) => ({ _tag: "Answer" as const, answers })),
  fc.constant({
    _tag: "Answer" as const,
    answers: Object.fromEntries(WP.Question.literals.map((q) => [q, "Answered"]))
  }),
  plainDate("2025-01-01", "2025-12-31").map((heldOn) => ({ _tag: "RecordMeeting" as const, heldOn })),
  fc.constant({ _tag: "RecordMonitoringOfficerDiscussion" as const }),
  plainDate("2025-01-01", "2025-12-31").map((on) => ({ _tag: "Submit" as const, on })),
  fc.constant({ _tag: "Receive" as const }),
  fc.boolean().map((leavesAllProvisions) => ({ _tag: "EndEnrolment" as const, leavesAllProvisions })),
  fc.constant({ _tag: "RecordMis" as const }),
  fc.constant({ _tag: "SendForm" as const }),
  fc.constant({ _tag: "Close" as const })
)
const allAnswered: WP.Action = {
  _tag: "Answer",
  answers: Object.fromEntries(WP.Question.literals.map((q) => [q, "Answered"]))
}
const day = plainDate("2025-01-01", "2025-12-31")
// Anyone trying anything, mixed with the right person taking the next step, so that runs reach the
// end of the process as well as straying from it.
const anyone = fc.tuple(fc.constantFrom(...(Object.keys(actors) as ActorName[])), action)
const rightPerson = fc.oneof(
  fc.constantFrom<ActorName>("schoolDsl", "providerCoordinator").map((n) => [n, allAnswered] as const),
  day.map((heldOn) => ["capAdmin", { _tag: "RecordMeeting", heldOn }] as const),
  fc
    .tuple(fc.constantFrom<ActorName>("schoolDsl", "providerCoordinator"), day)
    .map(([n, on]) => [n, { _tag: "Submit", on }] as const),
  fc.constant(["capAdmin", "next CAP step"] as const)
)
const command = fc
  .oneof(
    { weight: 1, arbitrary: anyone as fc.Arbitrary<readonly [ActorName, WP.Action | "next CAP step"]> },
    { weight: 2, arbitrary: rightPerson as fc.Arbitrary<readonly [ActorName, WP.Action | "next CAP step"]> }
  )
  .map(([name, a]) => new Act(name, a))

describe("WithdrawalProcess", () => {
  it("no sequence of actions, by anyone, reaches a forbidden state", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ActorName>("schoolDsl", "providerCoordinator"),
        fc.commands([command], { maxCommands: 60, size: "max" }),
        (initiator, commands) => {
          const started = WP.start(actors[initiator])
          if (Either.isLeft(started)) throw started.left
          fc.modelRun(
            () => ({
              model: {
                status: "draft" as WP.Status,
                initiatedBy: started.right.initiatedBy,
                answered: new Set<WP.Question>(),
                meeting: false
              },
              real: { state: started.right }
            }),
            commands
          )
        }
      ),
      { numRuns: 300 }
    )
    // The runs must have walked the whole process, or the property says nothing about its end.
    expect([...reached].sort()).toEqual([...WP.Status.literals].sort())
  })

  const answerAll: WP.Action = {
    _tag: "Answer",
    answers: Object.fromEntries(WP.Question.literals.map((q) => [q, "Answered"]))
  }
  const run = (initiator: Access.Who, steps: ReadonlyArray<[Access.Who, WP.Action]>) =>
    steps.reduce(
      (acc, [w, a]) => Either.flatMap(acc, (s) => WP.transition(s, w, a)),
      WP.start(initiator) as Either.Either<WP.WithdrawalState, WP.Refusal>
    )
  const submittedOn = date("2025-06-02")

  it("a whole school-initiated withdrawal: deadline 5 working days on, form sent to the provider", () => {
    const done = run(actors.schoolDsl, [
      [actors.schoolDsl, answerAll],
      [actors.schoolDsl, { _tag: "Submit", on: submittedOn }],
      [actors.capAdmin, { _tag: "Receive" }],
      [actors.capAdmin, { _tag: "EndEnrolment", leavesAllProvisions: true }],
      [actors.capAdmin, { _tag: "RecordMis" }],
      [actors.capAdmin, { _tag: "SendForm" }],
      [actors.capAdmin, { _tag: "Close" }]
    ])
    expect(Either.isRight(done)).toBe(true)
    if (Either.isRight(done)) {
      expect(done.right.status).toBe("closed")
      expect(done.right.dueOn?.toString()).toBe("2025-06-09")
      expect(done.right.formSentTo).toBe("provider")
    }
  })

  it("a provider cannot submit before the meeting with CAP and the school is recorded", () => {
    const refused = run(actors.providerCoordinator, [
      [actors.providerCoordinator, answerAll],
      [actors.providerCoordinator, { _tag: "Submit", on: submittedOn }]
    ])
    expect(Either.isLeft(refused) && refused.left._tag).toBe("WithdrawalMeetingNotRecorded")
  })

  it("every question is mandatory, the impact questions first", () => {
    const noImpact = run(actors.schoolDsl, [
      [actors.schoolDsl, { _tag: "Answer", answers: { reason: "Moving school" } }],
      [actors.schoolDsl, { _tag: "Submit", on: submittedOn }]
    ])
    expect(Either.isLeft(noImpact) && noImpact.left._tag).toBe("WithdrawalImpactNotConsidered")
    const blank = run(actors.schoolDsl, [
      [actors.schoolDsl, answerAll],
      [actors.schoolDsl, { _tag: "Answer", answers: { reason: "   " } }],
      [actors.schoolDsl, { _tag: "Submit", on: submittedOn }]
    ])
    expect(Either.isLeft(blank) && blank.left).toMatchObject({
      _tag: "WithdrawalQuestionsUnanswered",
      missing: ["reason"]
    })
  })

  it("a tutor cannot start a withdrawal, and is overdue only while CAP still holds it", () => {
    expect(Either.isLeft(WP.start(actors.providerTutor))).toBe(true)
    expect(Either.isLeft(WP.start(actors.capAdmin))).toBe(true)
    const submitted = run(actors.schoolDsl, [
      [actors.schoolDsl, answerAll],
      [actors.schoolDsl, { _tag: "Submit", on: submittedOn }]
    ])
    if (Either.isLeft(submitted)) throw submitted.left
    expect(WP.isOverdue(submitted.right, submittedOn.add({ days: 7 }))).toBe(false)
    expect(WP.isOverdue(submitted.right, submittedOn.add({ days: 8 }))).toBe(true)
  })
})
