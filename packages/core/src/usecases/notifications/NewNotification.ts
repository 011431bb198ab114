import { DateTime, Effect, Schema } from "effect"
import { NotificationId } from "../../Ids.js"
import type { Notification } from "../../model/Notification.js"
import { type IdGenerator, newId } from "../../ports/IdGenerator.js"
import { Outbox } from "../../ports/Outbox.js"

/** What a use case decides to send; the outbox adds id, status and timestamps. */
export interface Draft {
  /** Unique per message: the same key twice is one message (see Outbox.enqueue). */
  readonly key: string
  /** The email template (apps/worker/src/templates/<kind>.*.eta). */
  readonly kind: string
  readonly recipients: ReadonlyArray<string>
  readonly subject: string
  /** The template's data, encoded (JSON-safe), from the kind's schema. */
  readonly data: Readonly<Record<string, unknown>>
}

/** Encodes template data with its schema, so that the worker can decode it with the same one. */
export const encodeData = <A, I extends Readonly<Record<string, unknown>>>(
  schema: Schema.Schema<A, I>,
  data: A
): Readonly<Record<string, unknown>> => Schema.encodeSync(schema)(data)

/**
 * Puts a draft in the outbox, due now. Run it inside the UnitOfWork of the change that causes the
 * message. True if it was new; false if a message with the same key was already there.
 */
export const enqueue = (draft: Draft): Effect.Effect<boolean, never, Outbox | IdGenerator> =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const now = yield* DateTime.now
    const notification: Notification = {
      id: yield* newId(NotificationId),
      key: draft.key,
      kind: draft.kind,
      recipients: draft.recipients,
      subject: draft.subject,
      content: { _tag: "Template", template: draft.kind, data: { ...draft.data } },
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now
    }
    return yield* outbox.enqueue(notification)
  })
