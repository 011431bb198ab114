import { Schema } from "effect"
import type { OrgKind } from "./OrgKind.js"

/**
 * Roles a user can hold. Which roles exist depends on the kind of organisation: the council has
 * admins, coordinators and monitoring officers; an establishment (school or provider) names a
 * CAP Coordinator and a DSL; providers also have tutors.
 */
export const Role = Schema.Literal(
  "admin",
  "coordinator",
  "monitoring_officer",
  "cap_coordinator",
  "dsl",
  "tutor"
)
export type Role = typeof Role.Type

export const rolesFor: Readonly<Record<OrgKind, ReadonlyArray<Role>>> = {
  cap: ["admin", "coordinator", "monitoring_officer"],
  school: ["cap_coordinator", "dsl"],
  provider: ["cap_coordinator", "dsl", "tutor"]
}

export const isValidFor = (kind: OrgKind, role: Role): boolean => rolesFor[kind].includes(role)

export const label: Readonly<Record<Role, string>> = {
  admin: "CAP admin",
  coordinator: "CAP coordinator",
  monitoring_officer: "Monitoring officer",
  cap_coordinator: "CAP Coordinator",
  dsl: "Designated Safeguarding Lead",
  tutor: "Tutor"
}
