import { AuditLog, Page, UserRepository } from "@openap/core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Client, demo, makeTestApp, signedIn, type TestApp } from "./support/TestApp.js"

/**
 * A POST without the form's CSRF token, or with someone else's, is refused with a 403 page and
 * changes nothing: no user, no session, no audit entry.
 */
let t: TestApp
let admin: Client
let target: { id: string; email: string }

const auditCount = () =>
  t.runtime.runPromise(
    Effect.flatMap(AuditLog.AuditLog, (log) => log.list({}, Page.first(1))).pipe(Effect.map((p) => p.total))
  )
const findUser = (email: string) =>
  t.runtime.runPromise(Effect.flatMap(UserRepository.UserRepository, (users) => users.findByEmail(email)))

beforeAll(async () => {
  t = await makeTestApp()
  admin = await signedIn(t.app, demo["cap.admin"])
  const user = Option.getOrThrow(await findUser(demo["other.provider"]))
  target = { id: user.id, email: user.email }
})
afterAll(async () => t?.close())

const attacks = [
  ["missing", "none"],
  ["wrong", { token: "not-a-token-this-service-made" }]
] as const

describe.each(attacks)("a POST with the CSRF token %s", (_name, csrf) => {
  it("is refused on every POST route the app serves", async () => {
    const posts = t.app.served.filter((r) => r.method === "POST")
    expect(posts.map((r) => r.url)).toEqual(expect.arrayContaining(["/sign-in", "/sign-out", "/users/new"]))
    for (const route of posts) {
      const url = route.url.replace(/:[A-Za-z]+/g, target.id)
      const response = await admin.post(url, {}, csrf)
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 })
      expect(response.body).toContain("Your form has expired")
    }
  })

  it("does not sign anyone in", async () => {
    const visitor = new Client(t.app)
    await visitor.get("/sign-in")
    const before = await auditCount()
    const response = await visitor.post(
      "/sign-in",
      { email: demo["school.dsl"], password: "openap-demo" },
      csrf
    )
    expect(response.statusCode).toBe(403)
    expect([...visitor.cookies.keys()].filter((name) => name.includes("session"))).toEqual([])
    expect(await auditCount()).toBe(before)
  })

  it("does not create a user", async () => {
    const form = await admin.get("/users/new")
    const organisation = /<option value="([0-9a-f-]{36})"/.exec(form.body)?.[1] ?? ""
    const before = await auditCount()
    const response = await admin.post(
      "/users/new",
      { organisation, displayName: "Mallory", email: "mallory@example.org", roles: ["admin"] },
      csrf
    )
    expect(response.statusCode).toBe(403)
    expect(Option.isNone(await findUser("mallory@example.org"))).toBe(true)
    expect(await auditCount()).toBe(before)
  })

  it("does not disable a user, nor end their session", async () => {
    const victim = await signedIn(t.app, demo["other.provider"])
    const response = await admin.post(`/users/${target.id}/disable`, {}, csrf)
    expect(response.statusCode).toBe(403)
    expect(Option.getOrThrow(await findUser(target.email)).disabled).toBe(false)
    expect((await victim.get("/")).statusCode).toBe(200)
  })

  it("does not sign the user out", async () => {
    const user = await signedIn(t.app, demo["school.coordinator"])
    expect((await user.post("/sign-out", {}, csrf)).statusCode).toBe(403)
    expect((await user.get("/")).statusCode).toBe(200)
  })
})

it("a token from another browser's cookie is refused", async () => {
  const other = new Client(t.app)
  const stolen = await other.csrfToken()
  const response = await admin.post(`/users/${target.id}/disable`, {}, { token: stolen })
  expect(response.statusCode).toBe(403)
  expect(Option.getOrThrow(await findUser(target.email)).disabled).toBe(false)
})
