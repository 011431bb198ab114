import { type ChildProcess, spawn } from "node:child_process"
import { randomBytes, randomUUID } from "node:crypto"
import * as fs from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { FileStorage } from "@openap/core"
import {
  Chunk,
  Duration,
  Effect,
  Either,
  Exit,
  Fiber,
  FastCheck as fc,
  Option,
  Redacted,
  Stream
} from "effect"

import { HEADER_BYTES, TAG_BYTES } from "../src/storage/Envelope.js"
import * as FileStorageFs from "../src/storage/FileStorageFs.js"
import { generated, sha256Of } from "./storage/Generated.js"

const CHUNK = 1024
const masterKeyBytes = randomBytes(32)
const masterKey = Redacted.make<Uint8Array>(masterKeyBytes)

const freshRoot = () => Effect.promise(() => fs.mkdtemp(join(tmpdir(), "openap-storage-")))
const newKey = () => FileStorage.StorageKey.make(randomUUID())
const open = (root: string, chunkBytes = CHUNK, key = masterKey) =>
  FileStorageFs.make({ root, masterKey: key, chunkBytes })

const collect = <E>(stream: Stream.Stream<Uint8Array, E>) =>
  Stream.runCollect(stream).pipe(Effect.map((chunks) => Buffer.concat(Chunk.toArray(chunks))))

const objectFile = (root: string, key: string) => join(root, "objects", key.slice(0, 2), key)
const listFiles = (dir: string) => fs.readdir(dir, { recursive: true, withFileTypes: true })
const filesUnder = (dir: string) =>
  Effect.promise(async () => (await listFiles(dir)).filter((entry) => entry.isFile()).map((e) => e.name))

/** Splits `bytes` at the given points, so inputs arrive in every shape a network would produce. */
const pieces = (bytes: Uint8Array, cuts: ReadonlyArray<number>) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const out: Array<Uint8Array> = []
  let last = 0
  for (const point of [...points, bytes.length]) {
    out.push(bytes.subarray(last, point))
    last = point
  }
  return Stream.fromIterable(out)
}

describe("FileStorageFs", () => {
  it.effect.prop(
    "gives back exactly the bytes it was given, however they arrive",
    [fc.uint8Array({ maxLength: 5 * CHUNK + 7 }), fc.array(fc.nat(), { maxLength: 12 })],
    ([bytes, cuts]) =>
      Effect.gen(function* () {
        const root = yield* freshRoot()
        const storage = yield* open(root)
        const key = newKey()
        const stored = yield* storage.put(key, pieces(bytes, cuts))
        expect(stored).toEqual({ key, size: bytes.length, sha256: sha256Of(bytes) })
        const back = yield* collect(storage.get(stored))
        expect(back.equals(Buffer.from(bytes))).toBe(true)
        yield* Effect.promise(() => fs.rm(root, { recursive: true }))
      }),
    { fastCheck: { numRuns: 40 } }
  )

  it.effect("round-trips the sizes around a chunk boundary, including an empty file", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK]) {
        const bytes = randomBytes(size)
        const stored = yield* storage.put(newKey(), Stream.make(new Uint8Array(bytes)))
        expect(stored.size).toBe(size)
        const stat = yield* Effect.promise(() => fs.stat(objectFile(root, stored.key)))
        // One final chunk even when empty; a full last chunk is the final one, not followed by an empty one.
        const chunks = Math.max(1, Math.ceil(size / CHUNK))
        expect(stat.size).toBe(HEADER_BYTES + size + chunks * TAG_BYTES)
        expect((yield* collect(storage.get(stored))).equals(bytes)).toBe(true)
      }
    })
  )

  it.effect("keeps contents encrypted at rest, owner-only, under the key and never the filename", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      const secret = Buffer.from("Safeguarding concern about a named child. ".repeat(100))
      const stored = yield* storage.put(newKey(), Stream.make(new Uint8Array(secret)))
      const onDisk = yield* Effect.promise(() => fs.readFile(objectFile(root, stored.key)))
      expect(onDisk.includes(Buffer.from("Safeguarding"))).toBe(false)
      const stat = yield* Effect.promise(() => fs.stat(objectFile(root, stored.key)))
      expect(stat.mode & 0o077).toBe(0)
      expect(yield* filesUnder(join(root, "objects"))).toEqual([stored.key])
    })
  )

  it.effect("uses a fresh file key per file: the same bytes twice are sealed differently", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      const bytes = new Uint8Array(randomBytes(3000))
      const a = yield* storage.put(newKey(), Stream.make(bytes))
      const b = yield* storage.put(newKey(), Stream.make(bytes))
      const [fileA, fileB] = yield* Effect.promise(() =>
        Promise.all([fs.readFile(objectFile(root, a.key)), fs.readFile(objectFile(root, b.key))])
      )
      expect(fileA.subarray(HEADER_BYTES).equals(fileB.subarray(HEADER_BYTES))).toBe(false)
    })
  )

  describe("refuses stored bytes that are not what was written, before releasing them", () => {
    const tampered = (mutate: (file: Buffer, root: string, key: string) => Promise<void> | void) =>
      Effect.gen(function* () {
        const root = yield* freshRoot()
        const storage = yield* open(root)
        const bytes = randomBytes(4 * CHUNK + 100)
        const stored = yield* storage.put(newKey(), Stream.make(new Uint8Array(bytes)))
        const path = objectFile(root, stored.key)
        const file = yield* Effect.promise(() => fs.readFile(path))
        yield* Effect.promise(async () => {
          await mutate(file, root, stored.key)
          await fs.writeFile(path, file)
        })
        let released = 0
        const result = yield* storage.get(stored).pipe(
          Stream.runForEach((chunk) => Effect.sync(() => (released += chunk.length))),
          Effect.either
        )
        return { result, released, bytes, storage, stored, root }
      })
    const chunkAt = (index: number) => HEADER_BYTES + index * (CHUNK + TAG_BYTES)

    it.effect("one flipped bit in the third chunk: nothing of the third comes out", () =>
      Effect.gen(function* () {
        const { result, released } = yield* tampered((file) => {
          file[chunkAt(2) + 10]! ^= 1
        })
        expect(Either.getLeft(result).pipe(Option.map((e) => e._tag))).toEqual(
          Option.some("StoredObjectCorrupt")
        )
        // Chunks read in the same disk read as the bad one may be dropped with it; none past it.
        expect(released).toBeLessThanOrEqual(2 * CHUNK)
      })
    )

    it.effect("a flipped bit in a tag", () =>
      Effect.gen(function* () {
        const { result } = yield* tampered((file) => {
          file[chunkAt(1) - 1]! ^= 0x80
        })
        expect(Either.isLeft(result) && result.left._tag).toBe("StoredObjectCorrupt")
      })
    )

    it.effect("two chunks swapped", () =>
      Effect.gen(function* () {
        const { result, released } = yield* tampered((file) => {
          const first = Buffer.from(file.subarray(chunkAt(0), chunkAt(1)))
          file.copy(file, chunkAt(0), chunkAt(1), chunkAt(2))
          first.copy(file, chunkAt(1))
        })
        expect(Either.isLeft(result) && result.left._tag).toBe("StoredObjectCorrupt")
        expect(released).toBe(0)
      })
    )

    it.effect("cut short at a chunk boundary (the final flag is missing)", () =>
      Effect.gen(function* () {
        const root = yield* freshRoot()
        const storage = yield* open(root)
        const stored = yield* storage.put(newKey(), Stream.make(new Uint8Array(randomBytes(4 * CHUNK))))
        yield* Effect.promise(() => fs.truncate(objectFile(root, stored.key), chunkAt(2)))
        const result = yield* Effect.either(collect(storage.get(stored)))
        expect(Either.isLeft(result) && result.left._tag).toBe("StoredObjectCorrupt")
      })
    )

    it.effect("a header that does not belong (another object's file under this key)", () =>
      Effect.gen(function* () {
        const root = yield* freshRoot()
        const storage = yield* open(root)
        const a = yield* storage.put(newKey(), Stream.make(new Uint8Array(randomBytes(100))))
        const b = yield* storage.put(newKey(), Stream.make(new Uint8Array(randomBytes(100))))
        yield* Effect.promise(() => fs.copyFile(objectFile(root, a.key), objectFile(root, b.key)))
        const result = yield* Effect.either(collect(storage.get({ ...a, key: b.key })))
        expect(Either.isLeft(result) && result.left._tag).toBe("StoredObjectCorrupt")
      })
    )

    it.effect("a record whose size or hash differ from what was stored", () =>
      Effect.gen(function* () {
        const root = yield* freshRoot()
        const storage = yield* open(root)
        const stored = yield* storage.put(newKey(), Stream.make(new Uint8Array(randomBytes(100))))
        const wrongHash = yield* Effect.either(collect(storage.get({ ...stored, sha256: "0".repeat(64) })))
        const wrongSize = yield* Effect.either(collect(storage.get({ ...stored, size: 99 })))
        expect(Either.isLeft(wrongHash) && wrongHash.left._tag).toBe("StoredObjectCorrupt")
        expect(Either.isLeft(wrongSize) && wrongSize.left._tag).toBe("StoredObjectCorrupt")
      })
    )

    it.effect("another master key cannot open the file", () =>
      Effect.gen(function* () {
        const root = yield* freshRoot()
        const storage = yield* open(root)
        const stored = yield* storage.put(newKey(), Stream.make(new Uint8Array(randomBytes(100))))
        const other = yield* open(root, CHUNK, Redacted.make<Uint8Array>(randomBytes(32)))
        const result = yield* Effect.either(collect(other.get(stored)))
        expect(Either.isLeft(result) && result.left._tag).toBe("StoredObjectCorrupt")
      })
    )
  })

  it.effect("leaves nothing behind when the content fails midway, and returns the content's own error", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      const key = newKey()
      const failing = Stream.concat(generated(10 * CHUNK).stream, Stream.fail("too large" as const))
      const result = yield* Effect.either(storage.put(key, failing))
      expect(result).toEqual(Either.left("too large"))
      expect(yield* storage.exists(key)).toBe(false)
      expect(yield* filesUnder(root)).toEqual([])
    })
  )

  it.effect("leaves nothing behind when the upload is interrupted", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      const key = newKey()
      const slow = Stream.repeatValue(new Uint8Array(CHUNK)).pipe(Stream.tap(() => Effect.sleep("1 millis")))
      const fiber = yield* Effect.fork(storage.put(key, slow))
      yield* Effect.promise(async () => {
        while ((await fs.readdir(join(root, "incoming"))).length === 0)
          await new Promise((r) => setTimeout(r, 5))
      })
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect(yield* filesUnder(root)).toEqual([])
    })
  )

  it.effect("never replaces a stored object", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      const key = newKey()
      const original = randomBytes(50)
      const stored = yield* storage.put(key, Stream.make(new Uint8Array(original)))
      const again = yield* Effect.either(storage.put(key, Stream.make(new Uint8Array(randomBytes(50)))))
      expect(Either.isLeft(again) && again.left._tag).toBe("StorageFailure")
      expect((yield* collect(storage.get(stored))).equals(original)).toBe(true)
    })
  )

  it.effect("removes an object with its key; reading it then finds nothing", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      const stored = yield* storage.put(newKey(), Stream.make(new Uint8Array(randomBytes(50))))
      yield* storage.remove(stored.key)
      yield* storage.remove(stored.key)
      expect(yield* storage.exists(stored.key)).toBe(false)
      const result = yield* Effect.either(collect(storage.get(stored)))
      expect(Either.isLeft(result) && result.left._tag).toBe("StoredObjectNotFound")
    })
  )

  it.effect("refuses a key that is not a lower-case UUID, before touching the disk", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const storage = yield* open(root)
      const exit = yield* Effect.exit(
        storage.put("../../etc/passwd" as FileStorage.StorageKey, Stream.make(new Uint8Array(1)))
      )
      expect(Exit.isFailure(exit) && Exit.isFailure(exit) && exit.cause._tag).toBe("Die")
      expect(yield* filesUnder(root)).toEqual([])
    })
  )

  it.effect("keeps one generated master key, owner-only, across restarts", () =>
    Effect.gen(function* () {
      const root = yield* freshRoot()
      const path = join(root, "master.key")
      const first = yield* FileStorageFs.loadOrCreateMasterKey(path)
      const second = yield* FileStorageFs.loadOrCreateMasterKey(path)
      expect(Buffer.from(Redacted.value(first)).equals(Buffer.from(Redacted.value(second)))).toBe(true)
      expect(Redacted.value(first).length).toBe(32)
      const stat = yield* Effect.promise(() => fs.stat(path))
      expect(stat.mode & 0o077).toBe(0)
    })
  )

  it.effect(
    "streams 320 MB in and out with flat memory",
    () =>
      Effect.gen(function* () {
        const root = yield* freshRoot()
        // The production chunk size: this is the shape the service runs in.
        const storage = yield* FileStorageFs.make({ root, masterKey })
        const total = 320 * 1024 * 1024
        const source = generated(total)
        const baseline = process.memoryUsage().rss
        let peak = baseline
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss)
        }, 20)
        const stored = yield* storage.put(newKey(), source.stream)
        expect(stored.size).toBe(total)
        expect(stored.sha256).toBe(source.sha256())
        let size = 0
        const hash = (yield* Effect.promise(() => import("node:crypto"))).createHash("sha256")
        yield* storage.get(stored).pipe(
          Stream.runForEach((chunk) =>
            Effect.sync(() => {
              size += chunk.length
              hash.update(chunk)
            })
          )
        )
        clearInterval(sampler)
        expect(size).toBe(total)
        expect(hash.digest("hex")).toBe(source.sha256())
        // A buffered file would add 320 MB or more; streaming holds a few chunks. The margin is for
        // chunks already dropped but not yet collected, which RSS counts until the GC runs.
        expect(peak - baseline, `grew by ${Math.round((peak - baseline) / 1048576)} MiB`).toBeLessThan(
          128 * 1024 * 1024
        )
        yield* Effect.promise(() => fs.rm(root, { recursive: true }))
      }),
    120_000
  )

  it("a process killed mid-upload leaves nothing visible, and the sweep leaves nothing at all", async () => {
    const root = await fs.mkdtemp(join(tmpdir(), "openap-storage-"))
    const key = newKey()
    const child: ChildProcess = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(import.meta.dirname, "storage/crashingUpload.ts"),
        root,
        masterKeyBytes.toString("base64"),
        key
      ],
      { stdio: ["ignore", "ignore", "pipe"] }
    )
    let stderr = ""
    child.stderr?.on("data", (d) => (stderr += d))
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal))
    )
    const incoming = join(root, "incoming")
    const deadline = Date.now() + 20_000
    for (;;) {
      const names = await fs.readdir(incoming).catch(() => [] as string[])
      const sizes = await Promise.all(names.map((n) => fs.stat(join(incoming, n)).then((s) => s.size)))
      if (sizes.some((s) => s > 256 * 1024)) break
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`upload never started: ${stderr}`)
      await new Promise((r) => setTimeout(r, 20))
    }
    child.kill("SIGKILL")
    expect(await exited).toBe("SIGKILL")

    await Effect.runPromise(
      Effect.gen(function* () {
        const storage = yield* FileStorageFs.make({ root, masterKey })
        expect(yield* storage.exists(key)).toBe(false)
        const read = yield* Effect.either(collect(storage.get({ key, size: 0, sha256: "0".repeat(64) })))
        expect(Either.isLeft(read) && read.left._tag).toBe("StoredObjectNotFound")
        expect(yield* filesUnder(join(root, "objects"))).toEqual([])
        // A partial upload that is still being written is left alone...
        expect((yield* storage.sweep(Duration.hours(1))).partialUploadsRemoved).toBe(0)
        // ...and one nobody has touched for the idle period is removed.
        expect((yield* storage.sweep(Duration.zero)).partialUploadsRemoved).toBe(1)
        expect(yield* filesUnder(root)).toEqual([])
      })
    )
  }, 60_000)
})
