import { SqlClient } from "@effect/sql"
import type { Fragment } from "@effect/sql/Statement"
import { type Ids, type Role, type Transfer, TransferRepository } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { instant, instantParam, optional } from "./Values.js"

interface BatchRow {
  readonly id: Ids.TransferBatchId
  readonly sender_organisation_id: Ids.OrganisationId
  readonly sender_user_id: Ids.UserId
  readonly created_at: Date
  readonly confirmed_at: Date | null
}

interface FileRow {
  readonly id: Ids.TransferFileId
  readonly batch_id: Ids.TransferBatchId
  readonly sender_organisation_id: Ids.OrganisationId
  readonly recipient_organisation_id: Ids.OrganisationId
  readonly recipient_role: Role.Role | null
  readonly document_type: string
  readonly description: string
  readonly filename: string
  readonly content_type: string
  readonly size_bytes: number | string
  readonly sha256: string
  readonly storage_key: string
  readonly expires_at: Date
  readonly deleted_at: Date | null
}

interface AccessRow {
  readonly file_id: Ids.TransferFileId
  readonly user_id: Ids.UserId
  readonly organisation_id: Ids.OrganisationId
  readonly kind: "view" | "download"
  readonly at: Date
}

const toBatch = (r: BatchRow): Transfer.TransferBatch => ({
  id: r.id,
  senderOrganisationId: r.sender_organisation_id,
  senderUserId: r.sender_user_id,
  createdAt: instant(r.created_at),
  ...optional("confirmedAt", r.confirmed_at === null ? null : instant(r.confirmed_at))
})

const toFile = (r: FileRow): Transfer.TransferFile => ({
  id: r.id,
  batchId: r.batch_id,
  senderOrganisationId: r.sender_organisation_id,
  recipientOrganisationId: r.recipient_organisation_id,
  ...optional("recipientRole", r.recipient_role),
  documentType: r.document_type,
  description: r.description,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  storageKey: r.storage_key,
  expiresAt: instant(r.expires_at),
  ...optional("deletedAt", r.deleted_at === null ? null : instant(r.deleted_at))
})

const toAccess = (r: AccessRow): Transfer.TransferDownload => ({
  fileId: r.file_id,
  userId: r.user_id,
  organisationId: r.organisation_id,
  kind: r.kind,
  at: instant(r.at)
})

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  /** Files addressed to the recipient: its organisation, and a role it holds when a role is named. */
  const addressedTo = (recipient: TransferRepository.TransferRecipient): Fragment =>
    sql`f.recipient_organisation_id = ${recipient.organisationId} and f.deleted_at is null
      and b.confirmed_at is not null
      and (f.recipient_role is null or ${
        recipient.roles.length === 0 ? sql`false` : sql.in("f.recipient_role", [...recipient.roles])
      })`

  return TransferRepository.TransferRepository.of({
    createBatch: (batch, files) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            yield* sql`insert into transfer_batches (id, sender_organisation_id, sender_user_id, created_at, confirmed_at)
              values (${batch.id}, ${batch.senderOrganisationId}, ${batch.senderUserId}, ${instantParam(batch.createdAt)},
                ${batch.confirmedAt === undefined ? null : instantParam(batch.confirmedAt)})`
            let position = 0
            for (const f of files) {
              yield* sql`insert into transfer_files (id, batch_id, position, sender_organisation_id,
                  recipient_organisation_id, recipient_role, document_type, description, filename, content_type,
                  size_bytes, sha256, storage_key, expires_at, deleted_at)
                values (${f.id}, ${batch.id}, ${position++}, ${batch.senderOrganisationId}, ${f.recipientOrganisationId},
                  ${f.recipientRole ?? null}, ${f.documentType}, ${f.description}, ${f.filename}, ${f.contentType},
                  ${f.sizeBytes}, ${f.sha256}, ${f.storageKey}, ${instantParam(f.expiresAt)},
                  ${f.deletedAt === undefined ? null : instantParam(f.deletedAt)})`
            }
          })
        )
        .pipe(Effect.orDie),
    findBatch: (senderOrganisationId, id) =>
      Effect.gen(function* () {
        const batches = yield* sql<BatchRow>`select * from transfer_batches
          where id = ${id} and sender_organisation_id = ${senderOrganisationId}`
        const batch = batches[0]
        if (batch === undefined) return Option.none()
        const files =
          yield* sql<FileRow>`select * from transfer_files where batch_id = ${id} order by position`
        return Option.some({ batch: toBatch(batch), files: files.map(toFile) })
      }).pipe(Effect.orDie),
    confirm: (senderOrganisationId, id, at) =>
      sql<{ id: string }>`update transfer_batches set confirmed_at = ${instantParam(at)}
        where id = ${id} and sender_organisation_id = ${senderOrganisationId} and confirmed_at is null
        returning id`.pipe(
        Effect.map((rows) => rows.length === 1),
        Effect.orDie
      ),
    discardDraft: (senderOrganisationId, id) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const files =
              yield* sql<FileRow>`select f.* from transfer_files f join transfer_batches b on b.id = f.batch_id
              where b.id = ${id} and b.sender_organisation_id = ${senderOrganisationId} and b.confirmed_at is null
              order by f.position`
            yield* sql`delete from transfer_batches
              where id = ${id} and sender_organisation_id = ${senderOrganisationId} and confirmed_at is null`
            return files.map(toFile)
          })
        )
        .pipe(Effect.orDie),
    inbox: (recipient) =>
      sql<FileRow & { confirmed_at: Date; downloaded_at: Date | null }>`
        select f.*, b.confirmed_at,
          (select min(a.at) from transfer_accesses a where a.file_id = f.id and a.kind = 'download'
            and a.organisation_id = ${recipient.organisationId}) as downloaded_at
        from transfer_files f join transfer_batches b on b.id = f.batch_id
        where ${addressedTo(recipient)}
        order by b.confirmed_at desc, f.batch_id, f.position`.pipe(
        Effect.map((rows) =>
          rows.map((r) => ({
            file: toFile(r),
            sentAt: instant(r.confirmed_at),
            ...optional("downloadedAt", r.downloaded_at === null ? null : instant(r.downloaded_at))
          }))
        ),
        Effect.orDie
      ),
    sent: (senderOrganisationId) =>
      Effect.gen(function* () {
        const files = yield* sql<FileRow & { confirmed_at: Date }>`
          select f.*, b.confirmed_at from transfer_files f join transfer_batches b on b.id = f.batch_id
          where b.sender_organisation_id = ${senderOrganisationId} and b.confirmed_at is not null and f.deleted_at is null
          order by b.confirmed_at desc, f.batch_id, f.position`
        if (files.length === 0) return []
        const accesses = yield* sql<AccessRow>`select * from transfer_accesses
          where ${sql.in(
            "file_id",
            files.map((f) => f.id)
          )} order by at, id`
        return files.map((f) => ({
          file: toFile(f),
          sentAt: instant(f.confirmed_at),
          accesses: accesses.filter((a) => a.file_id === f.id).map(toAccess)
        }))
      }).pipe(Effect.orDie),
    findIncomingFile: (recipient, id) =>
      sql<FileRow>`select f.* from transfer_files f join transfer_batches b on b.id = f.batch_id
        where f.id = ${id} and ${addressedTo(recipient)}`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toFile)),
        Effect.orDie
      ),
    findSentFile: (senderOrganisationId, id) =>
      sql<FileRow>`select f.* from transfer_files f
        where f.id = ${id} and f.sender_organisation_id = ${senderOrganisationId} and f.deleted_at is null`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toFile)),
        Effect.orDie
      ),
    recordAccess: (a) =>
      sql`insert into transfer_accesses (file_id, user_id, organisation_id, kind, at)
        values (${a.fileId}, ${a.userId}, ${a.organisationId}, ${a.kind}, ${instantParam(a.at)})`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    expired: (now) =>
      sql<FileRow>`select * from transfer_files where deleted_at is null and expires_at <= ${instantParam(now)}
        order by expires_at, id`.pipe(
        Effect.map((rows) => rows.map(toFile)),
        Effect.orDie
      ),
    markDeleted: (id, at) =>
      sql`update transfer_files set deleted_at = ${instantParam(at)} where id = ${id} and deleted_at is null`.pipe(
        Effect.asVoid,
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(TransferRepository.TransferRepository, make)
