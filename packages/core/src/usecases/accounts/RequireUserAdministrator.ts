import { Effect } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import { UserAdministrationNotPermitted } from "./UserAdministrationNotPermitted.js"

/** The check every account-management use case makes first, before it reads or writes anything. */
export const requireUserAdministrator = (actor: Actor) =>
  Access.canAdministerUsers(actor)
    ? Effect.void
    : Effect.fail(new UserAdministrationNotPermitted({ actorId: actor.userId }))
