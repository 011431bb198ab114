import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { type OrgKind, TransferRoute } from "../src/index.js"

// Every pair of the three kinds plus a kind the rules have never heard of, to show that a route
// not listed is refused (deny by default). Expected values are the guidance's list, by hand.
const unknown = "academy_trust" as OrgKind.OrgKind
const table: ReadonlyArray<readonly [OrgKind.OrgKind, OrgKind.OrgKind, boolean]> = [
  ["cap", "cap", false],
  ["cap", "school", true],
  ["cap", "provider", true],
  ["cap", unknown, false],
  ["school", "cap", true],
  ["school", "school", false],
  ["school", "provider", false],
  ["school", unknown, false],
  ["provider", "cap", true],
  ["provider", "school", false],
  ["provider", "provider", false],
  ["provider", unknown, false],
  [unknown, "cap", false],
  [unknown, "school", false],
  [unknown, "provider", false],
  [unknown, unknown, false]
]

describe("TransferRoute.isPermitted", () => {
  it("covers all 16 pairs", () => expect(table).toHaveLength(16))

  it.each(table)("%s -> %s: %s", (from, to, permitted) => {
    expect(TransferRoute.isPermitted(from, to)).toBe(permitted)
    expect(Either.isRight(TransferRoute.check(from, to))).toBe(permitted)
  })

  it("refuses with RouteNotPermitted naming the route", () => {
    const refused = TransferRoute.check("school", "provider")
    expect(Either.isLeft(refused) && refused.left).toMatchObject({
      _tag: "RouteNotPermitted",
      from: "school",
      to: "provider"
    })
  })

  it("addresses files at an establishment to its CAP Coordinator or DSL only", () => {
    expect(TransferRoute.isAddressableRole("school", "dsl")).toBe(true)
    expect(TransferRoute.isAddressableRole("provider", "cap_coordinator")).toBe(true)
    expect(TransferRoute.isAddressableRole("provider", "tutor")).toBe(false)
    expect(TransferRoute.isAddressableRole("cap", "dsl")).toBe(false)
  })
})
