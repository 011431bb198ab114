import { AuditLog, Outbox } from "@openap/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  Client,
  demo,
  demoPassword,
  mainText,
  makeTestApp,
  secondApp,
  signedIn,
  type TestApp
} from "./support/TestApp.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(async () => t?.close())

const auditActions = async () =>
  t.runtime.runPromise(
    Effect.flatMap(AuditLog.AuditLog, (log) => log.list({}, { offset: 0, limit: 500 })).pipe(
      Effect.map((page) => page.items.map((e) => e.action))
    )
  )

const latestSetupLink = async (email: string) => {
  const messages = await t.runtime.runPromise(
    Effect.flatMap(Outbox.Outbox, (outbox) => outbox.list({ limit: 50 }))
  )
  const message = messages.find((m) => m.kind === "account-setup" && m.recipients.includes(email))
  if (message === undefined || message.content._tag !== "Rendered")
    throw new Error(`no set-up email for ${email}`)
  const link = /http:\/\/127\.0\.0\.1:3000(\/set-password\/[A-Za-z0-9_-]+)/.exec(message.content.text)?.[1]
  if (link === undefined) throw new Error("no link in the set-up email")
  return link
}

/** Two answers are the same page when only their CSRF tokens differ. */
const withoutTokens = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "")

describe("signing in", () => {
  it("shows the GOV.UK sign-in page: email address, password, sign in", async () => {
    const page = await new Client(t.app).get("/sign-in")
    expect(page.body).toContain('<label class="govuk-label" for="email">Email address</label>')
    expect(page.body).toContain('<label class="govuk-label" for="password">Password</label>')
    expect(page.body).toMatch(/<button type="submit" class="govuk-button"[^>]*>Sign in<\/button>/)
  })

  it("takes a person to a home page showing their organisation and role", async () => {
    const client = await signedIn(t.app, demo["provider.tutor"])
    const home = mainText((await client.get("/")).body)
    expect(home).toContain("Anvil Training Centre")
    expect(home).toContain("Tutor")
    expect(home).toContain("enrolled on your organisation's courses")
  })

  it("asks for what is missing, keeping the email address typed", async () => {
    const response = await new Client(t.app).post("/sign-in", { email: "someone@example.org", password: "" })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain("There is a problem")
    expect(response.body).toContain('<a href="#password">Enter your password</a>')
    expect(response.body).toContain('value="someone@example.org"')
    expect(response.body).toContain("<title>Error: Sign in")
  })

  it("answers a wrong password and an unknown address with the same page, never echoing the password", async () => {
    const wrong = await new Client(t.app).post("/sign-in", {
      email: "nobody@example.org",
      password: "a wrong password 1"
    })
    const unknown = await new Client(t.app).post("/sign-in", {
      email: "nobody@example.org",
      password: "a wrong password 1"
    })
    const known = await new Client(t.app).post("/sign-in", {
      email: demo["school.dsl"],
      password: "a wrong password 1"
    })
    expect(wrong.statusCode).toBe(400)
    expect(mainText(known.body)).toContain("Enter a correct email address and password")
    expect(withoutTokens(known.body).replace(demo["school.dsl"], "X")).toBe(
      withoutTokens(unknown.body).replace("nobody@example.org", "X")
    )
    expect(known.body).not.toContain("a wrong password 1")
  })

  it("issues a new session id at sign-in, whatever id the browser arrived with", async () => {
    const client = new Client(t.app)
    const planted = "planted-by-an-attacker-0123456789abcdefghijklmnop"
    client.cookies.set("openap_session", planted)
    await client.signIn(demo["school.dsl"])
    const first = client.cookies.get("openap_session")
    expect(first).toBeDefined()
    expect(first).not.toBe(planted)
    await client.post("/sign-out")
    await client.signIn(demo["school.dsl"])
    expect(client.cookies.get("openap_session")).not.toBe(first)
  })

  it("ends the previous session when someone signs in again in the same browser", async () => {
    const client = await signedIn(t.app, demo["school.dsl"])
    const old = client.cookies.get("openap_session") ?? ""
    // The page only offers signing in after signing out, but a second sign-in must still end the first.
    const again = new Client(t.app)
    again.cookies.set("openap_session", old)
    again.cookies.set("openap_csrf", client.cookies.get("openap_csrf") ?? "")
    await again.post(
      "/sign-in",
      { email: demo["school.coordinator"], password: demoPassword },
      {
        token: await client.csrfToken()
      }
    )
    const replay = new Client(t.app)
    replay.cookies.set("openap_session", old)
    expect((await replay.get("/")).statusCode).toBe(303)
  })

  it("sets the session cookie HttpOnly and SameSite=Lax, and not Secure on localhost", async () => {
    const client = new Client(t.app)
    await client.get("/sign-in")
    const response = await client.post("/sign-in", { email: demo["school.dsl"], password: demoPassword })
    const cookie = [response.headers["set-cookie"]].flat().find((c) => c?.startsWith("openap_session=")) ?? ""
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
  })

  it("is throttled per account after five failures, with the same answer whether or not the account exists", async () => {
    for (const email of [demo["provider.dsl"], "no.account@example.org"]) {
      const client = new Client(t.app)
      for (let i = 0; i < 5; i++) {
        const response = await client.post("/sign-in", { email, password: `wrong password ${i}` })
        expect(mainText(response.body)).toContain("Enter a correct email address and password")
      }
      const blocked = await client.post("/sign-in", { email, password: demoPassword })
      expect(blocked.statusCode).toBe(400)
      expect(mainText(blocked.body)).toContain(
        "You have tried to sign in too many times. Wait 15 minutes, then try again"
      )
    }
    // Another account from the same address is not locked out by someone else's mistakes.
    await signedIn(t.app, demo["provider.coordinator"])
  })

  it("records sign-in and sign-out in the audit log", async () => {
    const client = await signedIn(t.app, demo["other.school"])
    await client.post("/sign-out")
    const actions = await auditActions()
    expect(actions).toContain("signed-in")
    expect(actions).toContain("signed-out")
    expect(actions).toContain("sign-in-failed")
  })
})

describe("sessions", () => {
  it("survive on another web process: they live in the database", async () => {
    const client = await signedIn(t.app, demo["school.dsl"])
    const other = await secondApp(t)
    try {
      const onOther = new Client(other)
      for (const [name, value] of client.cookies) onOther.cookies.set(name, value)
      expect((await onOther.get("/account")).statusCode).toBe(200)
    } finally {
      await other.close()
    }
  })

  it("end when not used for the idle timeout", async () => {
    const quick = await secondApp(t, { sessionIdleTimeout: "300 millis" as never })
    try {
      const client = await signedIn(quick, demo["school.dsl"])
      expect((await client.get("/")).statusCode).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 450))
      const after = await client.get("/")
      expect(after.statusCode).toBe(303)
      expect(after.headers.location).toBe("/sign-in")
    } finally {
      await quick.close()
    }
  })

  it("sign-out ends the session on the server, not just in the browser", async () => {
    const client = await signedIn(t.app, demo["school.dsl"])
    const id = client.cookies.get("openap_session") ?? ""
    const out = await client.post("/sign-out")
    expect(out.headers.location).toBe("/sign-in?done=signed-out")
    const replay = new Client(t.app)
    replay.cookies.set("openap_session", id)
    expect((await replay.get("/")).statusCode).toBe(303)
  })
})

describe("a CAP admin issuing an account", () => {
  let admin: Client
  let link: string
  const email = "new.tutor@anvil.example.org"

  beforeAll(async () => {
    admin = await signedIn(t.app, demo["cap.admin"])
  })

  it("chooses the organisation, then sees only the roles that kind of organisation has", async () => {
    const choose = await admin.get("/users/new")
    expect(mainText(choose.body)).toContain("Which organisation is the new user from?")
    const anvil = /<option value="([0-9a-f-]{36})">Anvil Training Centre/.exec(choose.body)?.[1]
    expect(anvil).toBeDefined()
    const form = await admin.get(`/users/new?organisation=${anvil}`)
    expect(mainText(form.body)).toContain("Tutor")
    const school = /<option value="([0-9a-f-]{36})">Alder Park School/.exec(choose.body)?.[1]
    expect(mainText((await admin.get(`/users/new?organisation=${school}`)).body)).not.toContain("Tutor")
  })

  it("is told what is wrong with the form, keeping what was typed", async () => {
    const choose = await admin.get("/users/new")
    const anvil = /<option value="([0-9a-f-]{36})">Anvil Training Centre/.exec(choose.body)?.[1] ?? ""
    const response = await admin.post("/users/new", {
      organisation: anvil,
      displayName: "Nia Tutor",
      email: "not an email"
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<a href="#email">Enter an email address in the correct format')
    expect(response.body).toContain('<a href="#roles">Select at least one role</a>')
    expect(response.body).toContain('value="Nia Tutor"')
    expect(response.body).toContain('value="not an email"')
  })

  it("creates the user, who is emailed a one-time link through the outbox", async () => {
    const choose = await admin.get("/users/new")
    const anvil = /<option value="([0-9a-f-]{36})">Anvil Training Centre/.exec(choose.body)?.[1] ?? ""
    const created = await admin.post("/users/new", {
      organisation: anvil,
      displayName: "Nia Tutor",
      email,
      roles: ["tutor", "dsl"]
    })
    expect(created.statusCode).toBe(303)
    const page = await admin.get(created.headers.location as string)
    expect(mainText(page.body)).toContain("Nia Tutor has been added")
    expect(mainText(page.body)).toContain("Awaiting password")
    link = await latestSetupLink(email)
    expect(await auditActions()).toContain("user-created")
  })

  it("refuses a second account with the same email address", async () => {
    const choose = await admin.get("/users/new")
    const anvil = /<option value="([0-9a-f-]{36})">Anvil Training Centre/.exec(choose.body)?.[1] ?? ""
    const again = await admin.post("/users/new", {
      organisation: anvil,
      displayName: "Nia Again",
      email,
      roles: ["tutor"]
    })
    expect(again.statusCode).toBe(400)
    expect(mainText(again.body)).toContain("Someone already has an account with this email address")
  })

  it("lets the new user set a password that is long enough and not common, once", async () => {
    const user = new Client(t.app)
    expect((await user.get(link)).statusCode).toBe(200)
    const short = await user.post(link, { password: "short one", confirmPassword: "short one" })
    expect(mainText(short.body)).toContain("Password must be 12 characters or more")
    const common = await user.post(link, { password: "Password1234!", confirmPassword: "Password1234!" })
    expect(mainText(common.body)).toContain("Choose a password that is harder to guess")
    const personal = await user.post(link, { password: "new.tutor2025", confirmPassword: "new.tutor2025" })
    expect(mainText(personal.body)).toContain("Choose a password that is harder to guess")
    const mismatch = await user.post(link, {
      password: "kettle orbit violet",
      confirmPassword: "kettle orbit violey"
    })
    expect(mainText(mismatch.body)).toContain("Enter the same password twice")
    const done = await user.post(link, {
      password: "kettle orbit violet",
      confirmPassword: "kettle orbit violet"
    })
    expect(done.headers.location).toBe("/sign-in?done=password-set")
    const reused = await user.post(link, {
      password: "another fine phrase",
      confirmPassword: "another fine phrase"
    })
    expect(reused.statusCode).toBe(400)
    expect(mainText(reused.body)).toContain("This link has expired or has already been used")
    await user.signIn(email, "kettle orbit violet")
    const home = mainText((await user.get("/")).body)
    expect(home).toContain("Anvil Training Centre")
    expect(home).toContain("Designated Safeguarding Lead")
    expect(await auditActions()).toContain("password-set")
  })
})

describe("a CAP admin disabling a user", () => {
  it("ends the user's sessions at once and stops them signing in", async () => {
    const admin = await signedIn(t.app, demo["cap.admin"])
    const victim = await signedIn(t.app, demo["other.school"])
    const list = await admin.get("/users")
    const href = new RegExp(
      `href="(/users/[0-9a-f-]{36})">[^<]*</a></td>\\s*<td class="govuk-table__cell">${demo["other.school"]}`
    ).exec(list.body)?.[1]
    expect(href).toBeDefined()
    const confirm = await admin.get(`${href}/disable`)
    expect(mainText(confirm.body)).toContain("Are you sure you want to disable")
    const done = await admin.post(`${href}/disable`)
    expect(done.headers.location).toBe(`${href}?done=disabled`)
    expect((await victim.get("/")).statusCode).toBe(303)
    const refused = await new Client(t.app).post("/sign-in", {
      email: demo["other.school"],
      password: demoPassword
    })
    expect(mainText(refused.body)).toContain("Your account has been disabled")
    const wrong = await new Client(t.app).post("/sign-in", {
      email: demo["other.school"],
      password: "not the password"
    })
    expect(mainText(wrong.body)).toContain("Enter a correct email address and password")
    expect(await auditActions()).toContain("user-disabled")
  })

  it("cannot disable their own account", async () => {
    const admin = await signedIn(t.app, demo["cap.admin"])
    const me = /href="(\/users\/[0-9a-f-]{36})">Casey Admin/.exec((await admin.get("/users")).body)?.[1]
    expect(mainText((await admin.get(`${me}`)).body)).not.toContain("Disable user")
    expect((await admin.post(`${me}/disable`)).statusCode).toBe(403)
    expect((await admin.get("/")).statusCode).toBe(200)
  })
})

describe("the request log", () => {
  it("holds one line per request and never a password, a session id or a set-up token", async () => {
    const client = await signedIn(t.app, demo["school.coordinator"])
    const session = client.cookies.get("openap_session") ?? ""
    await client.get("/set-password/a-secret-token-in-the-address-0123456789")
    const text = t.logs.join("")
    expect(text).toContain('"route":"/sign-in"')
    expect(text).toContain('"route":"/set-password/:token"')
    for (const secret of [
      demoPassword,
      "kettle orbit violet",
      "Password1234!",
      session,
      "a-secret-token-in-the-address"
    ]) {
      expect(text).not.toContain(secret)
    }
    expect(text).not.toContain("openap_csrf=")
  })
})
