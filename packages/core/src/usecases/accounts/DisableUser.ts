import { DateTime, Effect, Option, Schema } from "effect"
import type { Actor } from "../../Actor.js"
import type { UserId } from "../../Ids.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { SessionStore } from "../../ports/SessionStore.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import { UserRepository } from "../../ports/UserRepository.js"
import { requireUserAdministrator } from "./RequireUserAdministrator.js"
import { auditActor } from "./SignedIn.js"
import { UserNotFound } from "./UserNotFound.js"

/** An admin disabling their own account would lock the council out of its own service. */
export class CannotDisableSelf extends Schema.TaggedError<CannotDisableSelf>()("CannotDisableSelf", {}) {}

/** Disables a user and ends every session they have, so they are signed out on their next click. */
export const disableUser = (actor: Actor, userId: UserId) =>
  Effect.gen(function* () {
    yield* requireUserAdministrator(actor)
    if (userId === actor.userId) return yield* new CannotDisableSelf()
    const users = yield* UserRepository
    const user = yield* users.findById(userId)
    if (Option.isNone(user)) return yield* new UserNotFound({ userId })
    if (user.value.disabled) return user.value
    const now = yield* DateTime.now
    yield* (yield* UnitOfWork).transaction(
      Effect.gen(function* () {
        yield* users.setDisabled(userId, true)
        yield* (yield* SessionStore).deleteAllForUser(userId)
        yield* (yield* AuditLog).append({
          actor: auditActor(actor),
          at: now,
          action: "user-disabled",
          subject: { type: "user", id: userId }
        })
      })
    )
    return { ...user.value, disabled: true }
  })
