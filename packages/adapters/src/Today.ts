import { Dates } from "@openap/core"
import { Clock, Effect } from "effect"
import { Temporal } from "temporal-polyfill"

/** Today's date where the council works (Europe/London), from Effect's Clock so tests can move it. */
export const today: Effect.Effect<Temporal.PlainDate> = Effect.map(Clock.currentTimeMillis, (ms) =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(Dates.councilTimeZone).toPlainDate()
)
