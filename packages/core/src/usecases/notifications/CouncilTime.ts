import { DateTime, Effect } from "effect"
import { Temporal } from "temporal-polyfill"
import { councilTimeZone } from "../../model/Dates.js"

/** "Now" from the Clock, as the council's local date and time (Europe/London). */
export const localNow: Effect.Effect<Temporal.ZonedDateTime> = Effect.map(DateTime.now, (now) =>
  Temporal.Instant.fromEpochMilliseconds(DateTime.toEpochMillis(now)).toZonedDateTimeISO(councilTimeZone)
)

/** A local date and time of day in the council's time zone, as an instant. */
export const instantAt = (date: Temporal.PlainDate, time: Temporal.PlainTime): Temporal.Instant =>
  date.toZonedDateTime({ timeZone: councilTimeZone, plainTime: time }).toInstant()
