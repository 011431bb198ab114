import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { demoAccounts, FileStorageFs, Store, seedDemo } from "@openap/adapters"
import { Config, Duration, Effect, Layer, Option, Redacted } from "effect"
import type { FastifyInstance, LightMyRequestResponse } from "fastify"
import { buildApp } from "../../src/App.js"
import { makeRuntime, type StorageLayer } from "../../src/AppRuntime.js"
import type { WebConfig } from "../../src/WebConfig.js"

export const demoPassword = "openap-demo"
export const demo = Object.fromEntries(demoAccounts.map((a) => [a.email.split("@")[0], a.email])) as Record<
  | "cap.admin"
  | "school.coordinator"
  | "school.dsl"
  | "provider.coordinator"
  | "provider.dsl"
  | "provider.tutor"
  | "other.school"
  | "other.provider",
  string
>

/** The tests' DATABASE_URL: when set, suites that say so also run against that PostgreSQL. */
export const postgresServer = Effect.runSync(Config.option(Config.redacted("DATABASE_URL"))).pipe(
  Option.filter((url) => Redacted.value(url).trim() !== "")
)

export const testConfig = (overrides: Partial<WebConfig> = {}): WebConfig => ({
  port: 0,
  host: "127.0.0.1",
  publicUrl: "http://127.0.0.1:3000",
  serviceName: "Alternative Provision service",
  councilName: "Demo City Council",
  sessionIdleTimeout: Duration.minutes(30),
  cookieSecret: Option.some(Redacted.make("a test secret that is long enough to sign cookies")),
  secureCookies: false,
  trustProxy: false,
  ...overrides
})

export interface TestApp {
  readonly app: FastifyInstance
  readonly runtime: ReturnType<typeof makeRuntime>
  readonly logs: Array<string>
  readonly close: () => Promise<void>
}

/** File storage in a new temporary folder under a random master key, removed when the runtime is disposed. */
export const temporaryStorage = (): StorageLayer =>
  Layer.unwrapScoped(
    Effect.acquireRelease(
      Effect.promise(() => mkdtemp(join(tmpdir(), "openap-files-"))),
      (root) => Effect.promise(() => rm(root, { recursive: true, force: true }))
    ).pipe(
      Effect.map((root) =>
        FileStorageFs.layer({ root, masterKey: Redacted.make<Uint8Array>(randomBytes(32)) })
      )
    )
  )

/** The whole web app over a fresh database (embedded PGlite in memory unless given a store). */
export const makeTestApp = async (
  options: {
    readonly config?: Partial<WebConfig>
    readonly store?: Layer.Layer<Store.Services, unknown>
    /** Transferred files: a fresh temporary folder unless given. */
    readonly storage?: StorageLayer
    /** Load the demo council (default), or not when another process already has. */
    readonly seed?: boolean
  } = {}
): Promise<TestApp> => {
  const runtime = makeRuntime(
    options.store ?? Store.layerEmbeddedInMemory,
    options.storage ?? temporaryStorage()
  )
  if (options.seed !== false) await runtime.runPromise(seedDemo(demoPassword))
  const logs: Array<string> = []
  const app = await buildApp({
    config: testConfig(options.config),
    runtime,
    log: { level: "info", stream: { write: (line) => void logs.push(line) } }
  })
  await app.ready()
  return {
    app,
    runtime,
    logs,
    close: async () => {
      await app.close()
      await runtime.dispose()
    }
  }
}

/** A second web process on the same database: proves sessions live in the database, not in memory. */
export const secondApp = async (first: TestApp, config: Partial<WebConfig> = {}) => {
  const app = await buildApp({ config: testConfig(config), runtime: first.runtime })
  await app.ready()
  return app
}

type Form = Readonly<Record<string, string | ReadonlyArray<string>>>

const encode = (form: Form) => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(form)) {
    for (const v of typeof value === "string" ? [value] : value) params.append(key, v)
  }
  return params.toString()
}

/** A browser, as far as app.inject goes: keeps cookies, finds the CSRF token in forms. */
export class Client {
  readonly cookies = new Map<string, string>()
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ")
  }

  private keep(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as ReadonlyArray<{ name: string; value: string; expires?: Date }>) {
      if (cookie.value === "" || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now())) {
        this.cookies.delete(cookie.name)
      } else {
        this.cookies.set(cookie.name, cookie.value)
      }
    }
    return response
  }

  async get(url: string, headers: Readonly<Record<string, string>> = {}) {
    return this.keep(
      await this.app.inject({ method: "GET", url, headers: { ...headers, cookie: this.cookieHeader() } })
    )
  }

  /** A token as a page's form would carry it: the sign-in form's, or the sign-out button's once signed in. */
  async csrfToken() {
    for (const from of ["/account", "/sign-in"]) {
      const token = /name="_csrf" value="([^"]+)"/.exec((await this.get(from)).body)?.[1]
      if (token !== undefined) return token
    }
    throw new Error("no CSRF token on /account or /sign-in")
  }

  /** Posts a form with a valid CSRF token, unless `csrf` says to leave it out or send another. */
  async post(url: string, form: Form = {}, csrf: "valid" | "none" | { readonly token: string } = "valid") {
    const token = csrf === "valid" ? await this.csrfToken() : csrf === "none" ? undefined : csrf.token
    return this.keep(
      await this.app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
        payload: encode(token === undefined ? form : { ...form, _csrf: token })
      })
    )
  }

  async signIn(email: string, password = demoPassword) {
    const response = await this.post("/sign-in", { email, password })
    if (response.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${response.statusCode}`)
    return this
  }
}

export const signedIn = (app: FastifyInstance, email: string) => new Client(app).signIn(email)

/** The main content of a page, with tags and runs of white space removed, for readable assertions. */
export const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html)
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim()
