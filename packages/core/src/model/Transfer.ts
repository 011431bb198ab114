import { Schema } from "effect"
import { OrganisationId, TransferBatchId, TransferFileId, UserId } from "../Ids.js"
import { Role } from "../Role.js"

/**
 * An upload of one or more files. It is a draft until the sender confirms; confirming sends the
 * whole batch at once, so recipients never see part of one.
 */
export const TransferBatch = Schema.Struct({
  id: TransferBatchId,
  senderOrganisationId: OrganisationId,
  senderUserId: UserId,
  createdAt: Schema.DateTimeUtcFromSelf,
  confirmedAt: Schema.optional(Schema.DateTimeUtcFromSelf)
})
export type TransferBatch = typeof TransferBatch.Type

/**
 * One file of a batch. `recipientRole` is set when CAP sends to an establishment: only holders of
 * that role there may see it. The filename is for display only; the bytes live in file storage
 * under `storageKey`, encrypted, with the size and SHA-256 checked on every download.
 */
export const TransferFile = Schema.Struct({
  id: TransferFileId,
  batchId: TransferBatchId,
  senderOrganisationId: OrganisationId,
  recipientOrganisationId: OrganisationId,
  recipientRole: Schema.optional(Role),
  documentType: Schema.NonEmptyString,
  description: Schema.String,
  filename: Schema.NonEmptyString,
  contentType: Schema.NonEmptyString,
  sizeBytes: Schema.Int.pipe(Schema.nonNegative()),
  sha256: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/)),
  storageKey: Schema.NonEmptyString,
  expiresAt: Schema.DateTimeUtcFromSelf,
  deletedAt: Schema.optional(Schema.DateTimeUtcFromSelf)
})
export type TransferFile = typeof TransferFile.Type

/** Every view and download of a file: who, from which organisation, and when. */
export const TransferDownload = Schema.Struct({
  fileId: TransferFileId,
  userId: UserId,
  organisationId: OrganisationId,
  kind: Schema.Literal("view", "download"),
  at: Schema.DateTimeUtcFromSelf
})
export type TransferDownload = typeof TransferDownload.Type
