import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Access, DataScope, Role } from "../src/index.js"
import { anyWho, orgs, who } from "./fixtures/People.js"

const learner = fc.record({
  schoolId: fc.constantFrom(orgs.schoolA, orgs.schoolB),
  providerIds: fc.subarray([orgs.providerP, orgs.providerQ])
})

describe("Access", () => {
  it("scopeOf: CAP sees all, a school its own learners, a provider its own courses' learners", () => {
    expect(Access.scopeOf(who("cap", orgs.cap, "monitoring_officer"))).toEqual(DataScope.all)
    expect(Access.scopeOf(who("school", orgs.schoolA, "dsl"))).toEqual(DataScope.school(orgs.schoolA))
    expect(Access.scopeOf(who("provider", orgs.providerP, "tutor"))).toEqual(
      DataScope.provider(orgs.providerP)
    )
  })

  it("canSeeLearner: CAP always; a school only its own; a provider only while the learner is enrolled with it", () => {
    fc.assert(
      fc.property(anyWho, learner, (w, l) => {
        const expected =
          w.roles.length > 0 &&
          (w.orgKind === "cap" ||
            (w.orgKind === "school" && l.schoolId === w.organisationId) ||
            (w.orgKind === "provider" && l.providerIds.includes(w.organisationId)))
        expect(Access.canSeeLearner(w, l)).toBe(expected)
      })
    )
  })

  it("someone holding no role sees no learner, even at CAP", () => {
    expect(Access.canSeeLearner(who("cap", orgs.cap), { schoolId: orgs.schoolA, providerIds: [] })).toBe(
      false
    )
  })

  it("canMarkRegister: staff of the course's provider, or CAP admin and coordinators; never a school", () => {
    fc.assert(
      fc.property(anyWho, fc.constantFrom(orgs.providerP, orgs.providerQ), (w, providerId) => {
        const expected =
          (w.orgKind === "provider" && w.organisationId === providerId && w.roles.length > 0) ||
          (w.orgKind === "cap" && (w.roles.includes("admin") || w.roles.includes("coordinator")))
        expect(Access.canMarkRegister(w, { providerId })).toBe(expected)
      })
    )
  })

  it("canProcessAbsences: the learner's own school's designated staff, or CAP admin and coordinators", () => {
    fc.assert(
      fc.property(anyWho, fc.constantFrom(orgs.schoolA, orgs.schoolB), (w, schoolId) => {
        const expected =
          (w.orgKind === "school" && w.organisationId === schoolId && w.roles.length > 0) ||
          (w.orgKind === "cap" && (w.roles.includes("admin") || w.roles.includes("coordinator")))
        expect(Access.canProcessAbsences(w, { schoolId })).toBe(expected)
      })
    )
  })

  it("canAdministerUsers: CAP admin only", () => {
    fc.assert(
      fc.property(anyWho, (w) => {
        expect(Access.canAdministerUsers(w)).toBe(w.orgKind === "cap" && w.roles.includes("admin"))
        expect(Access.navigationFor(w).includes("users")).toBe(Access.canAdministerUsers(w))
      })
    )
  })

  it("canSeeTransferFile: only holders of the addressed role at the addressed establishment, and CAP", () => {
    const toSchoolDsl = { recipientOrganisationId: orgs.schoolA, recipientRole: "dsl" as Role.Role }
    expect(Access.canSeeTransferFile(who("school", orgs.schoolA, "dsl"), toSchoolDsl)).toBe(true)
    expect(Access.canSeeTransferFile(who("school", orgs.schoolA, "cap_coordinator"), toSchoolDsl)).toBe(false)
    expect(Access.canSeeTransferFile(who("school", orgs.schoolB, "dsl"), toSchoolDsl)).toBe(false)
    expect(Access.canSeeTransferFile(who("cap", orgs.cap, "coordinator"), toSchoolDsl)).toBe(true)
    expect(
      Access.canSeeTransferFile(who("school", orgs.schoolA, "dsl"), { recipientOrganisationId: orgs.schoolA })
    ).toBe(false)
  })

  it("canSendFile follows the permitted routes, for designated staff only", () => {
    expect(Access.canSendFile(who("school", orgs.schoolA, "dsl"), "cap")).toBe(true)
    expect(Access.canSendFile(who("school", orgs.schoolA, "dsl"), "provider")).toBe(false)
    expect(Access.canSendFile(who("provider", orgs.providerP, "tutor"), "cap")).toBe(false)
    expect(Access.canSendFile(who("cap", orgs.cap, "admin"), "provider")).toBe(true)
  })

  it("navigation: each kind sees what it needs and nothing it may not use", () => {
    expect(Access.navigationFor(who("school", orgs.schoolA, "dsl"))).toEqual([
      "training-records",
      "todays-attendance",
      "unprocessed-absences",
      "file-transfer",
      "referrals",
      "withdrawals",
      "directory"
    ])
    expect(Access.navigationFor(who("provider", orgs.providerP, "tutor"))).toEqual([
      "training-records",
      "registers",
      "directory"
    ])
    expect(Access.navigationFor(who("cap", orgs.cap, "admin"))).toContain("users")
    expect(Access.navigationFor(who("school", orgs.schoolA))).toEqual(["directory"])
    for (const item of Access.navigationFor(who("cap", orgs.cap, "admin")))
      expect(Access.navigationLabel[item]).toMatch(/\S/)
  })

  it("only roles valid for each kind appear in generated actors", () => {
    fc.assert(fc.property(anyWho, (w) => w.roles.every((r) => Role.isValidFor(w.orgKind, r))))
  })
})
