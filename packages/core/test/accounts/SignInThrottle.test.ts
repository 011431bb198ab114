import { it } from "@effect/vitest"
import { DateTime, Duration, FastCheck as fc, Option } from "effect"
import { describe, expect } from "vitest"
import { Accounts } from "../../src/index.js"

const { lockedUntil, window, accountKey } = Accounts.SignInThrottle
const start = DateTime.unsafeMake("2025-10-06T09:00:00Z")
const at = (minutes: number) => DateTime.add(start, { minutes })

describe("SignInThrottle.lockedUntil", () => {
  it("lets the fifth attempt through after four failures", () => {
    expect(lockedUntil([0, 1, 2, 3].map(at), 5, at(4))).toEqual(Option.none())
  })

  it("locks after five failures until the oldest leaves the 15-minute window", () => {
    const failures = [0, 1, 2, 3, 4].map(at)
    expect(lockedUntil(failures, 5, at(5))).toEqual(Option.some(at(15)))
    expect(lockedUntil(failures, 5, at(15))).toEqual(Option.none())
  })

  it("ignores failures older than the window", () => {
    expect(lockedUntil([-30, -20, 0, 1, 2, 3].map(at), 5, at(4))).toEqual(Option.none())
  })

  it.prop(
    "when locked, the lock ends within the window and the key is free once it has ended",
    [fc.array(fc.integer({ min: -60, max: 0 }), { maxLength: 30 }), fc.integer({ min: 1, max: 10 })],
    ([offsets, limit]) => {
      const failures = [...offsets].sort((a, b) => a - b).map(at)
      const now = at(0)
      Option.match(lockedUntil(failures, limit, now), {
        onNone: () => {
          const recent = failures.filter((f) => DateTime.greaterThan(DateTime.addDuration(f, window), now))
          expect(recent.length).toBeLessThan(limit)
        },
        onSome: (until) => {
          expect(DateTime.greaterThan(until, now)).toBe(true)
          expect(DateTime.lessThanOrEqualTo(until, DateTime.addDuration(now, window))).toBe(true)
          expect(lockedUntil(failures, limit, until)).toEqual(Option.none())
        }
      })
    }
  )

  it("counts an address however it is typed", () => {
    expect(accountKey("  School.DSL@Demo.OpenAP.test ")).toBe(accountKey("school.dsl@demo.openap.test"))
  })

  it("a window is fifteen minutes", () => {
    expect(Duration.toMinutes(window)).toBe(15)
  })
})
