import { SqlClient } from "@effect/sql"
import { type Ids, type Notification, Outbox } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { instant, instantParam, optional } from "./Values.js"

interface NotificationRow {
  readonly id: Ids.NotificationId
  readonly key: string
  readonly kind: string
  readonly recipients: ReadonlyArray<string>
  readonly subject: string
  readonly content: Notification.NotificationContent
  readonly status: Notification.NotificationStatus
  readonly attempts: number
  readonly next_attempt_at: Date
  readonly claimed_until: Date | null
  readonly attempted_at: Date | null
  readonly sent_at: Date | null
  readonly last_error: string | null
  readonly created_at: Date
}

const toNotification = (r: NotificationRow): Notification.Notification => ({
  id: r.id,
  key: r.key,
  kind: r.kind,
  recipients: r.recipients,
  subject: r.subject,
  content: r.content,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: instant(r.next_attempt_at),
  ...optional("claimedUntil", r.claimed_until === null ? null : instant(r.claimed_until)),
  ...optional("attemptedAt", r.attempted_at === null ? null : instant(r.attempted_at)),
  ...optional("sentAt", r.sent_at === null ? null : instant(r.sent_at)),
  ...optional("lastError", r.last_error),
  createdAt: instant(r.created_at)
})

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const one = (rows: ReadonlyArray<NotificationRow>) =>
    Option.map(Option.fromNullable(rows[0]), toNotification)
  return Outbox.Outbox.of({
    enqueue: (n) =>
      sql<{
        id: string
      }>`insert into notifications (id, key, kind, recipients, subject, content, status, attempts,
          next_attempt_at, claimed_until, attempted_at, sent_at, last_error, created_at)
        values (${n.id}, ${n.key}, ${n.kind}, ${[...n.recipients]}, ${n.subject}, ${JSON.stringify(n.content)}::jsonb,
          ${n.status}, ${n.attempts}, ${instantParam(n.nextAttemptAt)},
          ${n.claimedUntil === undefined ? null : instantParam(n.claimedUntil)},
          ${n.attemptedAt === undefined ? null : instantParam(n.attemptedAt)},
          ${n.sentAt === undefined ? null : instantParam(n.sentAt)}, ${n.lastError ?? null}, ${instantParam(n.createdAt)})
        on conflict (key) do nothing returning id`.pipe(
        Effect.map((rows) => rows.length === 1),
        Effect.orDie
      ),
    claimDue: (now, limit, claimedUntil) =>
      sql<NotificationRow>`update notifications
        set status = 'sending', claimed_until = ${instantParam(claimedUntil)}, attempts = attempts + 1
        where id in (
          select id from notifications
          where (status = 'pending' and next_attempt_at <= ${instantParam(now)})
            or (status = 'sending' and claimed_until <= ${instantParam(now)})
          order by next_attempt_at, created_at, id
          limit ${limit}
          for update skip locked)
        returning *`.pipe(
        Effect.map((rows) =>
          rows
            .map(toNotification)
            .sort(
              (a, b) =>
                a.nextAttemptAt.epochMillis - b.nextAttemptAt.epochMillis ||
                a.createdAt.epochMillis - b.createdAt.epochMillis ||
                a.id.localeCompare(b.id)
            )
        ),
        Effect.orDie
      ),
    markAttempted: (id, at) =>
      sql`update notifications set attempted_at = ${instantParam(at)} where id = ${id}`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    markSent: (id, at) =>
      sql`update notifications set status = 'sent', sent_at = ${instantParam(at)}, claimed_until = null
        where id = ${id}`.pipe(Effect.asVoid, Effect.orDie),
    markFailed: (id, error, nextAttemptAt) =>
      sql`update notifications set status = 'pending', last_error = ${error},
        next_attempt_at = ${instantParam(nextAttemptAt)}, claimed_until = null, attempted_at = null where id = ${id}`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    markDead: (id, error) =>
      sql`update notifications set status = 'dead', last_error = ${error}, claimed_until = null where id = ${id}`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    findById: (id) =>
      sql<NotificationRow>`select * from notifications where id = ${id}`.pipe(Effect.map(one), Effect.orDie),
    findByKey: (key) =>
      sql<NotificationRow>`select * from notifications where key = ${key}`.pipe(
        Effect.map(one),
        Effect.orDie
      ),
    list: (f) =>
      sql<NotificationRow>`select * from notifications
        where ${f.status === undefined ? sql`true` : sql`status = ${f.status}`}
        order by created_at desc, id limit ${f.limit} offset ${f.offset ?? 0}`.pipe(
        Effect.map((rows) => rows.map(toNotification)),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(Outbox.Outbox, make)
