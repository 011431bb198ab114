import { Config, Effect, Option, Redacted } from "effect"

/**
 * The real PostgreSQL server the suites also run against, when DATABASE_URL names one (CI sets
 * it). Each suite then makes its own database there; if the server cannot be reached, the suite
 * fails: it is never skipped.
 */
export const postgresServer: Option.Option<Redacted.Redacted<string>> = Effect.runSync(
  Config.option(Config.redacted("DATABASE_URL"))
).pipe(Option.filter((url) => Redacted.value(url).trim() !== ""))
