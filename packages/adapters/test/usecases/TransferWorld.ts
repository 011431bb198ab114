import {
  Actor,
  Ids,
  OrganisationRepository,
  type OrgKind,
  type Role,
  User,
  UserRepository
} from "@openap/core"
import { Effect, Stream } from "effect"

/**
 * A small council for secure file transfer: CAP, schools A and B, providers P and Q, and every
 * kind of person who might try to send or read a file. The clock stands at 10:00 London time on
 * Monday 6 October 2025.
 */
const id = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, "0")}`

export const orgs = {
  cap: Ids.OrganisationId.make(id(1)),
  schoolA: Ids.OrganisationId.make(id(2)),
  schoolB: Ids.OrganisationId.make(id(3)),
  providerP: Ids.OrganisationId.make(id(4)),
  providerQ: Ids.OrganisationId.make(id(5))
}
export type OrgName = keyof typeof orgs

export const kindOf: Record<OrgName, OrgKind.OrgKind> = {
  cap: "cap",
  schoolA: "school",
  schoolB: "school",
  providerP: "provider",
  providerQ: "provider"
}

export const nowMillis = Date.parse("2025-10-06T09:00:00Z")

let userCount = 100
const person = (org: OrgName, ...roles: Role.Role[]) =>
  Actor.Actor.make({
    userId: Ids.UserId.make(id(userCount++)),
    organisationId: orgs[org],
    orgKind: kindOf[org],
    roles
  })

export const people = {
  capAdmin: person("cap", "admin"),
  capCoordinator: person("cap", "coordinator"),
  capOfficer: person("cap", "monitoring_officer"),
  schoolACoordinator: person("schoolA", "cap_coordinator"),
  schoolADsl: person("schoolA", "dsl"),
  schoolBDsl: person("schoolB", "dsl"),
  providerPCoordinator: person("providerP", "cap_coordinator"),
  providerPDsl: person("providerP", "dsl"),
  providerPTutor: person("providerP", "tutor"),
  providerQCoordinator: person("providerQ", "cap_coordinator")
}
export type PersonName = keyof typeof people

const names: Record<OrgName, string> = {
  cap: "Coventry CAP",
  schoolA: "Alder School",
  schoolB: "Birch Academy",
  providerP: "Pathways Training",
  providerQ: "Quay Kitchens"
}

export const emailOf = (name: PersonName) => `${name.toLowerCase()}@example.org`

export const seed = Effect.gen(function* () {
  const organisations = yield* OrganisationRepository.OrganisationRepository
  for (const org of Object.keys(orgs) as Array<OrgName>)
    yield* organisations.create({ id: orgs[org], kind: kindOf[org], name: names[org] })
  const users = yield* UserRepository.UserRepository
  for (const [key, actor] of Object.entries(people) as Array<[PersonName, Actor.Actor]>)
    yield* users
      .create({
        id: actor.userId,
        organisationId: actor.organisationId,
        email: User.EmailAddress.make(emailOf(key)),
        displayName: `Person ${key}`,
        roles: actor.roles,
        disabled: false
      })
      .pipe(Effect.orDie)
})

/** A tiny but real PDF: the format check reads content, so test files must be what they claim. */
export const pdfBytes = (text: string) =>
  new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`
  )

export const bytesStream = (bytes: Uint8Array) => Stream.make(bytes)
