import { Effect } from "effect"
import type { OrganisationId } from "../../Ids.js"
import { UserRepository } from "../../ports/UserRepository.js"
import type { Role } from "../../Role.js"

/**
 * The addresses of an organisation's active users who hold one of `roles`, sorted so the same
 * people always give the same recipient list. Disabled accounts get nothing.
 */
export const holdersOf = (
  organisationId: OrganisationId,
  roles: ReadonlyArray<Role>
): Effect.Effect<ReadonlyArray<string>, never, UserRepository> =>
  Effect.gen(function* () {
    const users = yield* (yield* UserRepository).listByOrganisation(organisationId)
    return users
      .filter((u) => !u.disabled && u.roles.some((r) => roles.includes(r)))
      .map((u) => u.email as string)
      .sort()
  })
