import { SqlClient } from "@effect/sql"
import { type Ids, type Role, type User, UserRepository } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { sha256 } from "../Hash.js"
import { instant, instantParam, isUniqueViolation } from "./Values.js"

interface UserRow {
  readonly id: Ids.UserId
  readonly organisation_id: Ids.OrganisationId
  readonly email: User.EmailAddress
  readonly display_name: string
  readonly roles: ReadonlyArray<Role.Role>
  readonly disabled: boolean
}

const toUser = (r: UserRow): User.User => ({
  id: r.id,
  organisationId: r.organisation_id,
  email: r.email,
  displayName: r.display_name,
  roles: r.roles,
  disabled: r.disabled
})

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const one = (rows: ReadonlyArray<UserRow>) => Option.map(Option.fromNullable(rows[0]), toUser)
  return UserRepository.UserRepository.of({
    create: (u) =>
      sql`insert into users (id, organisation_id, email, display_name, roles, disabled)
        values (${u.id}, ${u.organisationId}, ${u.email.toLowerCase()}, ${u.displayName}, ${[...u.roles]}, ${u.disabled})`.pipe(
        Effect.asVoid,
        Effect.catchAll((error) =>
          isUniqueViolation(error, "users_email_key")
            ? Effect.fail(new UserRepository.EmailAlreadyInUse({ email: u.email }))
            : Effect.die(error)
        )
      ),
    findById: (id) => sql<UserRow>`select * from users where id = ${id}`.pipe(Effect.map(one), Effect.orDie),
    findByEmail: (email) =>
      sql<UserRow>`select * from users where email = ${email.trim().toLowerCase()}`.pipe(
        Effect.map(one),
        Effect.orDie
      ),
    listByOrganisation: (organisationId) =>
      sql<UserRow>`select * from users where organisation_id = ${organisationId} order by display_name, id`.pipe(
        Effect.map((rows) => rows.map(toUser)),
        Effect.orDie
      ),
    setRoles: (id, roles) =>
      sql`update users set roles = ${[...roles]} where id = ${id}`.pipe(Effect.asVoid, Effect.orDie),
    setDisabled: (id, disabled) =>
      sql`update users set disabled = ${disabled} where id = ${id}`.pipe(Effect.asVoid, Effect.orDie),
    getCredentials: (id) =>
      sql<{ user_id: Ids.UserId; password_hash: string; updated_at: Date }>`
        select * from user_credentials where user_id = ${id}`.pipe(
        Effect.map((rows) =>
          Option.map(Option.fromNullable(rows[0]), (r) => ({
            userId: r.user_id,
            passwordHash: r.password_hash,
            updatedAt: instant(r.updated_at)
          }))
        ),
        Effect.orDie
      ),
    setPasswordHash: (id, passwordHash, at) =>
      sql`insert into user_credentials (user_id, password_hash, updated_at)
        values (${id}, ${passwordHash}, ${instantParam(at)})
        on conflict (user_id) do update set password_hash = excluded.password_hash, updated_at = excluded.updated_at`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    createSetupToken: (t) =>
      sql`insert into setup_tokens (token_hash, user_id, created_at, expires_at)
        values (${sha256(t.token)}, ${t.userId}, ${instantParam(t.createdAt)}, ${instantParam(t.expiresAt)})`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    consumeSetupToken: (token, now) =>
      sql<{ user_id: Ids.UserId }>`update setup_tokens set used_at = ${instantParam(now)}
        where token_hash = ${sha256(token)} and used_at is null and expires_at > ${instantParam(now)}
        returning user_id`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), (r) => r.user_id)),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(UserRepository.UserRepository, make)
