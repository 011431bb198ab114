import { UserRepository } from "@openap/core"
import { DateTime, Effect, HashMap, Layer, Option, Ref } from "effect"
import { sha256 } from "../Hash.js"
import { cmp, get, MemoryState, values } from "./MemoryState.js"

export const make = Effect.map(MemoryState, (state) =>
  UserRepository.UserRepository.of({
    create: (u) =>
      Ref.modify(state, (s) => {
        const email = u.email.toLowerCase()
        if (values(s.users).some((x) => x.email === email)) return [false, s] as const
        if (!HashMap.has(s.organisations, u.organisationId))
          throw new Error(`No organisation ${u.organisationId}`)
        return [
          true,
          { ...s, users: HashMap.set(s.users, u.id, { ...u, email: email as typeof u.email }) }
        ] as const
      }).pipe(
        Effect.flatMap((created) =>
          created ? Effect.void : Effect.fail(new UserRepository.EmailAlreadyInUse({ email: u.email }))
        )
      ),
    findById: (id) => Effect.map(Ref.get(state), (s) => HashMap.get(s.users, id)),
    findByEmail: (email) =>
      Effect.map(Ref.get(state), (s) => {
        const wanted = email.trim().toLowerCase()
        return Option.fromNullable(values(s.users).find((u) => u.email === wanted))
      }),
    listByOrganisation: (organisationId) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.users)
          .filter((u) => u.organisationId === organisationId)
          .sort((a, b) => cmp(a.displayName, b.displayName) || cmp(a.id, b.id))
      ),
    setRoles: (id, roles) =>
      Ref.update(state, (s) => {
        const user = get(s.users, id)
        return user === undefined
          ? s
          : { ...s, users: HashMap.set(s.users, id, { ...user, roles: [...roles] }) }
      }),
    setDisabled: (id, disabled) =>
      Ref.update(state, (s) => {
        const user = get(s.users, id)
        return user === undefined ? s : { ...s, users: HashMap.set(s.users, id, { ...user, disabled }) }
      }),
    getCredentials: (id) => Effect.map(Ref.get(state), (s) => HashMap.get(s.credentials, id)),
    setPasswordHash: (id, passwordHash, at) =>
      Ref.update(state, (s) => ({
        ...s,
        credentials: HashMap.set(s.credentials, id, { userId: id, passwordHash, updatedAt: at })
      })),
    createSetupToken: (t) =>
      Ref.update(state, (s) => ({
        ...s,
        setupTokens: HashMap.set(s.setupTokens, sha256(t.token), { userId: t.userId, expiresAt: t.expiresAt })
      })),
    consumeSetupToken: (token, now) =>
      Ref.modify(state, (s) => {
        const hash = sha256(token)
        const stored = get(s.setupTokens, hash)
        if (
          stored === undefined ||
          stored.usedAt !== undefined ||
          !DateTime.greaterThan(stored.expiresAt, now)
        ) {
          return [Option.none(), s] as const
        }
        return [
          Option.some(stored.userId),
          { ...s, setupTokens: HashMap.set(s.setupTokens, hash, { ...stored, usedAt: now }) }
        ] as const
      })
  })
)

export const layer = Layer.effect(UserRepository.UserRepository, make)
