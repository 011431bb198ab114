import { ParseResult, Schema } from "effect"
import { Temporal } from "temporal-polyfill"

/**
 * A calendar day is a `Temporal.PlainDate` and a time of day a `Temporal.PlainTime`, never a JS
 * `Date`: a register's date must not shift when the server's time zone or daylight saving changes.
 */
export const PlainDateFromSelf = Schema.declare(
  (u: unknown): u is Temporal.PlainDate => u instanceof Temporal.PlainDate,
  {
    identifier: "PlainDateFromSelf",
    arbitrary: () => (fc) =>
      fc.integer({ min: 0, max: 365 * 40 }).map((n) => Temporal.PlainDate.from("2000-01-01").add({ days: n }))
  }
)

export const PlainTimeFromSelf = Schema.declare(
  (u: unknown): u is Temporal.PlainTime => u instanceof Temporal.PlainTime,
  {
    identifier: "PlainTimeFromSelf",
    arbitrary: () => (fc) =>
      fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => new Temporal.PlainTime(Math.floor(m / 60), m % 60))
  }
)

/** An ISO day ("2025-09-01") decoded to a PlainDate; how forms, JSON and SQL carry a day. */
export const PlainDate = Schema.transformOrFail(Schema.String, PlainDateFromSelf, {
  strict: true,
  decode: (s, _, ast) =>
    ParseResult.try({
      try: () => Temporal.PlainDate.from(s, { overflow: "reject" }),
      catch: () => new ParseResult.Type(ast, s, "expected a date as YYYY-MM-DD")
    }),
  encode: (d) => ParseResult.succeed(d.toString())
})

/** A time of day ("09:30" or "09:30:00") decoded to a PlainTime. */
export const PlainTime = Schema.transformOrFail(Schema.String, PlainTimeFromSelf, {
  strict: true,
  decode: (s, _, ast) =>
    ParseResult.try({
      try: () => Temporal.PlainTime.from(s, { overflow: "reject" }),
      catch: () => new ParseResult.Type(ast, s, "expected a time as HH:MM")
    }),
  encode: (t) => ParseResult.succeed(t.toString({ smallestUnit: "minute" }))
})

/** The council works in Europe/London local time: every "today" and every lesson time is there. */
export const councilTimeZone = "Europe/London"
