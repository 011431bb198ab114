import { Effect } from "effect"
import type { Temporal } from "temporal-polyfill"
import * as CouncilPolicy from "../../CouncilPolicy.js"
import type { Lesson } from "../../model/Lesson.js"
import * as Register from "../../Register.js"
import { localNow } from "../notifications/CouncilTime.js"

/** "Now" and "today" for the registers, from the Clock, in the council's time zone. */
export const now: Effect.Effect<Temporal.ZonedDateTime> = localNow

export const today: Effect.Effect<Temporal.PlainDate> = Effect.map(localNow, (n) => n.toPlainDate())

/** When the lesson starts, as a moment: its register opens then. */
export const startOf = (
  lesson: Pick<Lesson, "date" | "startTime">,
  policy: CouncilPolicy.CouncilPolicy = CouncilPolicy.coventry
): Temporal.ZonedDateTime => Register.lessonStartWith(policy, lesson.date, lesson.startTime)
