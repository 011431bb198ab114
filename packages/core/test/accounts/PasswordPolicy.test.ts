import { it } from "@effect/vitest"
import { FastCheck as fc, Option } from "effect"
import { describe, expect } from "vitest"
import { Accounts } from "../../src/index.js"

const { check, minimumLength, maximumLength } = Accounts.PasswordPolicy

describe("PasswordPolicy", () => {
  it("refuses anything shorter than 12 characters, and accepts exactly 12 when not common", () => {
    expect(check("Tr0ut-lamp9")).toEqual(Option.some("TooShort"))
    expect(check("Tr0ut-lamp9x")).toEqual(Option.none())
  })

  it("counts characters, not UTF-16 units: 11 emoji are too short", () => {
    expect(check("🐟".repeat(11))).toEqual(Option.some("TooShort"))
  })

  it("refuses a password over the maximum length", () => {
    expect(check("correct horse battery staple ".repeat(20))).toEqual(Option.some("TooLong"))
  })

  it.each([
    "password1234",
    "Password1234!",
    "PASSWORD!!!!2024",
    "passwordpassword",
    "qwertyuiop12",
    "123456789012",
    "987654321098",
    "abcdefghijkl",
    "aaaaaaaaaaaa",
    "abababababab",
    "iloveyou2025!!",
    "letmein12345",
    "!!!!!!!!!!!!!",
    "Liverpool1892",
    "welcome12345"
  ])("refuses the common password %s", (password) => {
    expect(check(password)).toEqual(Option.some("TooCommon"))
  })

  it("refuses a password built on the user's own details", () => {
    expect(check("jane.smith2024", ["jane.smith", "jane", "smith"])).toEqual(Option.some("TooCommon"))
    expect(check("Smithsmith123", ["smith"])).toEqual(Option.some("TooCommon"))
    expect(check("jane.smith2024")).toEqual(Option.none())
  })

  it.each(["correct horse battery staple", "Tr0ut-lamp9x", "kettle orbit violet", "my cat eats 3 plums"])(
    "accepts the passphrase %s",
    (password) => {
      expect(check(password)).toEqual(Option.none())
    }
  )

  it.prop(
    "every password shorter than the minimum is refused as too short",
    [fc.string({ minLength: 0, maxLength: minimumLength - 1, unit: "grapheme-ascii" })],
    ([password]) => {
      expect(check(password)).toEqual(Option.some("TooShort"))
    }
  )

  it.prop(
    "every password of an allowed length is either accepted or refused as too common",
    [fc.string({ minLength: minimumLength, maxLength: maximumLength, unit: "grapheme-ascii" })],
    ([password]) => {
      expect(Option.getOrElse(check(password), () => "ok")).toMatch(/^(ok|TooCommon)$/)
    }
  )

  it.prop(
    "a common word with digits and symbols added is still common",
    [fc.constantFrom("password", "qwerty", "letmein", "football"), fc.stringMatching(/^[0-9!?.]{6,10}$/)],
    ([word, tail]) => {
      expect(check(word + tail)).toEqual(Option.some("TooCommon"))
    }
  )
})
