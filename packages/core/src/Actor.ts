import { Schema } from "effect"
import { OrganisationId, UserId } from "./Ids.js"
import { OrgKind } from "./OrgKind.js"
import { Role } from "./Role.js"

/**
 * The signed-in person on whose behalf a use case runs. Every use case takes the actor first and
 * decides from it (never from what a page showed) whether the action is allowed.
 */
export class Actor extends Schema.Class<Actor>("Actor")({
  userId: UserId,
  organisationId: OrganisationId,
  orgKind: OrgKind,
  roles: Schema.Array(Role)
}) {}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role)
