import type { Actor } from "./Actor.js"
import * as DataScope from "./DataScope.js"
import type { OrganisationId, UserId } from "./Ids.js"
import type { OrgKind } from "./OrgKind.js"
import type { Role } from "./Role.js"
import * as TransferRoute from "./TransferRoute.js"

/**
 * The access policy: who sees which learners and who may do what. CAP sees everything; a school
 * sees only its own learners; a provider sees only learners enrolled on its courses (the caller
 * passes the providers a learner is currently enrolled with). Everything not granted here is
 * refused.
 */
export type Who = Pick<Actor, "organisationId" | "orgKind" | "roles">

const holdsAny = (who: Who, roles: ReadonlyArray<Role>) => who.roles.some((r) => roles.includes(r))

/** The designated staff of an establishment (the guidance's log-in holders), not its tutors. */
const designated: ReadonlyArray<Role> = ["cap_coordinator", "dsl"]
const capCaseworkers: ReadonlyArray<Role> = ["admin", "coordinator"]
const anyCapStaff: ReadonlyArray<Role> = ["admin", "coordinator", "monitoring_officer"]

/** The data a query on the actor's behalf may touch; repositories filter by it in the store. */
export const scopeOf = (who: Who): DataScope.DataScope => {
  switch (who.orgKind) {
    case "cap":
      return DataScope.all
    case "school":
      return DataScope.school(who.organisationId)
    case "provider":
      return DataScope.provider(who.organisationId)
  }
}

export interface LearnerPlacement {
  readonly schoolId: OrganisationId
  /** Providers with a current enrolment of the learner. */
  readonly providerIds: ReadonlyArray<OrganisationId>
}

/** Whether a scope includes a learner: the same test repositories apply in SQL. */
export const scopeIncludes = (scope: DataScope.DataScope, learner: LearnerPlacement): boolean => {
  switch (scope._tag) {
    case "All":
      return true
    case "School":
      return learner.schoolId === scope.schoolId
    case "Provider":
      return learner.providerIds.includes(scope.providerId)
  }
}

export const canSeeLearner = (who: Who, learner: LearnerPlacement): boolean =>
  who.roles.length > 0 && scopeIncludes(scopeOf(who), learner)

/** Providers complete registers of their own courses; CAP corrects any register. */
export const canMarkRegister = (who: Who, lesson: { readonly providerId: OrganisationId }): boolean =>
  who.orgKind === "cap"
    ? holdsAny(who, capCaseworkers)
    : who.orgKind === "provider" &&
      who.organisationId === lesson.providerId &&
      holdsAny(who, ["cap_coordinator", "dsl", "tutor"])

/** The learner's school processes its unexplained absences; CAP may correct them. */
export const canProcessAbsences = (who: Who, learner: { readonly schoolId: OrganisationId }): boolean =>
  who.orgKind === "cap"
    ? holdsAny(who, capCaseworkers)
    : who.orgKind === "school" && who.organisationId === learner.schoolId && holdsAny(who, designated)

/** Only CAP admin staff create accounts and grant roles. */
export const canAdministerUsers = (who: Who): boolean => who.orgKind === "cap" && holdsAny(who, ["admin"])

/** Sending files: designated staff, and only along a permitted route. */
export const canSendFile = (who: Who, to: OrgKind): boolean =>
  TransferRoute.isPermitted(who.orgKind, to) &&
  holdsAny(who, who.orgKind === "cap" ? anyCapStaff : designated)

export interface TransferFileAddress {
  readonly recipientOrganisationId: OrganisationId
  /** The role the file is addressed to at the recipient; absent for files sent to CAP. */
  readonly recipientRole?: Role | null | undefined
}

/**
 * A file addressed to a role at an establishment is for holders of that role there only. Every
 * route runs through CAP, so CAP staff see every file.
 */
export const canSeeTransferFile = (who: Who, file: TransferFileAddress): boolean =>
  who.orgKind === "cap"
    ? holdsAny(who, anyCapStaff)
    : who.organisationId === file.recipientOrganisationId &&
      file.recipientRole != null &&
      who.roles.includes(file.recipientRole)

export const canSubmitReferral = (who: Who): boolean => who.orgKind === "school" && holdsAny(who, designated)

export const canDecideReferral = (who: Who): boolean => who.orgKind === "cap" && holdsAny(who, capCaseworkers)

export const canSubmitWithdrawal = (who: Who): boolean =>
  (who.orgKind === "school" || who.orgKind === "provider") && holdsAny(who, designated)

/** Withdrawals are processed by CAP admin (guidance, step 6). */
export const canProcessWithdrawal = (who: Who): boolean => who.orgKind === "cap" && holdsAny(who, ["admin"])

/** A note keeps its author's words: only the author may change it. */
export const canEditNote = (who: { readonly userId: UserId }, note: { readonly authorId: UserId }): boolean =>
  who.userId === note.authorId

export type NavigationItem =
  | "training-records"
  | "todays-attendance"
  | "registers"
  | "unprocessed-absences"
  | "file-transfer"
  | "referrals"
  | "withdrawals"
  | "directory"
  | "users"
  | "outbox"

export const navigationLabel: Readonly<Record<NavigationItem, string>> = {
  "training-records": "Training records",
  "todays-attendance": "Today's attendance",
  registers: "Registers",
  "unprocessed-absences": "Unprocessed absences",
  "file-transfer": "Secure file transfer",
  referrals: "Referrals",
  withdrawals: "Withdrawals",
  directory: "Course directory",
  users: "Users",
  outbox: "Outbox"
}

/** What each person needs in the service's navigation, in display order. */
export const navigationFor = (who: Who): ReadonlyArray<NavigationItem> => {
  if (who.roles.length === 0) return ["directory"]
  const items: Array<NavigationItem> = ["training-records"]
  switch (who.orgKind) {
    case "school":
      items.push("todays-attendance", "unprocessed-absences")
      break
    case "provider":
      items.push("registers")
      break
    case "cap":
      items.push("todays-attendance", "registers", "unprocessed-absences")
      break
  }
  if (who.orgKind === "cap" ? holdsAny(who, anyCapStaff) : holdsAny(who, designated))
    items.push("file-transfer")
  if (who.orgKind === "cap" || canSubmitReferral(who)) items.push("referrals")
  if (who.orgKind === "cap" || canSubmitWithdrawal(who)) items.push("withdrawals")
  items.push("directory")
  if (canAdministerUsers(who)) items.push("users")
  // The same people as Notifications.canSeeOutbox: every message holds children's details.
  if (who.orgKind === "cap" && holdsAny(who, ["admin"])) items.push("outbox")
  return items
}
