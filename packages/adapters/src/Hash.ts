import { createHash } from "node:crypto"

/**
 * SHA-256 of a secret (session id, set-up token), hex. Stores keep only this, so reading the
 * database or a backup never yields a usable secret; the secrets are long and random, so an
 * unsalted fast hash is enough.
 */
export const sha256 = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex")
