import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type Access, RiskAssessment, ReferralProcess as RP } from "../src/index.js"
import { date, plainDate } from "./fixtures/Arbitraries.js"
import { orgs, who } from "./fixtures/People.js"

const actors = {
  schoolDsl: who("school", orgs.schoolA, "dsl"),
  otherSchool: who("school", orgs.schoolB, "dsl"),
  provider: who("provider", orgs.providerP, "cap_coordinator"),
  capCoordinator: who("cap", orgs.cap, "coordinator"),
  capMonitoring: who("cap", orgs.cap, "monitoring_officer")
} satisfies Record<string, Access.Who>
type ActorName = keyof typeof actors

/** What the guidance says must be true of any referral, whatever happened to it. */
const assertNoForbiddenState = (s: RP.ReferralState, accepted: boolean) => {
  if (s.status !== "draft") {
    expect(RP.missingSections(s)).toEqual([])
    expect(s.riskAssessmentCompletedOn).not.toBeNull()
    expect(s.submittedOn).not.toBeNull()
    if (s.riskAssessmentCompletedOn !== null && s.submittedOn !== null)
      expect(RiskAssessment.isAcceptedAt(s.riskAssessmentCompletedOn, s.submittedOn)).toBe(true)
  }
  if (s.status === "declined") expect(s.declineReason).toMatch(/\S/)
  // A placement only ever comes from an accepted referral.
  if (s.status === "placed") expect(accepted).toBe(true)
}

interface Model {
  status: RP.Status
  sections: Set<RP.Section>
  riskAssessment: ReturnType<typeof date> | null
  accepted: boolean
}
interface Real {
  state: RP.ReferralState
}

const allowedByModel = (m: Model, name: ActorName, action: RP.Action): boolean => {
  const referrer = name === "schoolDsl"
  const cap = name === "capCoordinator"
  switch (action._tag) {
    case "CompleteSection":
    case "AttachRiskAssessment":
      return referrer && m.status === "draft"
    case "Submit":
      return (
        referrer &&
        m.status === "draft" &&
        RP.mandatorySections.every((s) => m.sections.has(s)) &&
        m.riskAssessment !== null &&
        RiskAssessment.isAcceptedAt(m.riskAssessment, action.on)
      )
    case "Accept":
      return cap && m.status === "submitted"
    case "Decline":
      return cap && m.status === "submitted" && action.reason.trim() !== ""
    case "Place":
      return cap && m.status === "accepted"
  }
}

const reached = new Set<RP.Status>()

/** The first mandatory section the model has not seen completed (or the first section of all). */
const nextSection = (m: Model): RP.Action => ({
  _tag: "CompleteSection",
  section: RP.mandatorySections.find((s) => !m.sections.has(s)) ?? "learner_details"
})

class Act implements fc.Command<Model, Real> {
  private tried: RP.Action | undefined
  constructor(
    readonly name: ActorName,
    readonly action: RP.Action | "next section"
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const before = r.state
    const a = this.action === "next section" ? nextSection(m) : this.action
    this.tried = a
    const result = RP.transition(before, actors[this.name], a)
    expect(Either.isRight(result)).toBe(allowedByModel(m, this.name, a))
    if (Either.isRight(result)) {
      r.state = result.right
      if (a._tag === "CompleteSection") m.sections.add(a.section)
      if (a._tag === "AttachRiskAssessment") m.riskAssessment = a.completedOn
      if (a._tag === "Accept") m.accepted = true
      m.status = r.state.status
    } else {
      expect(r.state).toBe(before)
    }
    assertNoForbiddenState(r.state, m.accepted)
    reached.add(r.state.status)
  }
  toString = () => `${this.name}: ${JSON.stringify(this.tried ?? this.action)}`
}

// A few months, so that generated risk assessments are often, but not always, recent enough.
const day = plainDate("2025-04-01", "2025-09-30")
const action: fc.Arbitrary<RP.Action> = fc.oneof(
  fc.constantFrom(...RP.Section.literals).map((section) => ({ _tag: "CompleteSection" as const, section })),
  day.map((completedOn) => ({ _tag: "AttachRiskAssessment" as const, completedOn })),
  day.map((on) => ({ _tag: "Submit" as const, on })),
  fc.constant({ _tag: "Accept" as const }),
  fc
    .constantFrom("", " ", "No places left this term")
    .map((reason) => ({ _tag: "Decline" as const, reason })),
  fc.constant({ _tag: "Place" as const })
)
const anyone = fc.tuple(fc.constantFrom(...(Object.keys(actors) as ActorName[])), action)
// The referrer filling in the form and CAP deciding, so that runs also reach the end of the process.
const rightPerson = fc.oneof(
  fc.constant(["schoolDsl", "next section"] as const),
  action
    .filter((a) => a._tag === "CompleteSection" || a._tag === "AttachRiskAssessment" || a._tag === "Submit")
    .map((a) => ["schoolDsl", a] as const),
  action
    .filter((a) => a._tag === "Accept" || a._tag === "Decline" || a._tag === "Place")
    .map((a) => ["capCoordinator", a] as const)
)
const command = fc
  .oneof(
    { weight: 1, arbitrary: anyone as fc.Arbitrary<readonly [ActorName, RP.Action | "next section"]> },
    { weight: 3, arbitrary: rightPerson as fc.Arbitrary<readonly [ActorName, RP.Action | "next section"]> }
  )
  .map(([name, a]) => new Act(name, a))

describe("ReferralProcess", () => {
  it("no sequence of actions, by anyone, reaches a forbidden state", () => {
    fc.assert(
      fc.property(fc.commands([command], { maxCommands: 60, size: "max" }), (commands) => {
        const started = RP.start(actors.schoolDsl)
        if (Either.isLeft(started)) throw started.left
        fc.modelRun(
          () => ({
            model: {
              status: "draft" as RP.Status,
              sections: new Set<RP.Section>(),
              riskAssessment: null,
              accepted: false
            },
            real: { state: started.right }
          }),
          commands
        )
      }),
      { numRuns: 300 }
    )
    expect([...reached].sort()).toEqual([...RP.Status.literals].sort())
  })

  const complete = RP.mandatorySections.map((section): RP.Action => ({ _tag: "CompleteSection", section }))
  const run = (steps: ReadonlyArray<[Access.Who, RP.Action]>) =>
    steps.reduce(
      (acc, [w, a]) => Either.flatMap(acc, (s) => RP.transition(s, w, a)),
      RP.start(actors.schoolDsl) as Either.Either<RP.ReferralState, RP.Refusal>
    )
  const filled = complete.map((a): [Access.Who, RP.Action] => [actors.schoolDsl, a])

  it("a referral with a risk assessment exactly three months old is submitted, accepted and placed", () => {
    const placed = run([
      ...filled,
      [actors.schoolDsl, { _tag: "AttachRiskAssessment", completedOn: date("2025-03-15") }],
      [actors.schoolDsl, { _tag: "Submit", on: date("2025-06-15") }],
      [actors.capCoordinator, { _tag: "Accept" }],
      [actors.capCoordinator, { _tag: "Place" }]
    ])
    expect(Either.isRight(placed) && placed.right.status).toBe("placed")
  })

  it("refuses a risk assessment one day too old, a missing one, and missing mandatory sections", () => {
    const tooOld = run([
      ...filled,
      [actors.schoolDsl, { _tag: "AttachRiskAssessment", completedOn: date("2025-03-14") }],
      [actors.schoolDsl, { _tag: "Submit", on: date("2025-06-15") }]
    ])
    expect(Either.isLeft(tooOld) && tooOld.left._tag).toBe("RiskAssessmentTooOld")
    const missing = run([...filled, [actors.schoolDsl, { _tag: "Submit", on: date("2025-06-15") }]])
    expect(Either.isLeft(missing) && missing.left._tag).toBe("RiskAssessmentMissing")
    const sections = run([
      [actors.schoolDsl, { _tag: "AttachRiskAssessment", completedOn: date("2025-06-01") }],
      [actors.schoolDsl, { _tag: "Submit", on: date("2025-06-15") }]
    ])
    expect(Either.isLeft(sections) && sections.left).toMatchObject({
      _tag: "ReferralSectionsIncomplete",
      missing: RP.mandatorySections
    })
  })

  it("only a school's designated staff start a referral; optional sections may be left out", () => {
    expect(Either.isLeft(RP.start(actors.provider))).toBe(true)
    expect(Either.isLeft(RP.start(actors.capCoordinator))).toBe(true)
    expect(RP.mandatorySections).not.toContain("agencies_involved")
  })
})
