import { DateTime, Effect } from "effect"
import type { AuditLog } from "../../ports/AuditLog.js"
import { FileStorage, type StorageFailure, StorageKey } from "../../ports/FileStorage.js"
import { TransferRepository } from "../../ports/TransferRepository.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import * as TransferAudit from "./TransferAudit.js"
import type { TransferSettings } from "./TransferSettings.js"

export interface ExpiryReport {
  readonly filesDeleted: number
  readonly partialUploadsRemoved: number
}

/**
 * The retention job: deletes every file whose time is up (sent or left as a draft), its bytes and
 * its key first and then its record, so a crash between the two leaves a record whose file is gone
 * (retried next run, and harmless) rather than a file nobody knows of. Then removes partial uploads
 * abandoned by a crash. Safe to run in several workers at once: removing twice is not an error.
 */
export const expireFiles = (
  settings: TransferSettings
): Effect.Effect<ExpiryReport, StorageFailure, TransferRepository | FileStorage | UnitOfWork | AuditLog> =>
  Effect.gen(function* () {
    const repository = yield* TransferRepository
    const storage = yield* FileStorage
    const now = yield* DateTime.now
    const due = yield* repository.expired(now)
    for (const file of due) {
      yield* storage.remove(StorageKey.make(file.storageKey))
      yield* (yield* UnitOfWork).transaction(
        repository
          .markDeleted(file.id, now)
          .pipe(
            Effect.zipRight(TransferAudit.record({ _tag: "System", name: "transfer-expiry" }, "expire", file))
          )
      )
    }
    const swept = yield* storage.sweep(settings.abandonedUploadAfter)
    return { filesDeleted: due.length, partialUploadsRemoved: swept.partialUploadsRemoved }
  })
