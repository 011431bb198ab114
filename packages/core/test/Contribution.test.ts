import { Either, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Contribution, CouncilPolicy } from "../src/index.js"

const direction = fc.constantFrom<Contribution.Direction>("up", "down")

describe("Contribution", () => {
  it("moves one step towards the direction asked, never past -2 or +2", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 2 }), direction, (value, dir) => {
        const next = Contribution.step(value, dir)
        const wanted = dir === "up" ? value + 1 : value - 1
        expect(next).toBe(Math.min(2, Math.max(-2, wanted)))
      })
    )
  })

  it("always gives a valid contribution, whatever number it is handed", () => {
    fc.assert(
      fc.property(fc.double(), direction, (value, dir) => {
        expect(Schema.is(Contribution.Contribution)(Contribution.step(value, dir))).toBe(true)
      })
    )
  })

  it("+2 then up stays +2", () => expect(Contribution.step(2, "up")).toBe(2))
  it("-2 then down stays -2", () => expect(Contribution.step(-2, "down")).toBe(-2))
  it("+1 then up reaches +2; -1 then down reaches -2", () => {
    expect(Contribution.step(1, "up")).toBe(2)
    expect(Contribution.step(-1, "down")).toBe(-2)
  })
  it("starts at 0", () => expect(Contribution.initial).toBe(0))

  it("the schema accepts the integers -2..+2 and nothing else", () => {
    const decode = Schema.decodeUnknownEither(Contribution.Contribution)
    for (const ok of [-2, -1, 0, 1, 2]) expect(Either.isRight(decode(ok))).toBe(true)
    for (const bad of [-3, 3, 0.5, "1", null]) expect(Either.isLeft(decode(bad))).toBe(true)
  })

  it("takes its bounds from the council's policy", () => {
    const wide = CouncilPolicy.make({ contribution: { min: -5, max: 5, initial: 0 } })
    expect(Contribution.stepWith(wide, 2, "up")).toBe(3)
    expect(Contribution.stepWith(wide, 5, "up")).toBe(5)
  })
})
