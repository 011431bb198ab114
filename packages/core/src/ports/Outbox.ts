import { Context, type DateTime, type Effect, type Option } from "effect"
import type { NotificationId } from "../Ids.js"
import type { Notification, NotificationStatus } from "../model/Notification.js"

/**
 * The notification outbox. Enqueue inside the UnitOfWork of the change that causes the message, so
 * a message exists exactly when its change does. Workers claim due messages (on Postgres with
 * SKIP LOCKED, so several workers never claim the same one), then mark each sent, failed (retry
 * later) or dead.
 */
export class Outbox extends Context.Tag("openap/Outbox")<
  Outbox,
  {
    /** False when a message with the same key exists already (then nothing changes). */
    readonly enqueue: (notification: Notification) => Effect.Effect<boolean>
    /**
     * Claims up to `limit` messages that are pending with `nextAttemptAt` <= `now`, or were claimed
     * by a worker whose claim ran out (`claimedUntil` <= `now`): each becomes "sending" until
     * `claimedUntil` and its `attempts` goes up by one. Oldest due first.
     */
    readonly claimDue: (
      now: DateTime.Utc,
      limit: number,
      claimedUntil: DateTime.Utc
    ) => Effect.Effect<ReadonlyArray<Notification>>
    /**
     * Records, durably and before the mailer is called, that delivery of a claimed message has
     * begun. If the worker then dies, the next claim returns the message with `attemptedAt` set and
     * the worker knows the mail server may already hold it: it goes to the dead-letter list as
     * unconfirmed instead of being sent a second time. `markFailed` clears it (that attempt is
     * known not to have delivered anything).
     */
    readonly markAttempted: (id: NotificationId, at: DateTime.Utc) => Effect.Effect<void>
    readonly markSent: (id: NotificationId, at: DateTime.Utc) => Effect.Effect<void>
    /** Back to pending, to be tried again at `nextAttemptAt`. */
    readonly markFailed: (
      id: NotificationId,
      error: string,
      nextAttemptAt: DateTime.Utc
    ) => Effect.Effect<void>
    /** Given up: kept for the dead-letter list. */
    readonly markDead: (id: NotificationId, error: string) => Effect.Effect<void>
    readonly findById: (id: NotificationId) => Effect.Effect<Option.Option<Notification>>
    readonly findByKey: (key: string) => Effect.Effect<Option.Option<Notification>>
    /** Newest first, optionally only one status. */
    readonly list: (filter: {
      readonly status?: NotificationStatus
      readonly limit: number
      readonly offset?: number
    }) => Effect.Effect<ReadonlyArray<Notification>>
  }
>() {}
