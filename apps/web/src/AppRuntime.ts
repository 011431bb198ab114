import { FileFormatSniffer, FileStorageFs, SqlSignInAttempts, type Store } from "@openap/adapters"
import type { Accounts, FileFormatDetector, FileStorage } from "@openap/core"
import { Layer, ManagedRuntime } from "effect"
import * as Argon2PasswordHasher from "./adapters/Argon2PasswordHasher.js"
import * as CryptoSecretGenerator from "./adapters/CryptoSecretGenerator.js"

/**
 * Everything the web app's use cases may ask for: the store's ports, and the few the web app adds.
 * A feature whose use cases need another port adds it here, and to `webLayer`.
 */
export type AppServices =
  | Store.Services
  | Accounts.PasswordHasher
  | Accounts.SecretGenerator
  | Accounts.SignInThrottle.SignInAttempts
  | FileStorage.FileStorage
  | FileFormatDetector.FileFormatDetector

/** The ports the web app provides over a store: password hashing, secrets, the sign-in throttle. */
export const webLayer = Layer.mergeAll(
  Argon2PasswordHasher.layer,
  CryptoSecretGenerator.layer,
  SqlSignInAttempts.layer,
  FileFormatSniffer.layer
)

/** Where transferred files live: under DATA_DIR by default; a test hands in a folder of its own. */
export type StorageLayer = Layer.Layer<FileStorage.FileStorage, unknown>

/** The whole app's layer over a store (embedded, real PostgreSQL, or a fresh one for a test). */
export const appLayer = <E>(
  store: Layer.Layer<Store.Services, E>,
  storage: StorageLayer = FileStorageFs.layerConfig
) => Layer.merge(webLayer, storage).pipe(Layer.provideMerge(store))

/** The app's one runtime: every request's use cases run here. */
export const makeRuntime = <E>(store: Layer.Layer<Store.Services, E>, storage?: StorageLayer) =>
  ManagedRuntime.make(appLayer(store, storage))
