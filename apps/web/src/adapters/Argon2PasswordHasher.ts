import { hash, type Options, verify } from "@node-rs/argon2"
import { Accounts } from "@openap/core"
import { Effect, Layer, Option } from "effect"

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow for an attacker, quick for a sign-in.
 * Argon2id is the library's default algorithm (its enum is const, so it cannot be named here); a
 * test checks every hash says `$argon2id$`.
 */
export const options: Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string): Promise<string> => hash(password, options)

/**
 * The PasswordHasher port on @node-rs/argon2. With no stored hash it checks the password against a
 * hash made at start-up, so an unknown address takes as long as a wrong password.
 */
export const layer = Layer.effect(
  Accounts.PasswordHasher,
  Effect.gen(function* () {
    const decoy = yield* Effect.promise(() => hashPassword("no account has this password"))
    const check = (stored: string, password: string) =>
      Effect.promise(() => verify(stored, password).catch(() => false))
    return {
      hash: (password: string) => Effect.promise(() => hashPassword(password)),
      verify: (stored: Option.Option<string>, password: string) =>
        Option.match(stored, {
          onNone: () => Effect.as(check(decoy, password), false),
          onSome: (value) => check(value, password)
        })
    }
  })
)
