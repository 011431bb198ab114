import { DateTime, Effect, Option, Schema } from "effect"
import type { Actor } from "../../Actor.js"
import type { NotificationId } from "../../Ids.js"
import { Outbox } from "../../ports/Outbox.js"
import { canSeeOutbox, OutboxNotPermitted } from "./OutboxNotPermitted.js"

/** Only a message on the dead-letter list can be sent again; anything else is still on its way. */
export class NotDeadLettered extends Schema.TaggedError<NotDeadLettered>()("NotDeadLettered", {
  notificationId: Schema.String
}) {}

/**
 * A CAP admin puts a dead-lettered message back in the queue, due now: after fixing what made it
 * fail, or, for an unconfirmed one, after checking that it never arrived. The person who chose to
 * send it again is recorded as its last error, so the list shows why it went round twice.
 */
export const sendAgain = (
  actor: Actor,
  id: NotificationId
): Effect.Effect<void, OutboxNotPermitted | NotDeadLettered, Outbox> =>
  Effect.gen(function* () {
    if (!canSeeOutbox(actor)) return yield* new OutboxNotPermitted()
    const outbox = yield* Outbox
    const message = yield* outbox.findById(id)
    if (Option.isNone(message) || message.value.status !== "dead")
      return yield* new NotDeadLettered({ notificationId: id })
    const now = yield* DateTime.now
    yield* outbox.markFailed(id, `Sent again by user ${actor.userId} at ${DateTime.formatIso(now)}`, now)
  })
