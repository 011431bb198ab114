import { Effect, Option } from "effect"
import type { Actor } from "../../Actor.js"
import type { UserId } from "../../Ids.js"
import type { Organisation } from "../../model/Organisation.js"
import type { User } from "../../model/User.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { UserRepository } from "../../ports/UserRepository.js"
import { requireUserAdministrator } from "./RequireUserAdministrator.js"
import { UserNotFound } from "./UserNotFound.js"

export interface UserDetails {
  readonly user: User
  readonly organisation: Organisation
  /** False until the user has followed their set-up link. */
  readonly passwordSet: boolean
}

export const viewUser = (actor: Actor, userId: UserId) =>
  Effect.gen(function* () {
    yield* requireUserAdministrator(actor)
    const users = yield* UserRepository
    const user = yield* users.findById(userId)
    if (Option.isNone(user)) return yield* new UserNotFound({ userId })
    const organisation = yield* (yield* OrganisationRepository).findById(user.value.organisationId)
    if (Option.isNone(organisation)) return yield* new UserNotFound({ userId })
    const credentials = yield* users.getCredentials(userId)
    const details: UserDetails = {
      user: user.value,
      organisation: organisation.value,
      passwordSet: Option.isSome(credentials)
    }
    return details
  })
