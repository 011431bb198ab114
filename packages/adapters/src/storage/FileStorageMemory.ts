import { createHash } from "node:crypto"
import { FileStorage } from "@openap/core"
import { Chunk, Context, Effect, HashMap, Layer, Ref, Stream } from "effect"

/**
 * File storage in memory, for use-case tests: same contract as the filesystem adapter (nothing is
 * kept from a failed upload, objects are immutable, reads check size and SHA-256), no encryption.
 */
export const make = Effect.gen(function* () {
  const objects = yield* Ref.make(HashMap.empty<FileStorage.StorageKey, Uint8Array>())
  const service: FileStorage.FileStorageService = {
    put: (key, content) =>
      Effect.gen(function* () {
        if (HashMap.has(yield* Ref.get(objects), key))
          return yield* Effect.fail(new FileStorage.StorageFailure({ operation: "put", cause: "key taken" }))
        const chunks = yield* Stream.runCollect(content)
        const bytes = Buffer.concat(Chunk.toArray(chunks))
        yield* Ref.update(objects, HashMap.set(key, new Uint8Array(bytes) as Uint8Array))
        return { key, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") }
      }),
    get: (object) =>
      Stream.unwrap(
        Effect.gen(function* (): Effect.fn.Return<
          Stream.Stream<Uint8Array, FileStorage.StoredObjectNotFound | FileStorage.StoredObjectCorrupt>
        > {
          const found = HashMap.get(yield* Ref.get(objects), object.key)
          if (found._tag === "None")
            return Stream.fail(new FileStorage.StoredObjectNotFound({ key: object.key }))
          const bytes = found.value
          if (
            bytes.length !== object.size ||
            createHash("sha256").update(bytes).digest("hex") !== object.sha256
          )
            return Stream.fail(
              new FileStorage.StoredObjectCorrupt({ key: object.key, reason: "differs from record" })
            )
          return Stream.make(bytes)
        })
      ),
    exists: (key) => Effect.map(Ref.get(objects), HashMap.has(key)),
    remove: (key) => Ref.update(objects, HashMap.remove(key)),
    sweep: () => Effect.succeed({ partialUploadsRemoved: 0 })
  }
  return { service, objects }
})

/** The storage, and the map of what it holds, for tests that assert nothing was stored. */
export class StoredObjects extends Context.Tag("openap/test/StoredObjects")<
  StoredObjects,
  Ref.Ref<HashMap.HashMap<FileStorage.StorageKey, Uint8Array>>
>() {}

export const layer: Layer.Layer<FileStorage.FileStorage | StoredObjects> = Layer.unwrapEffect(
  Effect.map(make, ({ service, objects }) =>
    Layer.merge(Layer.succeed(FileStorage.FileStorage, service), Layer.succeed(StoredObjects, objects))
  )
)
