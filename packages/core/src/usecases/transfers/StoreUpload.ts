import { Effect, Either, Option, Stream } from "effect"
import type { Actor } from "../../Actor.js"
import { TransferFileId } from "../../Ids.js"
import { FileFormatDetector } from "../../ports/FileFormatDetector.js"
import { FileStorage, type StorageFailure, StorageKey, type StoredObject } from "../../ports/FileStorage.js"
import { type IdGenerator, newId } from "../../ports/IdGenerator.js"
import * as FileFormat from "./FileFormat.js"
import * as FileName from "./FileName.js"
import { TransferNotPermitted } from "./TransferNotPermitted.js"
import { mayUse } from "./TransferRights.js"
import type { TransferSettings } from "./TransferSettings.js"
import { UploadRejected } from "./UploadRejected.js"

/** A file whose bytes are stored, checked and encrypted, waiting to be addressed in a draft. */
export interface StagedFile {
  readonly id: TransferFileId
  readonly filename: string
  readonly format: FileFormat.FileFormat
  readonly stored: StoredObject
}

export interface Upload<E> {
  /** As the sender's browser named it; checked, and kept for display only. */
  readonly filename: string
  readonly content: Stream.Stream<Uint8Array, E>
}

/**
 * Lets `content` through to storage only while it keeps to the limits: nothing reaches the store
 * before the first bytes are recognised as an accepted format, the stream fails the moment it
 * passes the size limit, and an empty file fails at its end. Failing the stream is what makes the
 * store throw the partial file away.
 */
const guarded = <E>(
  filename: string,
  content: Stream.Stream<Uint8Array, E>,
  maxBytes: number,
  detect: (head: Uint8Array, complete: boolean) => Effect.Effect<Option.Option<FileFormat.FileFormat>>,
  found: (format: FileFormat.FileFormat) => void
): Stream.Stream<Uint8Array, E | UploadRejected> =>
  Stream.suspend(() => {
    const reject = (reason: UploadRejected["reason"]) => new UploadRejected({ filename, reason })
    let seen = 0
    let held: Array<Uint8Array> = []
    let checked = false
    const release = (complete: boolean) => {
      const head = new Uint8Array(seen)
      let at = 0
      for (const part of held) {
        head.set(part, at)
        at += part.length
      }
      held = []
      checked = true
      return Effect.flatMap(detect(head, complete), (format) =>
        Option.match(format, {
          onNone: () => Effect.fail(reject("format")),
          onSome: (format) => Effect.sync(() => found(format)).pipe(Effect.as([head]))
        })
      )
    }
    const body = content.pipe(
      Stream.mapEffect((bytes): Effect.Effect<ReadonlyArray<Uint8Array>, UploadRejected> => {
        seen += bytes.length
        if (seen > maxBytes) return Effect.fail(reject("too-large"))
        if (checked) return Effect.succeed([bytes])
        held.push(bytes)
        return seen < FileFormat.headBytes ? Effect.succeed([]) : release(false)
      }),
      Stream.flattenIterables
    )
    const end = Stream.suspend(() =>
      seen === 0
        ? Stream.fail(reject("empty"))
        : checked
          ? Stream.empty
          : Stream.fromEffect(release(true)).pipe(Stream.flattenIterables)
    )
    return Stream.concat(body, end)
  })

/**
 * Streams one file of an upload into storage under a fresh id, checking its name, size and format
 * on the way. Refused files leave nothing stored. Run before the batch is addressed, so a large
 * file is never held anywhere but encrypted on disk.
 */
export const storeUpload = <E>(
  actor: Actor,
  settings: TransferSettings,
  upload: Upload<E>
): Effect.Effect<
  StagedFile,
  E | UploadRejected | TransferNotPermitted | StorageFailure,
  FileStorage | FileFormatDetector | IdGenerator
> =>
  Effect.gen(function* () {
    if (!mayUse(actor)) return yield* Effect.fail(new TransferNotPermitted({ action: "send" }))
    const filename = yield* Either.match(FileName.check(upload.filename), {
      onLeft: (reason) => Effect.fail(new UploadRejected({ filename: upload.filename, reason })),
      onRight: Effect.succeed
    })
    const storage = yield* FileStorage
    const detector = yield* FileFormatDetector
    const id = yield* newId(TransferFileId)
    let format: FileFormat.FileFormat | undefined
    const stored = yield* storage.put(
      StorageKey.make(id),
      guarded(filename, upload.content, settings.maxFileBytes, detector.detect, (f) => {
        format = f
      })
    )
    // The guard fails the stream unless a format was found, so the store cannot have finished without one.
    if (format === undefined) return yield* Effect.dieMessage("stored a file of no recognised format")
    return { id, filename, format, stored }
  })

/** Deletes stored files with their keys; a file already gone is not an error. */
export const removeStored = (keys: ReadonlyArray<string>): Effect.Effect<void, StorageFailure, FileStorage> =>
  Effect.flatMap(FileStorage, (storage) =>
    Effect.forEach(keys, (key) => storage.remove(StorageKey.make(key)), { discard: true })
  )

/** Throws staged files away: the sender cancelled, or another file of the same upload was refused. */
export const discardUploads = (
  staged: ReadonlyArray<StagedFile>
): Effect.Effect<void, StorageFailure, FileStorage> => removeStored(staged.map((file) => file.stored.key))
