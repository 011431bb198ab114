import { DateTime, Effect, Option, type Stream } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import type { TransferFileId } from "../../Ids.js"
import type { TransferFile } from "../../model/Transfer.js"
import type { AuditLog } from "../../ports/AuditLog.js"
import {
  FileStorage,
  type StorageFailure,
  StorageKey,
  type StoredObjectCorrupt,
  type StoredObjectNotFound
} from "../../ports/FileStorage.js"
import { TransferRepository } from "../../ports/TransferRepository.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import * as TransferAudit from "./TransferAudit.js"
import { TransferFileNotFound } from "./TransferFileNotFound.js"
import { TransferNotPermitted } from "./TransferNotPermitted.js"
import { mayUse } from "./TransferRights.js"

/** A file opened for download: its record, and its bytes, each chunk verified as it is read. */
export interface Opened {
  readonly file: TransferFile
  readonly content: Stream.Stream<Uint8Array, StoredObjectNotFound | StoredObjectCorrupt | StorageFailure>
}

/** The actor's incoming file, or not found: someone else's file looks exactly like no file. */
const incomingFile = (actor: Actor, fileId: TransferFileId) =>
  Effect.gen(function* () {
    if (!mayUse(actor)) return yield* Effect.fail(new TransferNotPermitted({ action: "receive" }))
    const found = yield* (yield* TransferRepository).findIncomingFile(
      { organisationId: actor.organisationId, roles: actor.roles },
      fileId
    )
    if (
      Option.isNone(found) ||
      found.value.recipientOrganisationId !== actor.organisationId ||
      !Access.canSeeTransferFile(actor, found.value)
    ) {
      return yield* Effect.fail(new TransferFileNotFound({ fileId }))
    }
    return found.value
  })

const recordAccess = (actor: Actor, kind: "view" | "download", files: ReadonlyArray<TransferFile>) =>
  Effect.gen(function* () {
    const repository = yield* TransferRepository
    const at = yield* DateTime.now
    yield* (yield* UnitOfWork).transaction(
      Effect.forEach(
        files,
        (file) =>
          repository
            .recordAccess({
              fileId: file.id,
              userId: actor.userId,
              organisationId: actor.organisationId,
              kind,
              at
            })
            .pipe(Effect.zipRight(TransferAudit.record(actor, kind, file))),
        { discard: true }
      )
    )
  })

/** One incoming file's details, recorded as a view (who, when) for the sender and the audit log. */
export const viewFile = (
  actor: Actor,
  fileId: TransferFileId
): Effect.Effect<
  TransferFile,
  TransferNotPermitted | TransferFileNotFound,
  TransferRepository | UnitOfWork | AuditLog
> => Effect.tap(incomingFile(actor, fileId), (file) => recordAccess(actor, "view", [file]))

/**
 * Opens incoming files for download. All are checked before any is opened: one file the actor may
 * not see refuses the lot, and nothing is recorded. The downloads are recorded before a byte is sent.
 */
export const downloadFiles = (
  actor: Actor,
  fileIds: ReadonlyArray<TransferFileId>
): Effect.Effect<
  ReadonlyArray<Opened>,
  TransferNotPermitted | TransferFileNotFound,
  TransferRepository | UnitOfWork | AuditLog | FileStorage
> =>
  Effect.gen(function* () {
    const files = yield* Effect.forEach(fileIds, (id) => incomingFile(actor, id))
    yield* recordAccess(actor, "download", files)
    const storage = yield* FileStorage
    return files.map((file) => ({
      file,
      content: storage.get({
        key: StorageKey.make(file.storageKey),
        size: file.sizeBytes,
        sha256: file.sha256
      })
    }))
  })

/** One incoming file, opened for download. */
export const downloadFile = (actor: Actor, fileId: TransferFileId) =>
  Effect.map(downloadFiles(actor, [fileId]), (opened) => opened[0] as Opened)
