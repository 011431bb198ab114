import { Context, type Effect, type Option } from "effect"

/**
 * Hashes and checks passwords (argon2id in the web app). A port because hashing is deliberately
 * slow native code that core must not depend on.
 */
export class PasswordHasher extends Context.Tag("openap/PasswordHasher")<
  PasswordHasher,
  {
    readonly hash: (password: string) => Effect.Effect<string>
    /**
     * Whether `password` matches `hash`. With no hash (no such account, or no password set yet) it
     * does the same work and answers false, so the time taken does not reveal whether an account
     * exists.
     */
    readonly verify: (hash: Option.Option<string>, password: string) => Effect.Effect<boolean>
  }
>() {}
