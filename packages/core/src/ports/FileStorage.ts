import { Context, Data, type Duration, type Effect, Schema, type Stream } from "effect"

/**
 * Where the bytes of a transferred file live. The store never sees a filename: objects are named
 * by a key the caller chose (the transfer file's id), so nothing a user typed can become a path
 * or an object name. Contents go in and come out as streams, so no file is ever held in memory.
 */
export const StorageKey = Schema.UUID.pipe(Schema.brand("StorageKey"))
export type StorageKey = typeof StorageKey.Type

/** What the store measured while writing: the caller records it and hands it back to read. */
export const StoredObject = Schema.Struct({
  key: StorageKey,
  size: Schema.NonNegativeInt,
  sha256: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/))
})
export type StoredObject = typeof StoredObject.Type

/** No object under this key: never written, deleted, or its upload never completed. */
export class StoredObjectNotFound extends Schema.TaggedError<StoredObjectNotFound>()("StoredObjectNotFound", {
  key: StorageKey
}) {}

/**
 * The stored bytes are not what was written: tampered, truncated, reordered or swapped with
 * another object. Reading stops before any unverified byte reaches the reader.
 */
export class StoredObjectCorrupt extends Schema.TaggedError<StoredObjectCorrupt>()("StoredObjectCorrupt", {
  key: StorageKey,
  reason: Schema.String
}) {}

/** The disk or object store failed; nobody in the request can act on it but an operator. */
export class StorageFailure extends Data.TaggedError("StorageFailure")<{
  readonly operation: string
  readonly cause: unknown
}> {}

export interface SweepReport {
  /** Partial uploads removed: left behind by a crash or an abandoned request. */
  readonly partialUploadsRemoved: number
}

export interface FileStorageService {
  /**
   * Streams `content` into the store under `key`. The object becomes readable only once every
   * byte is written and verified; if `content` fails (a limit was hit, the client went away) or
   * the fiber is interrupted, nothing is left behind and `content`'s error is returned as is.
   * Fails if the key is already taken: stored objects are immutable.
   */
  readonly put: <E>(
    key: StorageKey,
    content: Stream.Stream<Uint8Array, E>
  ) => Effect.Effect<StoredObject, E | StorageFailure>
  /**
   * Streams the plaintext back. Every chunk is authenticated before it is emitted, and the stream
   * fails at the end if the size or SHA-256 differ from what `put` recorded.
   */
  readonly get: (
    object: StoredObject
  ) => Stream.Stream<Uint8Array, StoredObjectNotFound | StoredObjectCorrupt | StorageFailure>
  readonly exists: (key: StorageKey) => Effect.Effect<boolean, StorageFailure>
  /** Deletes the object and its key material. Removing a missing object is not an error. */
  readonly remove: (key: StorageKey) => Effect.Effect<void, StorageFailure>
  /** Removes partial uploads that nobody has written to for `idleFor`. */
  readonly sweep: (idleFor: Duration.Duration) => Effect.Effect<SweepReport, StorageFailure>
}

export class FileStorage extends Context.Tag("openap/FileStorage")<FileStorage, FileStorageService>() {}
