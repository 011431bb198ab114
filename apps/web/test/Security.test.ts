import { Store } from "@openap/adapters"
import { OrganisationRepository } from "@openap/core"
import { Effect, Exit, Layer, Option, Scope } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildApp } from "../src/App.js"
import { makeRuntime } from "../src/AppRuntime.js"
import type { Journey } from "../src/Journey.js"
import {
  Client,
  demo,
  makeTestApp,
  postgresServer,
  secondApp,
  signedIn,
  type TestApp,
  temporaryStorage,
  testConfig
} from "./support/TestApp.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(async () => t?.close())

describe("response headers", () => {
  it("send a strict Content Security Policy: no inline script or style, no framing", async () => {
    const response = await t.app.inject({ method: "GET", url: "/sign-in" })
    const csp = String(response.headers["content-security-policy"])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain("unsafe-inline")
    expect(csp).not.toContain("unsafe-eval")
    expect(response.headers["x-content-type-options"]).toBe("nosniff")
    expect(response.headers["referrer-policy"]).toBe("no-referrer")
  })

  it("keep pages out of caches, since they hold personal data", async () => {
    const client = await signedIn(t.app, demo["school.dsl"])
    expect((await client.get("/account")).headers["cache-control"]).toBe("no-store")
  })

  it("pages carry no inline script or style for the CSP to refuse", async () => {
    const client = await signedIn(t.app, demo["cap.admin"])
    for (const url of [
      "/sign-in",
      "/",
      "/account",
      "/users",
      "/users/new",
      "/accessibility",
      "/no-such-page"
    ]) {
      const html = (await client.get(url)).body
      expect(html, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
      expect(html, url).not.toMatch(/<style[\s>]/)
      expect(html, url).not.toMatch(/\sstyle="/)
      expect(html, url).not.toMatch(/\son[a-z]+="/)
    }
  })

  it("serve GOV.UK Frontend's files, htmx and the app's own, and nothing else from those packages", async () => {
    for (const url of [
      "/static/govuk/govuk-frontend.min.css",
      "/static/govuk/govuk-frontend.min.js",
      "/static/htmx/htmx.min.js",
      "/static/app.js",
      "/static/js-enabled.js",
      "/assets/images/favicon.ico"
    ]) {
      expect({ url, status: (await t.app.inject({ method: "GET", url })).statusCode }).toEqual({
        url,
        status: 200
      })
    }
    expect((await t.app.inject({ method: "GET", url: "/static/govuk/template.njk" })).statusCode).toBe(404)
    expect((await t.app.inject({ method: "GET", url: "/static/htmx/htmx.js" })).statusCode).toBe(404)
  })
})

describe("off localhost", () => {
  it("marks cookies Secure, names the session cookie __Host-, and upgrades insecure requests", async () => {
    const app = await secondApp(t, { publicUrl: "https://ap.council.example", secureCookies: true })
    try {
      const client = new Client(app)
      const page = await client.get("/sign-in")
      expect(String(page.headers["content-security-policy"])).toContain("upgrade-insecure-requests")
      expect(page.headers["strict-transport-security"]).toMatch(/max-age=31536000/)
      const response = await client.post("/sign-in", { email: demo["school.dsl"], password: "openap-demo" })
      const cookies = [response.headers["set-cookie"]].flat().filter((c): c is string => c !== undefined)
      const session = cookies.find((c) => c.startsWith("__Host-openap_session="))
      expect(session).toMatch(/; Secure/)
      expect(session).toMatch(/; HttpOnly/)
      expect(session).toMatch(/; SameSite=Lax/)
      expect(cookies.every((c) => c.includes("; Secure"))).toBe(true)
    } finally {
      await app.close()
    }
  })
})

describe("htmx", () => {
  it("gets only the page's content for an htmx request, and the whole page otherwise", async () => {
    const client = await signedIn(t.app, demo["cap.admin"])
    const full = await client.get("/users")
    const fragment = await client.get("/users", { "hx-request": "true" })
    expect(full.headers.vary).toContain("HX-Request")
    expect(full.body).toContain("<!DOCTYPE html>")
    expect(fragment.body).not.toContain("<!DOCTYPE html>")
    expect(fragment.body).not.toContain("govuk-service-navigation")
    expect(fragment.body).toContain('id="user-groups"')
  })
})

describe("errors", () => {
  it("a failure on a public route is a 500 page in the GOV.UK layout, logged without the query", async () => {
    const logs: Array<string> = []
    const publicFailing: Journey = {
      name: "failing",
      routes: (app) => {
        app.get("/boom", { config: { public: true } }, async () => {
          throw new Error("something broke")
        })
      }
    }
    const app = await buildApp({
      config: testConfig(),
      runtime: t.runtime,
      journeys: [publicFailing],
      log: { level: "info", stream: { write: (line) => void logs.push(line) } }
    })
    try {
      const response = await app.inject({ method: "GET", url: "/boom?password=hunter2hunter2" })
      expect(response.statusCode).toBe(500)
      expect(response.body).toContain("Sorry, there is a problem with the service")
      expect(response.body).toContain("govuk-footer")
      expect(response.body).not.toContain("something broke")
      expect(logs.join("")).toContain("something broke")
      expect(logs.join("")).not.toContain("hunter2")
    } finally {
      await app.close()
    }
  })
})

describe("/healthz", () => {
  it("is 200 while the database answers", async () => {
    const response = await t.app.inject({ method: "GET", url: "/healthz" })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: "ok", database: "reachable" })
  })

  it("is 503 when the database does not answer", async () => {
    const down = Layer.succeed(OrganisationRepository.OrganisationRepository, {
      ...(await t.runtime.runPromise(OrganisationRepository.OrganisationRepository)),
      isEmpty: Effect.die(new Error("connection refused"))
    })
    const runtime = makeRuntime(Layer.merge(Store.layerEmbeddedInMemory, down), temporaryStorage())
    const app = await buildApp({ config: testConfig(), runtime })
    try {
      const response = await app.inject({ method: "GET", url: "/healthz" })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({ status: "unavailable", database: "unreachable" })
    } finally {
      await app.close()
      await runtime.dispose()
    }
  })
})

// Two web processes, each with its own runtime and connection pool, on one PostgreSQL database:
// what running several web processes behind a load balancer relies on.
if (Option.isSome(postgresServer)) {
  const server = postgresServer.value
  describe("on PostgreSQL (DATABASE_URL)", () => {
    it("a session made by one web process is honoured by another, and ended for both at sign-out", async () => {
      const scope = Effect.runSync(Scope.make())
      const url = await Effect.runPromise(Scope.extend(Store.freshDatabase(server), scope))
      const first = await makeTestApp({ store: Store.layerPostgres(url, 2) })
      const second = await makeTestApp({ store: Store.layerPostgres(url, 2), seed: false })
      try {
        const client = await signedIn(first.app, demo["school.dsl"])
        const there = new Client(second.app)
        for (const [name, value] of client.cookies) there.cookies.set(name, value)
        expect((await there.get("/account")).statusCode).toBe(200)
        await client.post("/sign-out")
        expect((await there.get("/account")).statusCode).toBe(303)
      } finally {
        await second.close()
        await first.close()
        await Effect.runPromise(Scope.close(scope, Exit.void))
      }
    })
  })
}
