import type { DateTime } from "effect"
import { Context, type Effect, type Option, Schema } from "effect"
import type { OrganisationId, UserId } from "../Ids.js"
import type { Credentials, EmailAddress, User } from "../model/User.js"
import type { Role } from "../Role.js"

/** Email addresses are unique across the whole service: they are how people sign in. */
export class EmailAlreadyInUse extends Schema.TaggedError<EmailAlreadyInUse>()("EmailAlreadyInUse", {
  email: Schema.String
}) {}

/**
 * Users, their password hashes and their one-time password set-up tokens. Set-up tokens are
 * given to the store as issued (the secret in the emailed link); the store keeps only a SHA-256
 * of each, and a token can be consumed once, before it expires.
 */
export class UserRepository extends Context.Tag("openap/UserRepository")<
  UserRepository,
  {
    readonly create: (user: User) => Effect.Effect<void, EmailAlreadyInUse>
    readonly findById: (id: UserId) => Effect.Effect<Option.Option<User>>
    /** Case-insensitive: the address is compared lower-cased. */
    readonly findByEmail: (email: EmailAddress | string) => Effect.Effect<Option.Option<User>>
    /** An organisation's users by display name. */
    readonly listByOrganisation: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<User>>
    readonly setRoles: (id: UserId, roles: ReadonlyArray<Role>) => Effect.Effect<void>
    readonly setDisabled: (id: UserId, disabled: boolean) => Effect.Effect<void>
    readonly getCredentials: (id: UserId) => Effect.Effect<Option.Option<Credentials>>
    readonly setPasswordHash: (id: UserId, passwordHash: string, at: DateTime.Utc) => Effect.Effect<void>
    readonly createSetupToken: (token: {
      readonly token: string
      readonly userId: UserId
      readonly createdAt: DateTime.Utc
      readonly expiresAt: DateTime.Utc
    }) => Effect.Effect<void>
    /**
     * Uses up a token: the user it was issued to, or none when it is unknown, used or expired
     * (expired means `expiresAt` <= `now`). Of two concurrent calls with one token, one wins.
     */
    readonly consumeSetupToken: (token: string, now: DateTime.Utc) => Effect.Effect<Option.Option<UserId>>
  }
>() {}
