import { DateTime, Effect, Option, Schema } from "effect"
import { AuditLog } from "../../ports/AuditLog.js"
import { SessionStore } from "../../ports/SessionStore.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import { UserRepository } from "../../ports/UserRepository.js"
import { PasswordHasher } from "./PasswordHasher.js"
import * as PasswordPolicy from "./PasswordPolicy.js"

/** The link is unknown, used already, or too old. One error for all three: none helps an attacker. */
export class SetupLinkNotValid extends Schema.TaggedError<SetupLinkNotValid>()("SetupLinkNotValid", {}) {}

export class PasswordNotAccepted extends Schema.TaggedError<PasswordNotAccepted>()("PasswordNotAccepted", {
  problem: Schema.Literal("TooShort", "TooLong", "TooCommon")
}) {}

export class PasswordsDoNotMatch extends Schema.TaggedError<PasswordsDoNotMatch>()(
  "PasswordsDoNotMatch",
  {}
) {}

/**
 * Sets a password from a one-time link. The token is used up in the same transaction that stores
 * the hash, so a refused password (checked against the user's own details, which are only known
 * once the token is) leaves the link usable. Any sessions the user had are ended.
 */
export const setPassword = (token: string, password: string, confirmation: string) =>
  Effect.gen(function* () {
    const general = PasswordPolicy.check(password)
    if (Option.isSome(general)) return yield* new PasswordNotAccepted({ problem: general.value })
    if (password !== confirmation) return yield* new PasswordsDoNotMatch()
    const passwordHash = yield* (yield* PasswordHasher).hash(password)
    const users = yield* UserRepository
    const now = yield* DateTime.now
    return yield* (yield* UnitOfWork).transaction(
      Effect.gen(function* () {
        const userId = yield* users.consumeSetupToken(token, now)
        if (Option.isNone(userId)) return yield* new SetupLinkNotValid()
        const user = yield* users.findById(userId.value)
        if (Option.isNone(user) || user.value.disabled) return yield* new SetupLinkNotValid()
        const personal = [
          user.value.email,
          ...user.value.email.split(/[@.]/),
          ...user.value.displayName.split(/\s+/)
        ]
        const problem = PasswordPolicy.check(password, personal)
        if (Option.isSome(problem)) return yield* new PasswordNotAccepted({ problem: problem.value })
        yield* users.setPasswordHash(user.value.id, passwordHash, now)
        yield* (yield* SessionStore).deleteAllForUser(user.value.id)
        yield* (yield* AuditLog).append({
          actor: { _tag: "User", userId: user.value.id, organisationId: user.value.organisationId },
          at: now,
          action: "password-set",
          subject: { type: "user", id: user.value.id }
        })
        return user.value
      })
    )
  })
