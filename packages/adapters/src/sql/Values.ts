import { DateTime } from "effect"
import { Temporal } from "temporal-polyfill"

/**
 * Conversions between SQL values and domain values, the same for node-postgres and PGlite: both
 * return `timestamptz` as a JS Date and (as configured) `date` and `time` as ISO text.
 */
export const instant = (value: Date | string): DateTime.Utc => DateTime.unsafeMake(value)

export const instantParam = (value: DateTime.Utc): string => DateTime.formatIso(value)

export const plainDate = (value: string | Date): Temporal.PlainDate =>
  Temporal.PlainDate.from(typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10))

export const plainTime = (value: string): Temporal.PlainTime => Temporal.PlainTime.from(value)

/** `{ key: value }`, or `{}` when the value is null: optional fields are absent, never undefined. */
export const optional = <K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } =>
  (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/** Escapes LIKE wildcards so that user input matches literally. */
export const likePrefix = (text: string): string =>
  `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const cause = (error as { cause?: { code?: string; constraint?: string; message?: string } }).cause
  if (cause?.code !== "23505") return false
  return (
    constraint === undefined || cause.constraint === constraint || (cause.message ?? "").includes(constraint)
  )
}
