import { randomBytes } from "node:crypto"
import { createWriteStream } from "node:fs"
import * as fs from "node:fs/promises"
import { join, resolve } from "node:path"
import type { Readable, Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import { FileStorage } from "@openap/core"
import { Clock, Config, type ConfigError, Duration, Effect, Layer, Option, Redacted, Stream } from "effect"
import {
  DEFAULT_CHUNK_BYTES,
  decryptor,
  encryptor,
  HEADER_BYTES,
  IntegrityError,
  type Measured,
  openHeader,
  sealHeader
} from "./Envelope.js"

type StorageKey = FileStorage.StorageKey
type StoredObject = FileStorage.StoredObject

export interface Options {
  /** Directory that holds the objects, the partial uploads and (embedded default) the master key. */
  readonly root: string
  /** 32 bytes. Wraps every file's own key; losing it loses every file. */
  readonly masterKey: Redacted.Redacted<Uint8Array>
  readonly chunkBytes?: number
}

// Keys are UUIDs by schema; checking again here means no caller can ever reach a path with one.
const KEY_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const isCode = (error: unknown, code: string): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === code

const failure = (operation: string) => (cause: unknown) =>
  new FileStorage.StorageFailure({ operation, cause })

/**
 * Drives an Effect stream into a Node writable with backpressure. Runs in the caller's fiber, so
 * the content's own typed error and interruption pass straight through.
 */
const writeStream = <E>(
  content: Stream.Stream<Uint8Array, E>,
  target: Transform
): Effect.Effect<void, E | FileStorage.StorageFailure> =>
  Stream.runForEach(content, (bytes) =>
    Effect.async<void, FileStorage.StorageFailure>((resume) => {
      if (target.destroyed) {
        resume(Effect.fail(failure("put")(target.errored ?? new Error("writer closed"))))
        return
      }
      if (target.write(bytes)) {
        resume(Effect.void)
        return
      }
      const onDrain = () => {
        target.off("close", onClose)
        resume(Effect.void)
      }
      const onClose = () => {
        target.off("drain", onDrain)
        resume(Effect.fail(failure("put")(target.errored ?? new Error("writer closed"))))
      }
      target.once("drain", onDrain)
      target.once("close", onClose)
      return Effect.sync(() => {
        target.off("drain", onDrain)
        target.off("close", onClose)
      })
    })
  )

/** Reads a stored file back through the decryptor; used for download and to verify a write. */
const openSealed = async (
  path: string,
  master: Buffer,
  key: StorageKey,
  expected: { readonly size: number; readonly sha256: string }
): Promise<Transform> => {
  const handle = await fs.open(path, "r")
  try {
    const header = Buffer.alloc(HEADER_BYTES)
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0)
    const { chunkBytes, fileKey } = openHeader(master, key, header.subarray(0, bytesRead))
    const source: Readable = handle.createReadStream({
      start: HEADER_BYTES,
      highWaterMark: 4 * (chunkBytes + 16)
    })
    const plain = decryptor(fileKey, key, chunkBytes, expected)
    // Errors from the file side surface on `plain`, and destroying `plain` closes the file.
    pipeline(source, plain).catch(() => undefined)
    return plain
  } catch (error) {
    await handle.close()
    throw error
  }
}

export const make = (
  options: Options
): Effect.Effect<FileStorage.FileStorageService, FileStorage.StorageFailure> =>
  Effect.gen(function* () {
    const root = resolve(options.root)
    const objects = join(root, "objects")
    const incoming = join(root, "incoming")
    const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES
    const master = Buffer.from(Redacted.value(options.masterKey))
    if (master.length !== 32) {
      return yield* Effect.fail(failure("open")(new Error("the master key must be 32 bytes")))
    }
    yield* Effect.tryPromise({
      try: async () => {
        await fs.mkdir(objects, { recursive: true, mode: 0o700 })
        await fs.mkdir(incoming, { recursive: true, mode: 0o700 })
      },
      catch: failure("open")
    })

    const checked = (key: StorageKey) =>
      KEY_SHAPE.test(key) ? Effect.succeed(key) : Effect.dieMessage("storage key is not a lower-case UUID")
    const objectDir = (key: StorageKey) => join(objects, key.slice(0, 2))
    const objectPath = (key: StorageKey) => join(objectDir(key), key)

    const exists = (key: StorageKey) =>
      checked(key).pipe(
        Effect.flatMap((key) =>
          Effect.tryPromise({
            try: () =>
              fs.stat(objectPath(key)).then(
                () => true,
                (error) => {
                  if (isCode(error, "ENOENT")) return false
                  throw error
                }
              ),
            catch: failure("exists")
          })
        )
      )

    const put = <E>(key: StorageKey, content: Stream.Stream<Uint8Array, E>) =>
      Effect.gen(function* () {
        yield* checked(key)
        if (yield* exists(key)) {
          return yield* Effect.fail(failure("put")(new Error(`an object is already stored under ${key}`)))
        }
        const partial = join(incoming, `${key}.${randomBytes(8).toString("hex")}.partial`)
        const { header, fileKey } = sealHeader(master, key, chunkBytes)
        const measured: Measured = { size: 0, sha256: "" }

        const write = Effect.suspend(() => {
          const sealer = encryptor(fileKey, key, chunkBytes, measured)
          // `flush` fsyncs before close: the file is on disk before it is verified and published.
          const file = createWriteStream(partial, {
            flags: "wx",
            mode: 0o600,
            flush: true,
            highWaterMark: 4 * chunkBytes
          })
          file.write(header)
          const written = pipeline(sealer, file)
          // Without this, a failure while `content` is still producing is an unhandled rejection.
          written.catch(() => undefined)
          // Wait for the descriptor to close, so the partial file cannot reappear after clean-up.
          const abandon = Effect.promise(
            () =>
              new Promise<void>((resolve) => {
                if (file.closed) return resolve()
                file.once("close", () => resolve())
                sealer.destroy()
                file.destroy()
              })
          )
          return writeStream(content, sealer).pipe(
            Effect.zipRight(Effect.sync(() => sealer.end())),
            Effect.zipRight(Effect.tryPromise({ try: () => written, catch: failure("put") })),
            Effect.onError(() => abandon)
          )
        })

        // Read the sealed file back before it becomes visible: what is published is known good.
        const verify = Effect.tryPromise({
          try: async () => {
            const plain = await openSealed(partial, master, key, measured)
            for await (const _ of plain) {
              // Draining is the check: the decryptor fails on any mismatch.
            }
          },
          catch: failure("verify")
        })

        // link() refuses to replace an existing object, where rename() would silently overwrite.
        const publish = Effect.tryPromise({
          try: async () => {
            await fs.mkdir(objectDir(key), { recursive: true, mode: 0o700 })
            await fs.link(partial, objectPath(key))
            await fs.unlink(partial)
            const dir = await fs.open(objectDir(key), "r")
            try {
              await dir.sync()
            } finally {
              await dir.close()
            }
          },
          catch: failure("put")
        })

        yield* Effect.all([write, verify, publish], { discard: true }).pipe(
          Effect.onExit(() => Effect.promise(() => fs.rm(partial, { force: true }).catch(() => undefined)))
        )
        return { key, size: measured.size, sha256: measured.sha256 } satisfies StoredObject
      })

    const get = (object: StoredObject) =>
      Stream.unwrapScoped(
        Effect.gen(function* () {
          const key = yield* checked(object.key)
          const plain = yield* Effect.acquireRelease(
            Effect.tryPromise({
              try: () => openSealed(objectPath(key), master, key, object),
              catch: (error) =>
                isCode(error, "ENOENT")
                  ? new FileStorage.StoredObjectNotFound({ key })
                  : error instanceof IntegrityError
                    ? new FileStorage.StoredObjectCorrupt({ key, reason: error.message })
                    : failure("get")(error)
            }),
            (plain) => Effect.sync(() => plain.destroy())
          )
          return Stream.fromAsyncIterable(plain, (error) =>
            error instanceof IntegrityError
              ? new FileStorage.StoredObjectCorrupt({ key, reason: error.message })
              : failure("get")(error)
          )
        })
      )

    const remove = (key: StorageKey) =>
      checked(key).pipe(
        Effect.flatMap((key) =>
          Effect.tryPromise({
            try: async () => {
              const path = objectPath(key)
              // Overwrite the wrapped file key first: on a disk that keeps freed blocks, what is
              // left is ciphertext without any key that could open it.
              try {
                const handle = await fs.open(path, "r+")
                try {
                  await handle.write(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, 0)
                  await handle.sync()
                } finally {
                  await handle.close()
                }
              } catch (error) {
                if (isCode(error, "ENOENT")) return
                throw error
              }
              await fs.rm(path, { force: true })
            },
            catch: failure("remove")
          })
        )
      )

    const sweep = (idleFor: Duration.Duration) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const cutoff = now - Duration.toMillis(idleFor)
        const removed = yield* Effect.tryPromise({
          try: async () => {
            let count = 0
            for (const name of await fs.readdir(incoming)) {
              const path = join(incoming, name)
              const stat = await fs.stat(path).catch(() => undefined)
              if (stat !== undefined && stat.mtimeMs <= cutoff) {
                await fs.rm(path, { force: true })
                count += 1
              }
            }
            return count
          },
          catch: failure("sweep")
        })
        return { partialUploadsRemoved: removed }
      })

    return { put, get, exists, remove, sweep } satisfies FileStorage.FileStorageService
  })

export const layer = (options: Options): Layer.Layer<FileStorage.FileStorage, FileStorage.StorageFailure> =>
  Layer.effect(FileStorage.FileStorage, make(options))

/**
 * Reads or, on first start, creates the master key kept beside the files. This is the embedded
 * default; a deployment that sets FILE_STORAGE_MASTER_KEY keeps the key away from the data.
 */
export const loadOrCreateMasterKey = (
  path: string
): Effect.Effect<Redacted.Redacted<Uint8Array>, FileStorage.StorageFailure> =>
  Effect.tryPromise({
    try: async () => {
      const read = async () => {
        const key = Buffer.from((await fs.readFile(path, "utf8")).trim(), "base64")
        if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`)
        return key
      }
      try {
        return Redacted.make<Uint8Array>(await read())
      } catch (error) {
        if (!isCode(error, "ENOENT")) throw error
      }
      try {
        await fs.writeFile(path, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 })
      } catch (error) {
        // Another process made it first: use theirs.
        if (!isCode(error, "EEXIST")) throw error
      }
      return Redacted.make<Uint8Array>(await read())
    },
    catch: failure("open")
  })

/** Config: DATA_DIR (default ./data; files go in its `files` folder) and, optionally, FILE_STORAGE_MASTER_KEY (base64, 32 bytes). */
export const layerConfig: Layer.Layer<
  FileStorage.FileStorage,
  FileStorage.StorageFailure | ConfigError.ConfigError
> = Layer.effect(
  FileStorage.FileStorage,
  Effect.gen(function* () {
    const dataDir = yield* Config.string("DATA_DIR").pipe(Config.withDefault("./data"))
    // The folder the embedded database uses too (see Store.layer): relative to where pnpm was run.
    const invokedIn = yield* Config.option(Config.string("INIT_CWD"))
    const root = resolve(
      Option.getOrElse(invokedIn, () => "."),
      dataDir,
      "files"
    )
    const configured = yield* Config.option(Config.redacted("FILE_STORAGE_MASTER_KEY"))
    yield* Effect.tryPromise({
      try: () => fs.mkdir(root, { recursive: true, mode: 0o700 }),
      catch: failure("open")
    })
    const masterKey = yield* Option.match(configured, {
      onNone: () => loadOrCreateMasterKey(join(root, "master.key")),
      onSome: (secret) => {
        const key = Buffer.from(Redacted.value(secret), "base64")
        return key.length === 32
          ? Effect.succeed(Redacted.make<Uint8Array>(key))
          : Effect.fail(failure("open")(new Error("FILE_STORAGE_MASTER_KEY must be 32 bytes, base64")))
      }
    })
    return yield* make({ root, masterKey })
  })
)
