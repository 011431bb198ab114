import { Context, type DateTime, type Effect, type Option } from "effect"
import type { UserId } from "../Ids.js"
import type { Session, SessionId } from "../model/Session.js"

/**
 * Signed-in sessions, kept in the database so that any web process can serve any request. The
 * store keeps a SHA-256 of the session id, never the id itself.
 */
export class SessionStore extends Context.Tag("openap/SessionStore")<
  SessionStore,
  {
    readonly create: (session: Session) => Effect.Effect<void>
    /** None when unknown or when `now` has reached `expiresAt` or `absoluteExpiresAt`. */
    readonly find: (id: SessionId, now: DateTime.Utc) => Effect.Effect<Option.Option<Session>>
    /** Records activity and moves the idle expiry (never past the absolute expiry). */
    readonly touch: (id: SessionId, now: DateTime.Utc, expiresAt: DateTime.Utc) => Effect.Effect<void>
    readonly delete: (id: SessionId) => Effect.Effect<void>
    /** Ends every session of a user at once: on disabling them or changing their password. */
    readonly deleteAllForUser: (userId: UserId) => Effect.Effect<void>
    /** Removes sessions that expired before `now`; returns how many. */
    readonly deleteExpired: (now: DateTime.Utc) => Effect.Effect<number>
  }
>() {}
