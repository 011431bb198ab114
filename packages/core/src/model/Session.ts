import { Schema } from "effect"
import { UserId } from "../Ids.js"

/**
 * The secret in the session cookie: at least 32 random characters, made by the web app. The store
 * keeps only its SHA-256, so a copy of the database cannot be used to take over a session.
 */
export const SessionId = Schema.String.pipe(Schema.minLength(32), Schema.brand("SessionId"))
export type SessionId = typeof SessionId.Type

/**
 * A signed-in session. `expiresAt` moves forward on every request (idle timeout); `absoluteExpiresAt`
 * never moves, so a stolen cookie cannot be kept alive for ever.
 */
export const Session = Schema.Struct({
  id: SessionId,
  userId: UserId,
  createdAt: Schema.DateTimeUtcFromSelf,
  lastSeenAt: Schema.DateTimeUtcFromSelf,
  expiresAt: Schema.DateTimeUtcFromSelf,
  absoluteExpiresAt: Schema.DateTimeUtcFromSelf
})
export type Session = typeof Session.Type
