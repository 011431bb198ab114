import { hash, verify } from "@node-rs/argon2"
import { Accounts } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import * as Store from "../Store.js"
import { demoPassword, seedDemo } from "./Seed.js"

/**
 * `pnpm demo:seed`: loads the demo council into the configured store (DATABASE_URL, or the embedded
 * database under DATA_DIR) if, and only if, it is empty. Hashes with the web app's argon2id
 * settings (OWASP baseline), so the demo users can sign in.
 */
const hasher = Layer.succeed(Accounts.PasswordHasher, {
  hash: (password: string) =>
    Effect.promise(() => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 })),
  verify: (stored: Option.Option<string>, password: string) =>
    Option.match(stored, {
      onNone: () => Effect.succeed(false),
      onSome: (value) => Effect.promise(() => verify(value, password).catch(() => false))
    })
})

const program = Effect.gen(function* () {
  const password = yield* demoPassword
  const result = yield* seedDemo(password)
  if (result._tag === "Skipped") {
    yield* Effect.log(
      result.reason === "production"
        ? "Not seeding: NODE_ENV is production."
        : "Not seeding: the database already holds data. Demo users are only added to an empty database."
    )
    return
  }
  yield* Effect.log(`Demo data loaded. Sign in with password "${result.password}" as:`)
  for (const account of result.accounts) yield* Effect.log(`  ${account.email}  (${account.description})`)
})

program.pipe(Effect.provide(Layer.merge(Store.layer, hasher)), Effect.runPromise).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
