import { Effect } from "effect"
import type { Actor } from "../../Actor.js"
import type { Organisation } from "../../model/Organisation.js"
import type { User } from "../../model/User.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { UserRepository } from "../../ports/UserRepository.js"
import { requireUserAdministrator } from "./RequireUserAdministrator.js"

export interface OrganisationUsers {
  readonly organisation: Organisation
  readonly users: ReadonlyArray<User>
}

/** Every organisation (A to Z) with its users, for the CAP admin's user list. */
export const listUsers = (actor: Actor) =>
  Effect.gen(function* () {
    yield* requireUserAdministrator(actor)
    const users = yield* UserRepository
    const organisations = yield* (yield* OrganisationRepository).list()
    return yield* Effect.forEach(organisations, (organisation) =>
      Effect.map(
        users.listByOrganisation(organisation.id),
        (members): OrganisationUsers => ({ organisation, users: members })
      )
    )
  })

/** The organisations an admin can create a user for, A to Z. */
export const listOrganisations = (actor: Actor) =>
  Effect.gen(function* () {
    yield* requireUserAdministrator(actor)
    return yield* (yield* OrganisationRepository).list()
  })
