import { Duration } from "effect"

/**
 * How long a session lasts. The idle timeout ends a session nobody has used for a while (a school
 * computer left signed in); the absolute limit ends every session however busy, so a stolen
 * cookie cannot be kept alive for ever.
 */
export interface SessionPolicy {
  readonly idleTimeout: Duration.Duration
  readonly absoluteTimeout: Duration.Duration
}

export const standard: SessionPolicy = {
  idleTimeout: Duration.minutes(30),
  absoluteTimeout: Duration.hours(12)
}
