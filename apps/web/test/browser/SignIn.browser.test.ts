import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Journey, startTestServer, type TestServer, Visits } from "./Harness.js"
import { SignInPage } from "./pages/SignInPage.js"

/**
 * Signing in and out in a real browser, with JavaScript on and with it off, every page checked
 * against WCAG 2.2 AA with axe-core. One server and one browser for the file; a fresh context per
 * journey.
 */
let server: TestServer
let visits: Visits
const password = "openap-demo"

beforeAll(async () => {
  ;[server, visits] = await Promise.all([startTestServer(), Visits.open()])
}, 600_000) // on a fresh Debian machine this may first install Chromium
afterAll(async () => {
  await visits?.close()
  await server?.stop()
})

const journey = (js: boolean, steps: (journey: Journey) => Promise<void>) => visits.run(server.url, js, steps)

const expectations: Record<string, { organisation: string; roles: string; nav: ReadonlyArray<string> }> = {
  "cap.admin@demo.openap.test": {
    organisation: "Council Alternative Provision team (demo)",
    roles: "CAP admin",
    nav: ["Users"]
  },
  "school.coordinator@demo.openap.test": {
    organisation: "Alder Park School",
    roles: "CAP Coordinator",
    nav: []
  },
  "school.dsl@demo.openap.test": {
    organisation: "Alder Park School",
    roles: "Designated Safeguarding Lead",
    nav: []
  },
  "provider.coordinator@demo.openap.test": {
    organisation: "Anvil Training Centre",
    roles: "CAP Coordinator",
    nav: []
  },
  "provider.dsl@demo.openap.test": {
    organisation: "Anvil Training Centre",
    roles: "Designated Safeguarding Lead",
    nav: []
  },
  "provider.tutor@demo.openap.test": { organisation: "Anvil Training Centre", roles: "Tutor", nav: [] },
  "other.school@demo.openap.test": { organisation: "Birchwood Academy", roles: "CAP Coordinator", nav: [] },
  "other.provider@demo.openap.test": { organisation: "Beacon Skills Hub", roles: "Tutor", nav: [] }
}

describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false]
])("with %s", (_mode, js) => {
  it("the demo users are the ones these journeys expect", () => {
    expect(server.demoAccounts.map((a) => a.email).toSorted()).toEqual(Object.keys(expectations).toSorted())
  })

  it.each(Object.keys(expectations))(
    "%s signs in, sees a home page and account for their role, and signs out",
    async (email) => {
      const expected = expectations[email]
      const account = server.demoAccounts.find((a) => a.email === email)
      if (expected === undefined || account === undefined) throw new Error(`no demo account ${email}`)
      await journey(js, async (j) => {
        const home = await (await SignInPage.open(j)).signIn(account.email, password)
        expect(await home.heading()).toBe("Home")
        expect(await home.summary()).toContain(expected.organisation)
        for (const item of expected.nav) expect(await home.navigation()).toContain(item)
        if (!expected.nav.includes("Users")) expect(await home.navigation()).not.toContain("Users")
        const account_ = await home.openAccount()
        const details = await account_.details()
        expect(details.Organisation).toBe(expected.organisation)
        expect(details["Email address"]).toBe(account.email)
        expect(details.Role ?? details.Roles).toContain(expected.roles)
        const signedOut = await account_.signOut()
        expect(await signedOut.banner()).toBe("You have signed out.")
        expect(j.path()).toBe("/sign-in")
        await j.page.goto("/account")
        expect(j.path()).toBe("/sign-in")
      })
    }
  )

  it("a wrong password is refused with the error summary, keeping the email address but not the password", async () => {
    await journey(js, async (j) => {
      const signIn = await (await SignInPage.open(j)).signInRefused(
        "school.dsl@demo.openap.test",
        "not the password"
      )
      expect(await signIn.errorSummary()).toEqual(["Enter a correct email address and password"])
      expect(await j.page.title()).toMatch(/^Error: Sign in/)
      expect(await signIn.emailTyped()).toBe("school.dsl@demo.openap.test")
      expect(await signIn.passwordTyped()).toBe("")
      const home = await signIn.signIn("school.dsl@demo.openap.test", password)
      expect(await home.heading()).toBe("Home")
    })
  })
})

// After every sign-in journey above, since it disables a demo user in each mode.
describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false]
])("with %s", (_mode, js) => {
  it("a disabled user is signed out at once and cannot sign in again", async () => {
    const victim = js ? "other.school@demo.openap.test" : "other.provider@demo.openap.test"
    const organisation = expectations[victim]?.organisation ?? ""
    await journey(js, async (adminJourney) => {
      await journey(js, async (userJourney) => {
        const userHome = await (await SignInPage.open(userJourney)).signIn(victim, password)

        const adminHome = await (await SignInPage.open(adminJourney)).signIn(
          "cap.admin@demo.openap.test",
          password
        )
        const users = await (await adminHome.openUsers()).showOrganisation(organisation)
        expect(await users.organisationsShown()).toEqual([organisation])
        const user = await (await (await users.openUser(victim)).disable()).confirm()
        expect(await user.banner()).toContain("has been disabled and signed out")
        expect(await user.status()).toBe("Disabled")

        await userHome.openAccount().catch(() => undefined)
        expect(userJourney.path()).toBe("/sign-in")
        const refused = await new SignInPage(userJourney).signInRefused(victim, password)
        expect(await refused.errorSummary()).toEqual([
          "Your account has been disabled. Contact your council's CAP team"
        ])
      })
    })
  })
})

describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false]
])("the accessibility check, with %s", (_mode, js) => {
  it("reports a violation when a page has one", async () => {
    const j = await visits.start(server.url, js)
    try {
      await j.page.goto("/accessibility")
      await j.page.setContent(
        '<!DOCTYPE html><html lang="en"><title>x</title><main><img src="/assets/images/favicon.svg"></main></html>'
      )
      await j.arrived()
      expect(j.violations.map((v) => v.id)).toContain("image-alt")
    } finally {
      await j.end()
    }
  })
})
