import { Schema } from "effect"
import { NotificationId } from "../Ids.js"

/** What a message says: already rendered, or a template name and its data for the worker to render. */
export const NotificationContent = Schema.Union(
  Schema.TaggedStruct("Rendered", {
    text: Schema.String,
    html: Schema.optional(Schema.String)
  }),
  Schema.TaggedStruct("Template", {
    template: Schema.NonEmptyString,
    data: Schema.Record({ key: Schema.String, value: Schema.Unknown })
  })
)
export type NotificationContent = typeof NotificationContent.Type

/**
 * pending: waiting for (re)delivery at `nextAttemptAt`; sending: claimed by a worker until
 * `claimedUntil`; sent; dead: gave up, shown in the dead-letter list.
 */
export const NotificationStatus = Schema.Literal("pending", "sending", "sent", "dead")
export type NotificationStatus = typeof NotificationStatus.Type

/**
 * A message in the outbox, written in the same transaction as the change that causes it. `key` is
 * unique: enqueueing the same key twice keeps one message, and the mailer uses it as the message id
 * so a retry after a crash cannot deliver a second copy.
 */
export const Notification = Schema.Struct({
  id: NotificationId,
  key: Schema.NonEmptyString,
  kind: Schema.NonEmptyString,
  recipients: Schema.Array(Schema.NonEmptyString),
  subject: Schema.String,
  content: NotificationContent,
  status: NotificationStatus,
  attempts: Schema.Int.pipe(Schema.nonNegative()),
  nextAttemptAt: Schema.DateTimeUtcFromSelf,
  claimedUntil: Schema.optional(Schema.DateTimeUtcFromSelf),
  /** Set by Outbox.markAttempted when the current claim started handing it to the mailer. */
  attemptedAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  sentAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  lastError: Schema.optional(Schema.String),
  createdAt: Schema.DateTimeUtcFromSelf
})
export type Notification = typeof Notification.Type
