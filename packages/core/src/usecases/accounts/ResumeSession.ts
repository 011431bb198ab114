import { DateTime, Effect, Option, Schema } from "effect"
import { SessionId } from "../../model/Session.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { SessionStore } from "../../ports/SessionStore.js"
import { UserRepository } from "../../ports/UserRepository.js"
import type { SessionPolicy } from "./SessionPolicy.js"
import type { SignedIn } from "./SignedIn.js"
import { actorOf } from "./StartSession.js"

/**
 * The session a request's cookie names, if it is still live, and its activity recorded. The user
 * is read afresh on every request, so a disabled user or a changed role takes effect at once.
 */
export const resumeSession = (cookieValue: string, policy: SessionPolicy) =>
  Effect.gen(function* () {
    const id = Schema.decodeUnknownOption(SessionId)(cookieValue)
    if (Option.isNone(id)) return Option.none<SignedIn>()
    const now = yield* DateTime.now
    const sessions = yield* SessionStore
    const session = yield* sessions.find(id.value, now)
    if (Option.isNone(session)) return Option.none<SignedIn>()
    const user = yield* (yield* UserRepository).findById(session.value.userId)
    const organisation = Option.isSome(user)
      ? yield* (yield* OrganisationRepository).findById(user.value.organisationId)
      : Option.none()
    if (Option.isNone(user) || user.value.disabled || Option.isNone(organisation)) {
      yield* sessions.delete(id.value)
      return Option.none<SignedIn>()
    }
    yield* sessions.touch(
      id.value,
      now,
      DateTime.min(DateTime.addDuration(now, policy.idleTimeout), session.value.absoluteExpiresAt)
    )
    return Option.some<SignedIn>({
      sessionId: id.value,
      user: user.value,
      organisation: organisation.value,
      actor: actorOf(user.value, organisation.value)
    })
  })
