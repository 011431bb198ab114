import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Config, ConfigProvider, Effect } from "effect"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { expect } from "vitest"
import { type RunningServer, startServer } from "../../src/Server.js"

const require = createRequire(import.meta.url)

/** Debian's chromium (apt), never a browser downloaded by Playwright. */
export const chromiumPath = Effect.runSync(
  Config.string("CHROMIUM_PATH").pipe(Config.withDefault("/usr/bin/chromium"))
)

/**
 * Makes sure Chromium is there: on a fresh Debian machine, run as root (CI), it installs Debian's
 * package; anywhere else it fails, saying what to install. Never skips.
 */
export const ensureChromium = () => {
  if (existsSync(chromiumPath)) return
  const canInstall =
    chromiumPath === "/usr/bin/chromium" && process.getuid?.() === 0 && existsSync("/etc/debian_version")
  if (!canInstall) {
    throw new Error(
      `Chromium is not at ${chromiumPath}. Install Debian's package (sudo apt-get install chromium) ` +
        "or set CHROMIUM_PATH to a Chromium or Chrome executable."
    )
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  // Two test files may get here at once: apt waits for the other's lock instead of failing.
  const wait = ["-o", "DPkg::Lock::Timeout=600"]
  execFileSync("apt-get", [...wait, "update", "-qq"], { env, stdio: "inherit" })
  execFileSync("apt-get", [...wait, "install", "-y", "-qq", "chromium"], { env, stdio: "inherit" })
  if (!existsSync(chromiumPath))
    throw new Error(`apt-get installed chromium but ${chromiumPath} is still missing`)
}

export const launchBrowser = async (): Promise<Browser> => {
  ensureChromium()
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
}

export interface TestServer extends RunningServer {
  readonly dataDir: string
}

/**
 * The real service, as `pnpm start` runs it, on a random port and a fresh embedded database;
 * without its in-process worker unless asked for.
 */
export const startTestServer = async (options: { readonly worker?: boolean } = {}): Promise<TestServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), "openap-browser-"))
  const configProvider = ConfigProvider.fromMap(
    new Map([
      ["DATA_DIR", dataDir],
      ["PORT", "0"],
      ["HOST", "127.0.0.1"]
    ])
  )
  const server = await startServer({ configProvider, worker: options.worker ?? false }).catch(
    (error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true })
      throw error
    }
  )
  return {
    ...server,
    dataDir,
    stop: async () => {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8")
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
const runAxe = `${axeSource};axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(wcagTags)} }, resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`

export interface Violation {
  readonly url: string
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: ReadonlyArray<string>
}

type Found = ReadonlyArray<Omit<Violation, "url">>

/**
 * axe needs JavaScript, which a JavaScript-off page does not run. This one page (scripts allowed,
 * CSP bypassed so axe can be injected) is handed the HTML the other page showed, under the same
 * URL, with the app's own scripts refused: axe then sees exactly what the JavaScript-off visitor
 * saw, styles included. One per browser, reused for every check.
 */
export class AxeWithoutScripts {
  private readonly documents = new Map<string, string>()
  private constructor(private readonly page: Page) {}

  static async open(browser: Browser) {
    const context = await browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    const runner = new AxeWithoutScripts(page)
    await page.route("**/*", (route) => {
      const request = route.request()
      const html = runner.documents.get(request.url())
      if (html !== undefined && request.resourceType() === "document") {
        return route.fulfill({ body: html, contentType: "text/html; charset=utf-8" })
      }
      return request.resourceType() === "script" ? route.abort() : route.continue()
    })
    return runner
  }

  async check(url: string, html: string): Promise<Found> {
    this.documents.set(url, html)
    try {
      await this.page.goto(url, { waitUntil: "load" })
      return (await this.page.evaluate(runAxe)) as Found
    } finally {
      this.documents.delete(url)
    }
  }

  close() {
    return this.page.context().close()
  }
}

/**
 * One person's visit: a fresh browser context (JavaScript on or off) and a record of every page
 * it arrived at, each checked with axe-core against WCAG 2.2 A and AA. With JavaScript on, script
 * errors and CSP refusals are recorded too; with it on or off, any file the page failed to load.
 */
export class Journey {
  readonly violations: Array<Violation> = []
  readonly scriptErrors: Array<string> = []
  readonly visited: Array<string> = []

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly js: boolean,
    private readonly axeWithoutScripts: AxeWithoutScripts
  ) {}

  static async start(browser: Browser, baseUrl: string, js: boolean, axeWithoutScripts: AxeWithoutScripts) {
    const context = await browser.newContext({ javaScriptEnabled: js, baseURL: baseUrl })
    const page = await context.newPage()
    const journey = new Journey(context, page, js, axeWithoutScripts)
    page.on("pageerror", (error) => journey.scriptErrors.push(`${page.url()}: ${error.message}`))
    page.on("console", (message) => {
      // A page's own status (a form answered 400) is reported as a failed load: not an error here.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        journey.scriptErrors.push(`${page.url()}: ${message.text()}`)
      }
    })
    page.on("response", (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== "document") {
        journey.scriptErrors.push(`${response.url()} answered ${response.status()}`)
      }
    })
    return journey
  }

  /** The path of the page the browser is on, without the query. */
  path() {
    return new URL(this.page.url()).pathname
  }

  /** Called by page objects on arriving at a page: waits for it, then checks its accessibility. */
  async arrived() {
    await this.page.waitForLoadState("load")
    const url = this.page.url()
    this.visited.push(new URL(url).pathname)
    const found = this.js
      ? ((await this.page.evaluate(runAxe)) as Found)
      : await this.axeWithoutScripts.check(url, await this.page.content())
    for (const v of found) this.violations.push({ url, ...v })
  }

  async end() {
    await this.context.close()
  }
}

/** Insists every page a journey visited was accessible and free of script errors. */
export const expectChecked = (journey: Journey) => {
  expect(journey.visited.length).toBeGreaterThan(0)
  expect(journey.violations).toEqual([])
  expect(journey.scriptErrors).toEqual([])
}

/**
 * A test file's browser, with the page its JavaScript-off journeys are checked on, and the
 * journeys started in it: each file opens one before its tests and closes it after them.
 */
export class Visits {
  private readonly started: Array<Journey> = []
  private constructor(
    readonly browser: Browser,
    readonly axe: AxeWithoutScripts
  ) {}

  static async open() {
    const browser = await launchBrowser()
    return new Visits(browser, await AxeWithoutScripts.open(browser))
  }

  /** A journey left open for the test to check as it goes; ended by `endJourneys` or `close`. */
  async start(baseUrl: string, js: boolean) {
    const journey = await Journey.start(this.browser, baseUrl, js, this.axe)
    this.started.push(journey)
    return journey
  }

  /** Runs a journey to its end, then insists every page it visited was checked clean. */
  async run(baseUrl: string, js: boolean, steps: (journey: Journey) => Promise<void>) {
    const journey = await Journey.start(this.browser, baseUrl, js, this.axe)
    try {
      await steps(journey)
      expectChecked(journey)
    } finally {
      await journey.end()
    }
  }

  async endJourneys() {
    for (const journey of this.started.splice(0)) await journey.end()
  }

  async close() {
    await this.endJourneys()
    await this.axe.close()
    await this.browser.close()
  }
}
