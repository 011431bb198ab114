import { randomBytes } from "node:crypto"
import { Accounts } from "@openap/core"
import { Effect, Layer } from "effect"

/** 256 bits from the operating system's CSPRNG, base64url: 43 characters, safe in a URL or a cookie. */
export const layer = Layer.succeed(Accounts.SecretGenerator, {
  next: Effect.sync(() => randomBytes(32).toString("base64url"))
})
