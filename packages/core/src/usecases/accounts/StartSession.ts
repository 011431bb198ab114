import { DateTime, Effect } from "effect"
import { Actor } from "../../Actor.js"
import type { Organisation } from "../../model/Organisation.js"
import { SessionId } from "../../model/Session.js"
import type { User } from "../../model/User.js"
import { SessionStore } from "../../ports/SessionStore.js"
import { SecretGenerator } from "./SecretGenerator.js"
import type { SessionPolicy } from "./SessionPolicy.js"
import type { SignedIn } from "./SignedIn.js"

export const actorOf = (user: User, organisation: Organisation): Actor =>
  new Actor({
    userId: user.id,
    organisationId: user.organisationId,
    orgKind: organisation.kind,
    roles: user.roles
  })

/** A brand-new session with a fresh secret id: sign-in never reuses an id the browser already had. */
export const startSession = (user: User, organisation: Organisation, policy: SessionPolicy) =>
  Effect.gen(function* () {
    const now = yield* DateTime.now
    const sessionId = SessionId.make(yield* (yield* SecretGenerator).next)
    const absoluteExpiresAt = DateTime.addDuration(now, policy.absoluteTimeout)
    yield* (yield* SessionStore).create({
      id: sessionId,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: DateTime.min(DateTime.addDuration(now, policy.idleTimeout), absoluteExpiresAt),
      absoluteExpiresAt
    })
    const signedIn: SignedIn = { sessionId, user, organisation, actor: actorOf(user, organisation) }
    return signedIn
  })
