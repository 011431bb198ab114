import { SqlClient } from "@effect/sql"
import { type Ids, type Session, SessionStore } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { sha256 } from "../Hash.js"
import { instant, instantParam } from "./Values.js"

interface SessionRow {
  readonly user_id: Ids.UserId
  readonly created_at: Date
  readonly last_seen_at: Date
  readonly expires_at: Date
  readonly absolute_expires_at: Date
}

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return SessionStore.SessionStore.of({
    create: (s) =>
      sql`insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at, absolute_expires_at)
        values (${sha256(s.id)}, ${s.userId}, ${instantParam(s.createdAt)}, ${instantParam(s.lastSeenAt)},
          ${instantParam(s.expiresAt)}, ${instantParam(s.absoluteExpiresAt)})`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    find: (id, now) =>
      sql<SessionRow>`select * from sessions where id_hash = ${sha256(id)}
        and expires_at > ${instantParam(now)} and absolute_expires_at > ${instantParam(now)}`.pipe(
        Effect.map((rows) =>
          Option.map(
            Option.fromNullable(rows[0]),
            (r): Session.Session => ({
              id,
              userId: r.user_id,
              createdAt: instant(r.created_at),
              lastSeenAt: instant(r.last_seen_at),
              expiresAt: instant(r.expires_at),
              absoluteExpiresAt: instant(r.absolute_expires_at)
            })
          )
        ),
        Effect.orDie
      ),
    touch: (id, now, expiresAt) =>
      sql`update sessions set last_seen_at = ${instantParam(now)},
        expires_at = least(${instantParam(expiresAt)}::timestamptz, absolute_expires_at)
        where id_hash = ${sha256(id)}`.pipe(Effect.asVoid, Effect.orDie),
    delete: (id) => sql`delete from sessions where id_hash = ${sha256(id)}`.pipe(Effect.asVoid, Effect.orDie),
    deleteAllForUser: (userId) =>
      sql`delete from sessions where user_id = ${userId}`.pipe(Effect.asVoid, Effect.orDie),
    deleteExpired: (now) =>
      sql<{ id_hash: string }>`delete from sessions
        where expires_at <= ${instantParam(now)} or absolute_expires_at <= ${instantParam(now)} returning id_hash`.pipe(
        Effect.map((rows) => rows.length),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(SessionStore.SessionStore, make)
