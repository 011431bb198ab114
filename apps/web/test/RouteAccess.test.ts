import { Access, Ids, type OrgKind, type Role, User, UserRepository } from "@openap/core"
import { DateTime, Effect, Option, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { hashPassword } from "../src/adapters/Argon2PasswordHasher.js"
import { type Client, demo, demoPassword, makeTestApp, signedIn, type TestApp } from "./support/TestApp.js"

/**
 * Every route, with no session and as each role the service has. Expectations come from the core's
 * access policy, so a route that lets in someone the policy does not is caught here.
 */

let t: TestApp
const unknownId = "7d1b9f5e-3c9a-4b7e-9f0a-2d8c6e4b1a35"

interface Person {
  readonly label: string
  readonly email: string
  readonly who: Access.Who
}

const someOrganisation = Ids.OrganisationId.make("0b6f8a52-9f3e-4c1d-8a7b-5e2d1c0f9a84")

const people: Array<Person> = [
  {
    label: "CAP admin",
    email: demo["cap.admin"],
    who: { organisationId: someOrganisation, orgKind: "cap", roles: ["admin"] }
  },
  {
    label: "school CAP coordinator",
    email: demo["school.coordinator"],
    who: { organisationId: someOrganisation, orgKind: "school", roles: ["cap_coordinator"] }
  },
  {
    label: "school DSL",
    email: demo["school.dsl"],
    who: { organisationId: someOrganisation, orgKind: "school", roles: ["dsl"] }
  },
  {
    label: "provider CAP coordinator",
    email: demo["provider.coordinator"],
    who: { organisationId: someOrganisation, orgKind: "provider", roles: ["cap_coordinator"] }
  },
  {
    label: "provider DSL",
    email: demo["provider.dsl"],
    who: { organisationId: someOrganisation, orgKind: "provider", roles: ["dsl"] }
  },
  {
    label: "provider tutor",
    email: demo["provider.tutor"],
    who: { organisationId: someOrganisation, orgKind: "provider", roles: ["tutor"] }
  }
]

/** The council roles the demo data has no one for: added here, straight into the store. */
const addCapUser = (email: string, label: string, roles: ReadonlyArray<Role.Role>) =>
  Effect.gen(function* () {
    const users = yield* UserRepository.UserRepository
    const admin = yield* users.findByEmail(demo["cap.admin"])
    if (Option.isNone(admin)) return yield* Effect.dieMessage("no CAP admin in the demo data")
    const id = Ids.UserId.make(crypto.randomUUID())
    yield* users.create({
      id,
      organisationId: admin.value.organisationId,
      email: Schema.decodeSync(User.EmailAddress)(email),
      displayName: label,
      roles,
      disabled: false
    })
    const hash = yield* Effect.promise(() => hashPassword(demoPassword))
    yield* users.setPasswordHash(id, hash, yield* DateTime.now)
  })

beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(async () => t?.close())

describe("with no session", () => {
  it("every private route sends the browser to the sign-in page, whatever the method", async () => {
    const privateRoutes = t.app.served.filter((r) => !r.public)
    expect(privateRoutes.length).toBeGreaterThan(5)
    for (const route of privateRoutes) {
      const url = route.url.replace(/:[A-Za-z]+/g, unknownId)
      const response = await t.app.inject({ method: route.method as "GET", url })
      expect({
        route: `${route.method} ${route.url}`,
        status: response.statusCode,
        location: response.headers.location
      }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 303,
        location: "/sign-in"
      })
    }
  })

  it("an htmx request is told to go to the sign-in page rather than given it as a fragment", async () => {
    const response = await t.app.inject({ method: "GET", url: "/users", headers: { "hx-request": "true" } })
    expect(response.statusCode).toBe(204)
    expect(response.headers["hx-redirect"]).toBe("/sign-in")
  })

  it.each(["/sign-in", "/accessibility", "/healthz", "/set-password/some-token"])(
    "%s is public",
    async (url) => {
      expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(200)
    }
  )

  it("an unknown address is a 404 page in the GOV.UK layout", async () => {
    const response = await t.app.inject({ method: "GET", url: "/no-such-page" })
    expect(response.statusCode).toBe(404)
    expect(response.body).toContain("Page not found")
    expect(response.body).toContain("govuk-template__body")
  })
})

describe.each(people)("as a $label", (person) => {
  let client: Client
  const mayAdminister = Access.canAdministerUsers(person.who)
  beforeAll(async () => {
    client = await signedIn(t.app, person.email)
  })

  it("sees a home page and their account", async () => {
    expect((await client.get("/")).statusCode).toBe(200)
    expect((await client.get("/account")).statusCode).toBe(200)
  })

  it(`${mayAdminister ? "can" : "cannot"} use the user administration pages`, async () => {
    const expected = mayAdminister ? 200 : 403
    const admin = await signedIn(t.app, demo["cap.admin"])
    const list = await admin.get("/users")
    const someone = /href="(\/users\/[0-9a-f-]{36})"/.exec(list.body)?.[1]
    expect(someone).toBeDefined()
    for (const url of ["/users", "/users/new", `${someone}`, `${someone}/disable`]) {
      expect({ url, status: (await client.get(url)).statusCode }).toEqual({ url, status: expected })
    }
  })

  it(`${mayAdminister ? "sees" : "does not see"} Users in the navigation`, async () => {
    expect((await client.get("/")).body.includes('href="/users"')).toBe(mayAdminister)
  })

  it("never gets a server error from any page, whatever id is in its address", async () => {
    for (const route of t.app.served.filter((r) => r.method === "GET")) {
      const url = route.url.replace(/:[A-Za-z]+/g, unknownId)
      const status = (await client.get(url)).statusCode
      expect(status, `${url} answered ${status}`).toBeLessThan(500)
    }
  })
})

describe.each<[string, OrgKind.OrgKind, ReadonlyArray<Role.Role>]>([
  ["CAP coordinator", "cap", ["coordinator"]],
  ["monitoring officer", "cap", ["monitoring_officer"]]
])("as a %s", (label, orgKind, roles) => {
  let client: Client
  beforeAll(async () => {
    const email = `${label.replace(/\W/g, ".").toLowerCase()}@demo.openap.test`
    await t.runtime.runPromise(addCapUser(email, label, roles))
    client = await signedIn(t.app, email)
  })

  it("is refused user administration, as the policy says", async () => {
    expect(Access.canAdministerUsers({ organisationId: someOrganisation, orgKind, roles })).toBe(false)
    expect((await client.get("/users")).statusCode).toBe(403)
    expect((await client.post("/users/new", { organisation: unknownId })).statusCode).toBe(403)
  })
})
