import { Accounts, Ids, Register } from "@openap/core"
import { describe, expect, it } from "vitest"
import { statusOf } from "../src/ErrorPages.js"
import { Forbidden, NotFound, NotSignedIn } from "../src/HttpErrors.js"

describe("statusOf", () => {
  it("maps the web's own refusals", () => {
    expect(statusOf(new Forbidden())).toBe(403)
    expect(statusOf(new NotFound())).toBe(404)
  })

  it("maps any core error named ...NotPermitted to 403 and ...NotFound to 404, with no entry for it", () => {
    expect(
      statusOf(
        new Accounts.UserAdministrationNotPermitted({
          actorId: Ids.UserId.make("0b6f8a52-9f3e-4c1d-8a7b-5e2d1c0f9a84")
        })
      )
    ).toBe(403)
    expect(statusOf(new Accounts.UserNotFound({ userId: "x" }))).toBe(404)
  })

  it("makes any other tagged error, a defect or a thrown value a 500", () => {
    expect(statusOf(new Register.RegisterNotYetOpen({ startsAt: "09:00" }))).toBe(500)
    expect(statusOf(new NotSignedIn())).toBe(500)
    expect(statusOf(new Error("boom"))).toBe(500)
    expect(statusOf("boom")).toBe(500)
  })

  it("keeps Fastify's client errors as client errors", () => {
    expect(statusOf(Object.assign(new Error("too big"), { statusCode: 413 }))).toBe(413)
    expect(statusOf(Object.assign(new Error("bad json"), { statusCode: 415 }))).toBe(400)
    expect(
      statusOf(Object.assign(new Error("csrf"), { statusCode: 403, code: "FST_CSRF_INVALID_TOKEN" }))
    ).toBe(403)
  })
})
