import { type Transfer, TransferRepository } from "@openap/core"
import { DateTime, Effect, HashMap, Layer, Option, Ref } from "effect"
import { cmp, get, MemoryState, type State, values } from "./MemoryState.js"

type StoredFile = Transfer.TransferFile & { readonly position: number }

const strip = ({ position: _, ...file }: StoredFile): Transfer.TransferFile => file

const addressedTo = (s: State, recipient: TransferRepository.TransferRecipient, f: StoredFile) => {
  const batch = get(s.batches, f.batchId)
  return (
    batch?.confirmedAt !== undefined &&
    f.deletedAt === undefined &&
    f.recipientOrganisationId === recipient.organisationId &&
    (f.recipientRole === undefined || recipient.roles.includes(f.recipientRole))
  )
}

const newestFirst = (s: State) => (a: StoredFile, b: StoredFile) => {
  const at = (f: StoredFile) => get(s.batches, f.batchId)?.confirmedAt?.epochMillis ?? 0
  return at(b) - at(a) || cmp(a.batchId, b.batchId) || a.position - b.position
}

export const make = Effect.map(MemoryState, (state) =>
  TransferRepository.TransferRepository.of({
    createBatch: (batch, files) =>
      Ref.update(state, (s) => ({
        ...s,
        batches: HashMap.set(s.batches, batch.id, batch),
        files: files.reduce(
          (map, f, position) =>
            HashMap.set(map, f.id, {
              ...f,
              batchId: batch.id,
              senderOrganisationId: batch.senderOrganisationId,
              position
            }),
          s.files
        )
      })),
    findBatch: (senderOrganisationId, id) =>
      Effect.map(Ref.get(state), (s) =>
        Option.map(
          Option.filter(HashMap.get(s.batches, id), (b) => b.senderOrganisationId === senderOrganisationId),
          (batch) => ({
            batch,
            files: values(s.files)
              .filter((f) => f.batchId === id)
              .sort((a, b) => a.position - b.position)
              .map(strip)
          })
        )
      ),
    confirm: (senderOrganisationId, id, at) =>
      Ref.modify(state, (s) => {
        const batch = get(s.batches, id)
        if (
          batch === undefined ||
          batch.senderOrganisationId !== senderOrganisationId ||
          batch.confirmedAt !== undefined
        ) {
          return [false, s] as const
        }
        return [true, { ...s, batches: HashMap.set(s.batches, id, { ...batch, confirmedAt: at }) }] as const
      }),
    discardDraft: (senderOrganisationId, id) =>
      Ref.modify(state, (s: State): readonly [ReadonlyArray<Transfer.TransferFile>, State] => {
        const batch = get(s.batches, id)
        if (
          batch === undefined ||
          batch.senderOrganisationId !== senderOrganisationId ||
          batch.confirmedAt !== undefined
        ) {
          return [[], s] as const
        }
        const files = values(s.files)
          .filter((f) => f.batchId === id)
          .sort((a, b) => a.position - b.position)
        return [
          files.map(strip),
          {
            ...s,
            batches: HashMap.remove(s.batches, id),
            files: HashMap.filter(s.files, (f) => f.batchId !== id)
          }
        ] as const
      }),
    inbox: (recipient) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.files)
          .filter((f) => addressedTo(s, recipient, f))
          .sort(newestFirst(s))
          .map((f) => {
            const downloads = s.accesses.filter(
              (a) =>
                a.fileId === f.id && a.kind === "download" && a.organisationId === recipient.organisationId
            )
            const first = downloads.reduce<DateTime.Utc | undefined>(
              (min, a) => (min === undefined || DateTime.lessThan(a.at, min) ? a.at : min),
              undefined
            )
            return {
              file: strip(f),
              sentAt: get(s.batches, f.batchId)?.confirmedAt as DateTime.Utc,
              ...(first === undefined ? {} : { downloadedAt: first })
            }
          })
      ),
    sent: (senderOrganisationId) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.files)
          .filter(
            (f) =>
              f.senderOrganisationId === senderOrganisationId &&
              f.deletedAt === undefined &&
              get(s.batches, f.batchId)?.confirmedAt !== undefined
          )
          .sort(newestFirst(s))
          .map((f) => ({
            file: strip(f),
            sentAt: get(s.batches, f.batchId)?.confirmedAt as DateTime.Utc,
            accesses: s.accesses
              .filter((a) => a.fileId === f.id)
              .sort((a, b) => a.at.epochMillis - b.at.epochMillis)
          }))
      ),
    findIncomingFile: (recipient, id) =>
      Effect.map(Ref.get(state), (s) =>
        Option.map(
          Option.filter(HashMap.get(s.files, id), (f) => addressedTo(s, recipient, f)),
          strip
        )
      ),
    findSentFile: (senderOrganisationId, id) =>
      Effect.map(Ref.get(state), (s) =>
        Option.map(
          Option.filter(
            HashMap.get(s.files, id),
            (f) => f.senderOrganisationId === senderOrganisationId && f.deletedAt === undefined
          ),
          strip
        )
      ),
    recordAccess: (access) => Ref.update(state, (s) => ({ ...s, accesses: [...s.accesses, access] })),
    expired: (now) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.files)
          .filter((f) => f.deletedAt === undefined && !DateTime.greaterThan(f.expiresAt, now))
          .sort((a, b) => a.expiresAt.epochMillis - b.expiresAt.epochMillis || cmp(a.id, b.id))
          .map(strip)
      ),
    markDeleted: (id, at) =>
      Ref.update(state, (s) => {
        const f = get(s.files, id)
        return f === undefined || f.deletedAt !== undefined
          ? s
          : { ...s, files: HashMap.set(s.files, id, { ...f, deletedAt: at }) }
      })
  })
)

export const layer = Layer.effect(TransferRepository.TransferRepository, make)
