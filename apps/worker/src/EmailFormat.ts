import type { Temporal } from "temporal-polyfill"

/** "Monday 6 October 2025", as GOV.UK writes dates. */
export const date = (d: Temporal.PlainDate): string =>
  `${d.toLocaleString("en-GB", { weekday: "long" })} ${d.day} ${d.toLocaleString("en-GB", { month: "long" })} ${d.year}`

/** "9:30am", "2pm", "12pm" for midday, "12am" for midnight: the GOV.UK style for times. */
export const time = (t: Temporal.PlainTime): string => {
  const suffix = t.hour < 12 ? "am" : "pm"
  const hour = t.hour % 12 === 0 ? 12 : t.hour % 12
  return t.minute === 0 ? `${hour}${suffix}` : `${hour}:${String(t.minute).padStart(2, "0")}${suffix}`
}
