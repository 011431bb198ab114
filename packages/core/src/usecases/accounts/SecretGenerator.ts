import { Context, type Effect } from "effect"

/**
 * Makes unguessable secrets: session ids and the tokens in password set-up links. At least 256
 * random bits, URL-safe, at least 43 characters. A port so that core never draws randomness.
 */
export class SecretGenerator extends Context.Tag("openap/SecretGenerator")<
  SecretGenerator,
  { readonly next: Effect.Effect<string> }
>() {}
