import { Schema } from "effect"
import { OrganisationId, UserId } from "../Ids.js"
import { Role } from "../Role.js"

/** An email address as the store keys it: trimmed and lower-cased, so sign-in ignores case. */
export const EmailAddress = Schema.Lowercase.pipe(
  Schema.compose(Schema.Trim),
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/),
  Schema.brand("EmailAddress")
)
export type EmailAddress = typeof EmailAddress.Type

/**
 * A person who signs in, always on behalf of one organisation. The password hash is not here:
 * it lives apart (see UserRepository credentials) so that a user record can be shown, logged or
 * cached without carrying it.
 */
export const User = Schema.Struct({
  id: UserId,
  organisationId: OrganisationId,
  email: EmailAddress,
  displayName: Schema.NonEmptyTrimmedString,
  roles: Schema.Array(Role),
  disabled: Schema.Boolean
})
export type User = typeof User.Type

/** The stored password hash (argon2id, made by the web app) and when it was set. */
export const Credentials = Schema.Struct({
  userId: UserId,
  passwordHash: Schema.NonEmptyString,
  updatedAt: Schema.DateTimeUtcFromSelf
})
export type Credentials = typeof Credentials.Type
