import { DateTime, Effect, Option, Schema } from "effect"
import type { Actor } from "../../Actor.js"
import type { NotificationId } from "../../Ids.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { Outbox } from "../../ports/Outbox.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import { auditActor } from "../accounts/SignedIn.js"
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
): Effect.Effect<void, OutboxNotPermitted | NotDeadLettered, Outbox | AuditLog | UnitOfWork> =>
  Effect.gen(function* () {
    if (!canSeeOutbox(actor)) return yield* new OutboxNotPermitted()
    const outbox = yield* Outbox
    const message = yield* outbox.findById(id)
    if (Option.isNone(message) || message.value.status !== "dead")
      return yield* new NotDeadLettered({ notificationId: id })
    const now = yield* DateTime.now
    const audit = yield* AuditLog
    yield* (yield* UnitOfWork).transaction(
      Effect.zipRight(
        outbox.markFailed(id, `Sent again by user ${actor.userId} at ${DateTime.formatIso(now)}`, now),
        audit.append({
          actor: auditActor(actor),
          at: now,
          action: "notification-sent-again",
          subject: { type: "notification", id },
          detail: { kind: message.value.kind, attempts: message.value.attempts }
        })
      )
    )
  })
