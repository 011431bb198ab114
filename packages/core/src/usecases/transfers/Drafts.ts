import { DateTime, Effect, Option } from "effect"
import type { Actor } from "../../Actor.js"
import { TransferBatchId } from "../../Ids.js"
import type { Organisation } from "../../model/Organisation.js"
import type { TransferBatch, TransferFile } from "../../model/Transfer.js"
import type { AuditLog } from "../../ports/AuditLog.js"
import type { FileStorage, StorageFailure } from "../../ports/FileStorage.js"
import { type IdGenerator, newId } from "../../ports/IdGenerator.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import type { Outbox } from "../../ports/Outbox.js"
import { TransferRepository } from "../../ports/TransferRepository.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import type { UserRepository } from "../../ports/UserRepository.js"
import type * as TransferRoute from "../../TransferRoute.js"
import { type CheckedAddress, checkAddress, type FileAddress } from "./Addressing.js"
import * as FileFormat from "./FileFormat.js"
import type { InvalidAddress } from "./InvalidAddress.js"
import { InvalidBatch } from "./InvalidBatch.js"
import { discardUploads, removeStored, type StagedFile } from "./StoreUpload.js"
import * as TransferAudit from "./TransferAudit.js"
import { TransferBatchNotFound } from "./TransferBatchNotFound.js"
import type { TransferNotPermitted } from "./TransferNotPermitted.js"
import { enqueueArrivals } from "./TransferReceived.js"
import type { TransferSettings } from "./TransferSettings.js"

export interface DraftItem {
  readonly staged: StagedFile
  readonly address: FileAddress
}

export type DraftError =
  | TransferNotPermitted
  | TransferRoute.RouteNotPermitted
  | InvalidAddress
  | InvalidBatch

/**
 * Turns staged uploads into a draft batch for the sender to review. Every file's address is checked
 * before anything is written; if any is refused, or writing fails, every staged file is removed
 * from storage, so a refused batch leaves nothing behind. Recipients see nothing until confirmed.
 */
export const createDraft = (
  actor: Actor,
  settings: TransferSettings,
  items: ReadonlyArray<DraftItem>
): Effect.Effect<
  TransferBatchId,
  DraftError | StorageFailure,
  OrganisationRepository | TransferRepository | UnitOfWork | AuditLog | IdGenerator | FileStorage
> =>
  Effect.gen(function* () {
    if (items.length === 0) return yield* Effect.fail(new InvalidBatch({ reason: "no-files", limit: 1 }))
    if (items.length > settings.maxFilesPerBatch)
      return yield* Effect.fail(
        new InvalidBatch({ reason: "too-many-files", limit: settings.maxFilesPerBatch })
      )
    const checked = yield* Effect.forEach(items, (item, index) => checkAddress(actor, index, item.address))
    const now = yield* DateTime.now
    const batch: TransferBatch = {
      id: yield* newId(TransferBatchId),
      senderOrganisationId: actor.organisationId,
      senderUserId: actor.userId,
      createdAt: now
    }
    const expiresAt = DateTime.addDuration(now, settings.retention)
    const files = items.map(({ staged }, index): TransferFile => {
      const address = checked[index] as CheckedAddress
      return {
        id: staged.id,
        batchId: batch.id,
        senderOrganisationId: actor.organisationId,
        recipientOrganisationId: address.recipient.id,
        ...(address.recipientRole === undefined ? {} : { recipientRole: address.recipientRole }),
        documentType: address.documentType,
        description: address.description,
        filename: staged.filename,
        contentType: FileFormat.contentType[staged.format],
        sizeBytes: staged.stored.size,
        sha256: staged.stored.sha256,
        storageKey: staged.stored.key,
        expiresAt
      }
    })
    const repository = yield* TransferRepository
    yield* (yield* UnitOfWork).transaction(
      Effect.gen(function* () {
        yield* repository.createBatch(batch, files)
        yield* Effect.forEach(files, (file) => TransferAudit.record(actor, "upload", file), { discard: true })
      })
    )
    return batch.id
  }).pipe(Effect.onError(() => discardUploads(items.map((i) => i.staged)).pipe(Effect.ignore)))

/** A draft as its sender reviews it: each file with its recipient organisation. */
export interface DraftReview {
  readonly batch: TransferBatch
  readonly files: ReadonlyArray<{ readonly file: TransferFile; readonly recipient: Organisation }>
}

/** The actor's own unsent draft: only the person who uploaded it may review, send or cancel it. */
const ownDraft = (actor: Actor, batchId: TransferBatchId) =>
  Effect.gen(function* () {
    const found = yield* (yield* TransferRepository).findBatch(actor.organisationId, batchId)
    if (
      Option.isNone(found) ||
      found.value.batch.senderUserId !== actor.userId ||
      found.value.batch.confirmedAt !== undefined
    ) {
      return yield* Effect.fail(new TransferBatchNotFound({ batchId }))
    }
    return found.value
  })

export const reviewDraft = (
  actor: Actor,
  batchId: TransferBatchId
): Effect.Effect<DraftReview, TransferBatchNotFound, TransferRepository | OrganisationRepository> =>
  Effect.gen(function* () {
    const { batch, files } = yield* ownDraft(actor, batchId)
    const organisations = yield* OrganisationRepository
    const withRecipients = yield* Effect.forEach(files, (file) =>
      organisations.findById(file.recipientOrganisationId).pipe(
        Effect.flatMap(
          Option.match({ onNone: () => Effect.dieMessage("recipient vanished"), onSome: Effect.succeed })
        ),
        Effect.map((recipient) => ({ file, recipient }))
      )
    )
    return { batch, files: withRecipients }
  })

/**
 * Sends a draft: the whole batch becomes visible to its recipients at once, each file's confirmation
 * is audited and each recipient (organisation and role) is told through the outbox, all in one
 * transaction. Every address is checked again, so a draft cannot outlive a change of the rules.
 */
export const confirmDraft = (
  actor: Actor,
  batchId: TransferBatchId
): Effect.Effect<
  ReadonlyArray<TransferFile>,
  TransferBatchNotFound | DraftError,
  TransferRepository | OrganisationRepository | UserRepository | UnitOfWork | AuditLog | Outbox | IdGenerator
> =>
  Effect.gen(function* () {
    const { files } = yield* ownDraft(actor, batchId)
    yield* Effect.forEach(files, (file, index) =>
      checkAddress(actor, index, {
        recipientOrganisationId: file.recipientOrganisationId,
        recipientRole: file.recipientRole,
        documentType: file.documentType,
        description: file.description
      })
    )
    const repository = yield* TransferRepository
    const now = yield* DateTime.now
    yield* (yield* UnitOfWork).transaction(
      Effect.gen(function* () {
        // The store says no if someone sent or cancelled it since it was read: nothing is written.
        if (!(yield* repository.confirm(actor.organisationId, batchId, now)))
          return yield* Effect.fail(new TransferBatchNotFound({ batchId }))
        yield* Effect.forEach(files, (file) => TransferAudit.record(actor, "confirm", file), {
          discard: true
        })
        yield* enqueueArrivals(actor, batchId, files)
      })
    )
    return files
  })

/** Cancels a draft: its records go and its stored files are deleted with their keys. */
export const cancelDraft = (
  actor: Actor,
  batchId: TransferBatchId
): Effect.Effect<
  void,
  TransferBatchNotFound | StorageFailure,
  TransferRepository | FileStorage | UnitOfWork | AuditLog
> =>
  Effect.gen(function* () {
    yield* ownDraft(actor, batchId)
    const repository = yield* TransferRepository
    const files = yield* (yield* UnitOfWork).transaction(
      Effect.gen(function* () {
        const files = yield* repository.discardDraft(actor.organisationId, batchId)
        yield* Effect.forEach(files, (file) => TransferAudit.record(actor, "discard", file), {
          discard: true
        })
        return files
      })
    )
    yield* removeStored(files.map((file) => file.storageKey))
  })
