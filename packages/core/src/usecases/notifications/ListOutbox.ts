import { Effect } from "effect"
import type { Actor } from "../../Actor.js"
import type { Notification, NotificationStatus } from "../../model/Notification.js"
import { Outbox } from "../../ports/Outbox.js"
import { canSeeOutbox, OutboxNotPermitted } from "./OutboxNotPermitted.js"

/**
 * The Outbox page: messages newest first, optionally one status ("dead" is the dead-letter list).
 * In the embedded default nothing is really sent, and this is where CAP sees what would have been.
 */
export const listOutbox = (
  actor: Actor,
  filter: { readonly status?: NotificationStatus; readonly limit: number; readonly offset?: number }
): Effect.Effect<ReadonlyArray<Notification>, OutboxNotPermitted, Outbox> =>
  canSeeOutbox(actor)
    ? Effect.flatMap(Outbox, (outbox) => outbox.list(filter))
    : Effect.fail(new OutboxNotPermitted())
