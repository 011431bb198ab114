import { Context, DateTime, Duration, type Effect, Option } from "effect"

/**
 * Failed sign-in attempts, counted per account (the email address typed, whether or not an account
 * has it, so that the answer never differs) and per client address. Kept in the database so that
 * every web process counts the same attempts.
 */
export class SignInAttempts extends Context.Tag("openap/SignInAttempts")<
  SignInAttempts,
  {
    readonly recordFailure: (keys: ReadonlyArray<string>, at: DateTime.Utc) => Effect.Effect<void>
    /** The times of the failures under `key` at or after `since`, oldest first. */
    readonly failuresSince: (key: string, since: DateTime.Utc) => Effect.Effect<ReadonlyArray<DateTime.Utc>>
    readonly clear: (key: string) => Effect.Effect<void>
  }
>() {}

export const window = Duration.minutes(15)
/** Enough for someone who has forgotten which password they used; far too few to guess one. */
export const maxFailuresPerAccount = 5
/** A school shares one address among many staff, so the limit per address is higher. */
export const maxFailuresPerAddress = 50

export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`
export const addressKey = (address: string): string => `address:${address}`

/**
 * When the next attempt may be made, given the recent failures under one key: none when the key is
 * under its limit. A key stays locked until its oldest counted failure leaves the window.
 */
export const lockedUntil = (
  failures: ReadonlyArray<DateTime.Utc>,
  limit: number,
  now: DateTime.Utc
): Option.Option<DateTime.Utc> => {
  const recent = failures.filter((at) => DateTime.greaterThan(DateTime.addDuration(at, window), now))
  if (recent.length < limit) return Option.none()
  const oldestThatMatters = recent[recent.length - limit]
  return oldestThatMatters === undefined
    ? Option.none()
    : Option.some(DateTime.addDuration(oldestThatMatters, window))
}
