import type { Actor } from "../../Actor.js"
import type { AuditActor } from "../../model/AuditEntry.js"
import type { Organisation } from "../../model/Organisation.js"
import type { SessionId } from "../../model/Session.js"
import type { User } from "../../model/User.js"

/** A live session and whom it belongs to: what every signed-in request starts from. */
export interface SignedIn {
  readonly sessionId: SessionId
  readonly user: User
  readonly organisation: Organisation
  readonly actor: Actor
}

export const auditActor = (actor: Pick<Actor, "userId" | "organisationId">): AuditActor => ({
  _tag: "User",
  userId: actor.userId,
  organisationId: actor.organisationId
})
