import { DateTime, Effect, Option, Schema } from "effect"
import { AuditLog } from "../../ports/AuditLog.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { UserRepository } from "../../ports/UserRepository.js"
import { PasswordHasher } from "./PasswordHasher.js"
import type { SessionPolicy } from "./SessionPolicy.js"
import { auditActor } from "./SignedIn.js"
import * as SignInThrottle from "./SignInThrottle.js"
import { startSession } from "./StartSession.js"

/**
 * The email address or the password is wrong. Deliberately one error for both, and for an address
 * no account has, so that the sign-in page never tells anyone which addresses have accounts.
 */
export class SignInRefused extends Schema.TaggedError<SignInRefused>()("SignInRefused", {}) {}

/** Too many recent failures for this address or from this client; try again after `retryAfter`. */
export class SignInThrottled extends Schema.TaggedError<SignInThrottled>()("SignInThrottled", {
  retryAfter: Schema.DateTimeUtcFromSelf
}) {}

/**
 * The password was right but the council has disabled the account. Only someone who knows the
 * password learns this, and they need to know whom to ask.
 */
export class AccountDisabled extends Schema.TaggedError<AccountDisabled>()("AccountDisabled", {}) {}

export interface SignInRequest {
  readonly email: string
  readonly password: string
  /** The client's network address, for the per-address limit and the audit log. */
  readonly address: string
}

export const signIn = (request: SignInRequest, policy: SessionPolicy) =>
  Effect.gen(function* () {
    const now = yield* DateTime.now
    const attempts = yield* SignInThrottle.SignInAttempts
    const users = yield* UserRepository
    const hasher = yield* PasswordHasher
    const audit = yield* AuditLog
    const accountKey = SignInThrottle.accountKey(request.email)
    const addressKey = SignInThrottle.addressKey(request.address)
    const since = DateTime.subtractDuration(now, SignInThrottle.window)

    const locks = [
      SignInThrottle.lockedUntil(
        yield* attempts.failuresSince(accountKey, since),
        SignInThrottle.maxFailuresPerAccount,
        now
      ),
      SignInThrottle.lockedUntil(
        yield* attempts.failuresSince(addressKey, since),
        SignInThrottle.maxFailuresPerAddress,
        now
      )
    ].flatMap(Option.toArray)
    const retryAfter = locks.reduce<DateTime.Utc | undefined>(
      (latest, at) => (latest === undefined || DateTime.greaterThan(at, latest) ? at : latest),
      undefined
    )
    if (retryAfter !== undefined) return yield* new SignInThrottled({ retryAfter })

    const user = yield* users.findByEmail(request.email.trim().toLowerCase())
    const credentials = Option.isSome(user) ? yield* users.getCredentials(user.value.id) : Option.none()
    const matches = yield* hasher.verify(
      Option.map(credentials, (c) => c.passwordHash),
      request.password
    )
    if (Option.isNone(user) || !matches) {
      yield* attempts.recordFailure([accountKey, addressKey], now)
      if (Option.isSome(user)) {
        yield* audit.append({
          actor: { _tag: "System", name: "sign-in" },
          at: now,
          action: "sign-in-failed",
          subject: { type: "user", id: user.value.id },
          detail: { address: request.address }
        })
      }
      return yield* new SignInRefused()
    }
    if (user.value.disabled) {
      yield* audit.append({
        actor: { _tag: "System", name: "sign-in" },
        at: now,
        action: "sign-in-refused-disabled",
        subject: { type: "user", id: user.value.id },
        detail: { address: request.address }
      })
      return yield* new AccountDisabled()
    }

    const organisation = yield* (yield* OrganisationRepository).findById(user.value.organisationId)
    if (Option.isNone(organisation)) {
      return yield* Effect.dieMessage(`user ${user.value.id} belongs to no organisation`)
    }
    yield* attempts.clear(accountKey)
    const signedIn = yield* startSession(user.value, organisation.value, policy)
    yield* audit.append({
      actor: auditActor(signedIn.actor),
      at: now,
      action: "signed-in",
      subject: { type: "user", id: user.value.id },
      detail: { address: request.address }
    })
    return signedIn
  })
