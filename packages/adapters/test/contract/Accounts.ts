import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import { Ids, OrganisationRepository, type Session, SessionStore, UserRepository } from "@openap/core"
import { DateTime, type Duration, Effect, Either, Option } from "effect"
import type * as Store from "../../src/Store.js"
import { newId, nowInstant, setNow, user } from "./World.js"

const later = (d: Duration.DurationInput) => DateTime.addDuration(nowInstant, d)

export const organisations = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("organisations: create, find, update and list by kind", () =>
    Effect.gen(function* () {
      const repo = yield* OrganisationRepository.OrganisationRepository
      const id = yield* newId(Ids.OrganisationId)
      yield* repo.create({ id, kind: "provider", name: "Zephyr Outdoor Learning", address: "1 Park Road" })
      expect(yield* repo.findById(id)).toEqual(
        Option.some({ id, kind: "provider", name: "Zephyr Outdoor Learning", address: "1 Park Road" })
      )
      yield* repo.update({ id, kind: "provider", name: "Zephyr Outdoors", telephone: "024 7600 0000" })
      expect(yield* repo.findById(id)).toEqual(
        Option.some({ id, kind: "provider", name: "Zephyr Outdoors", telephone: "024 7600 0000" })
      )
      const providers = yield* repo.list("provider")
      expect(providers.some((o) => o.id === id)).toBe(true)
      expect(providers.every((o) => o.kind === "provider")).toBe(true)
      expect((yield* repo.list("school")).some((o) => o.id === id)).toBe(false)
      expect(yield* repo.isEmpty).toBe(false)
      expect(yield* repo.findById(yield* newId(Ids.OrganisationId))).toEqual(Option.none())
    })
  )
}

export const users = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("users: find by id and by email ignoring case; an email is used once", () =>
    Effect.gen(function* () {
      const repo = yield* UserRepository.UserRepository
      const orgs = yield* OrganisationRepository.OrganisationRepository
      const orgId = yield* newId(Ids.OrganisationId)
      yield* orgs.create({ id: orgId, kind: "school", name: "Cedar Academy" })
      const u = yield* user(orgId, ["dsl"], "dsl")
      expect(yield* repo.findById(u.id)).toEqual(Option.some(u))
      expect(yield* repo.findByEmail(`  ${u.email.toUpperCase()} `)).toEqual(Option.some(u))
      const clash = yield* Effect.either(
        repo.create({ ...u, id: yield* newId(Ids.UserId), email: u.email.toUpperCase() as typeof u.email })
      )
      expect(Either.isLeft(clash) && clash.left._tag).toBe("EmailAlreadyInUse")
      const second = yield* user(orgId, ["cap_coordinator", "dsl"], "another")
      expect((yield* repo.listByOrganisation(orgId)).map((x) => x.id)).toEqual([second.id, u.id])
      yield* repo.setRoles(u.id, ["cap_coordinator"])
      yield* repo.setDisabled(u.id, true)
      expect(yield* repo.findById(u.id)).toEqual(
        Option.some({ ...u, roles: ["cap_coordinator"], disabled: true })
      )
    })
  )

  it.effect("users: password hashes are kept apart and replaced", () =>
    Effect.gen(function* () {
      const repo = yield* UserRepository.UserRepository
      const orgs = yield* OrganisationRepository.OrganisationRepository
      const orgId = yield* newId(Ids.OrganisationId)
      yield* orgs.create({ id: orgId, kind: "cap", name: "CAP" })
      const u = yield* user(orgId, ["admin"], "admin")
      expect(yield* repo.getCredentials(u.id)).toEqual(Option.none())
      yield* repo.setPasswordHash(u.id, "$argon2id$first", nowInstant)
      yield* repo.setPasswordHash(u.id, "$argon2id$second", later("1 hour"))
      expect(yield* repo.getCredentials(u.id)).toEqual(
        Option.some({ userId: u.id, passwordHash: "$argon2id$second", updatedAt: later("1 hour") })
      )
    })
  )

  it.effect("users: a set-up token works once, only before it expires", () =>
    Effect.gen(function* () {
      const repo = yield* UserRepository.UserRepository
      const orgs = yield* OrganisationRepository.OrganisationRepository
      const orgId = yield* newId(Ids.OrganisationId)
      yield* orgs.create({ id: orgId, kind: "provider", name: "Oak Training" })
      const u = yield* user(orgId, ["tutor"], "tutor")
      const token = `tok-${yield* newId(Ids.UserId)}`
      yield* repo.createSetupToken({ token, userId: u.id, createdAt: nowInstant, expiresAt: later("1 day") })
      expect(yield* repo.consumeSetupToken("not-the-token", nowInstant)).toEqual(Option.none())
      expect(yield* repo.consumeSetupToken(token, later("1 hour"))).toEqual(Option.some(u.id))
      expect(yield* repo.consumeSetupToken(token, later("2 hours"))).toEqual(Option.none())
      const expiring = `tok-${yield* newId(Ids.UserId)}`
      yield* repo.createSetupToken({
        token: expiring,
        userId: u.id,
        createdAt: nowInstant,
        expiresAt: later("1 day")
      })
      expect(yield* repo.consumeSetupToken(expiring, later("1 day"))).toEqual(Option.none())
    })
  )
}

export const sessions = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  const session = (userId: Ids.UserId, id: string): Session.Session => ({
    id: id as Session.SessionId,
    userId,
    createdAt: nowInstant,
    lastSeenAt: nowInstant,
    expiresAt: later("30 minutes"),
    absoluteExpiresAt: later("12 hours")
  })

  it.effect(
    "sessions: found until idle or absolute expiry; touch moves the idle expiry, never past the absolute",
    () =>
      Effect.gen(function* () {
        yield* setNow()
        const store = yield* SessionStore.SessionStore
        const orgs = yield* OrganisationRepository.OrganisationRepository
        const orgId = yield* newId(Ids.OrganisationId)
        yield* orgs.create({ id: orgId, kind: "cap", name: "CAP" })
        const u = yield* user(orgId, ["coordinator"], "coord")
        const s = session(u.id, `s-${u.id}-${"x".repeat(32)}`)
        yield* store.create(s)
        expect(yield* store.find(s.id, later("29 minutes"))).toEqual(Option.some(s))
        expect(yield* store.find(s.id, later("30 minutes"))).toEqual(Option.none())
        yield* store.touch(s.id, later("20 minutes"), later("50 minutes"))
        expect(yield* store.find(s.id, later("45 minutes"))).toEqual(
          Option.some({ ...s, lastSeenAt: later("20 minutes"), expiresAt: later("50 minutes") })
        )
        yield* store.touch(s.id, later("11 hours"), later("13 hours"))
        expect(Option.map(yield* store.find(s.id, later("11 hours")), (x) => x.expiresAt)).toEqual(
          Option.some(later("12 hours"))
        )
        expect(yield* store.find(`${s.id}y` as Session.SessionId, nowInstant)).toEqual(Option.none())
      })
  )

  it.effect("sessions: delete one, all of a user, and the expired", () =>
    Effect.gen(function* () {
      const store = yield* SessionStore.SessionStore
      const orgs = yield* OrganisationRepository.OrganisationRepository
      const orgId = yield* newId(Ids.OrganisationId)
      yield* orgs.create({ id: orgId, kind: "school", name: "Elm School" })
      const u = yield* user(orgId, ["dsl"], "dsl")
      const other = yield* user(orgId, ["cap_coordinator"], "coordinator")
      const [a, b, c] = [1, 2, 3].map((n) => session(u.id, `${n}-${u.id}-${"z".repeat(32)}`)) as [
        Session.Session,
        Session.Session,
        Session.Session
      ]
      const theirs = session(other.id, `${other.id}-${"q".repeat(32)}`)
      for (const s of [a, b, c, theirs]) yield* store.create(s)
      yield* store.delete(a.id)
      expect(yield* store.find(a.id, nowInstant)).toEqual(Option.none())
      expect(Option.isSome(yield* store.find(b.id, nowInstant))).toBe(true)
      yield* store.deleteAllForUser(u.id)
      expect(yield* store.find(b.id, nowInstant)).toEqual(Option.none())
      expect(yield* store.find(c.id, nowInstant)).toEqual(Option.none())
      expect(Option.isSome(yield* store.find(theirs.id, nowInstant))).toBe(true)
      const removed = yield* store.deleteExpired(later("31 minutes"))
      expect(removed).toBeGreaterThanOrEqual(1)
      expect(yield* store.find(theirs.id, nowInstant)).toEqual(Option.none())
    })
  )
}
