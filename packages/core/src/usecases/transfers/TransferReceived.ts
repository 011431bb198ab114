import { Effect, Schema } from "effect"
import type { Actor } from "../../Actor.js"
import type { TransferBatchId } from "../../Ids.js"
import type { TransferFile } from "../../model/Transfer.js"
import type { IdGenerator } from "../../ports/IdGenerator.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import type { Outbox } from "../../ports/Outbox.js"
import type { UserRepository } from "../../ports/UserRepository.js"
import type { Role } from "../../Role.js"
import { encodeData, enqueue } from "../notifications/NewNotification.js"
import { holdersOf } from "../notifications/Recipients.js"

export const kind = "transfer-received"

/**
 * The email's data: who sent how many files. Never filenames or descriptions: either may name a
 * child, and email is what this service replaces. The recipient signs in to see the rest.
 */
export const TransferReceivedData = Schema.Struct({
  senderName: Schema.String,
  recipientName: Schema.String,
  fileCount: Schema.Int
})
export type TransferReceivedData = typeof TransferReceivedData.Type

/** Who at CAP hears of incoming files: everyone who can open them. */
const capReaders: ReadonlyArray<Role> = ["admin", "coordinator", "monitoring_officer"]

/**
 * One message per recipient organisation and role in the batch, to the active holders of that role
 * there (to CAP staff for files sent to CAP). Keyed by batch, organisation and role, so a retried
 * confirmation cannot send twice.
 */
export const enqueueArrivals = (
  sender: Actor,
  batchId: TransferBatchId,
  files: ReadonlyArray<TransferFile>
): Effect.Effect<number, never, OrganisationRepository | UserRepository | Outbox | IdGenerator> =>
  Effect.gen(function* () {
    const organisations = yield* OrganisationRepository
    const senderOrg = yield* organisations.findById(sender.organisationId)
    const groups = new Map<
      string,
      { organisationId: TransferFile["recipientOrganisationId"]; role?: Role; count: number }
    >()
    for (const file of files) {
      const key = `${file.recipientOrganisationId}:${file.recipientRole ?? ""}`
      const group = groups.get(key)
      if (group === undefined)
        groups.set(key, {
          organisationId: file.recipientOrganisationId,
          ...(file.recipientRole === undefined ? {} : { role: file.recipientRole }),
          count: 1
        })
      else group.count += 1
    }
    let sent = 0
    for (const [key, group] of groups) {
      const recipients = yield* holdersOf(
        group.organisationId,
        group.role === undefined ? capReaders : [group.role]
      )
      if (recipients.length === 0) continue
      const recipient = yield* organisations.findById(group.organisationId)
      const data: TransferReceivedData = {
        senderName: senderOrg._tag === "Some" ? senderOrg.value.name : "",
        recipientName: recipient._tag === "Some" ? recipient.value.name : "",
        fileCount: group.count
      }
      const added = yield* enqueue({
        key: `${kind}:${batchId}:${key}`,
        kind,
        recipients,
        subject:
          group.count === 1
            ? "A file has been sent to you securely"
            : `${group.count} files have been sent to you securely`,
        data: encodeData(TransferReceivedData, data)
      })
      if (added) sent += 1
    }
    return sent
  })
