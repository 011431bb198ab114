import { Context, type DateTime, type Effect, type Option } from "effect"
import type { OrganisationId, TransferBatchId, TransferFileId } from "../Ids.js"
import type { TransferBatch, TransferDownload, TransferFile } from "../model/Transfer.js"
import type { Role } from "../Role.js"

/** Who is asking for their incoming files: their organisation and the roles they hold there. */
export interface TransferRecipient {
  readonly organisationId: OrganisationId
  readonly roles: ReadonlyArray<Role>
}

/** A file in an inbox, with when it was sent and when someone of the recipient first downloaded it. */
export interface IncomingFile {
  readonly file: TransferFile
  readonly sentAt: DateTime.Utc
  readonly downloadedAt?: DateTime.Utc
}

/** A file in the sender's sent list, with every view and download of it. */
export interface SentFile {
  readonly file: TransferFile
  readonly sentAt: DateTime.Utc
  readonly accesses: ReadonlyArray<TransferDownload>
}

/**
 * Batches of files between organisations. A file is visible to a recipient only once its batch is
 * confirmed, only at the recipient organisation, and, when addressed to a role, only to holders of
 * that role. Deleted (expired) files are never listed.
 */
export class TransferRepository extends Context.Tag("openap/TransferRepository")<
  TransferRepository,
  {
    /** Stores a draft batch with its files; nobody but the sender sees it until confirmed. */
    readonly createBatch: (batch: TransferBatch, files: ReadonlyArray<TransferFile>) => Effect.Effect<void>
    /** The sender's batch with its files, draft or sent. */
    readonly findBatch: (
      senderOrganisationId: OrganisationId,
      id: TransferBatchId
    ) => Effect.Effect<
      Option.Option<{ readonly batch: TransferBatch; readonly files: ReadonlyArray<TransferFile> }>
    >
    /** Sends a draft: false when it is not the sender's draft (unknown, someone else's, already sent). */
    readonly confirm: (
      senderOrganisationId: OrganisationId,
      id: TransferBatchId,
      at: DateTime.Utc
    ) => Effect.Effect<boolean>
    /** Discards an unconfirmed draft; returns its files so their stored bytes can be removed. */
    readonly discardDraft: (
      senderOrganisationId: OrganisationId,
      id: TransferBatchId
    ) => Effect.Effect<ReadonlyArray<TransferFile>>
    /** Newest first. */
    readonly inbox: (recipient: TransferRecipient) => Effect.Effect<ReadonlyArray<IncomingFile>>
    /** Newest first. */
    readonly sent: (senderOrganisationId: OrganisationId) => Effect.Effect<ReadonlyArray<SentFile>>
    readonly findIncomingFile: (
      recipient: TransferRecipient,
      id: TransferFileId
    ) => Effect.Effect<Option.Option<TransferFile>>
    readonly findSentFile: (
      senderOrganisationId: OrganisationId,
      id: TransferFileId
    ) => Effect.Effect<Option.Option<TransferFile>>
    readonly recordAccess: (access: TransferDownload) => Effect.Effect<void>
    /** Files whose expiry has come (`expiresAt` <= `now`) and that are not yet deleted, drafts included. */
    readonly expired: (now: DateTime.Utc) => Effect.Effect<ReadonlyArray<TransferFile>>
    readonly markDeleted: (id: TransferFileId, at: DateTime.Utc) => Effect.Effect<void>
  }
>() {}
