import { Schema } from "effect"
import type { Actor } from "../../Actor.js"

/** The outbox holds every message about every child: only CAP admins may read or act on it. */
export class OutboxNotPermitted extends Schema.TaggedError<OutboxNotPermitted>()("OutboxNotPermitted", {}) {}

export const canSeeOutbox = (actor: Pick<Actor, "orgKind" | "roles">): boolean =>
  actor.orgKind === "cap" && actor.roles.includes("admin")
