import { DateTime, Effect, Option } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import type { Organisation } from "../../model/Organisation.js"
import type { TransferFile } from "../../model/Transfer.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { TransferRepository } from "../../ports/TransferRepository.js"
import { TransferNotPermitted } from "./TransferNotPermitted.js"
import { mayUse } from "./TransferRights.js"
import type { TransferSettings } from "./TransferSettings.js"

export interface InboxEntry {
  readonly file: TransferFile
  readonly sender: Organisation
  readonly sentAt: DateTime.Utc
  /** New until someone of the recipient organisation downloads it. */
  readonly state: "new" | "downloaded"
  readonly downloadedAt?: DateTime.Utc
  /** The file is deleted at `file.expiresAt`; the inbox warns from `expiryWarning` before. */
  readonly expiresSoon: boolean
}

/**
 * The files addressed to the actor: to their organisation and, when sent to a role, to a role they
 * hold. A school's DSL files are not in its coordinator's inbox. CAP staff see every file sent to
 * CAP by every establishment. The store filters; each file is checked against the access policy
 * again, so a store bug cannot widen what anyone sees.
 */
export const inbox = (
  actor: Actor,
  settings: TransferSettings
): Effect.Effect<
  ReadonlyArray<InboxEntry>,
  TransferNotPermitted,
  TransferRepository | OrganisationRepository
> =>
  Effect.gen(function* () {
    if (!mayUse(actor)) return yield* Effect.fail(new TransferNotPermitted({ action: "receive" }))
    const now = yield* DateTime.now
    const warnFrom = DateTime.addDuration(now, settings.expiryWarning)
    const incoming = yield* (yield* TransferRepository).inbox({
      organisationId: actor.organisationId,
      roles: actor.roles
    })
    const organisations = yield* OrganisationRepository
    const names = new Map<string, Organisation>()
    const entries: Array<InboxEntry> = []
    for (const item of incoming) {
      const file = item.file
      if (file.recipientOrganisationId !== actor.organisationId || !Access.canSeeTransferFile(actor, file))
        continue
      let sender = names.get(file.senderOrganisationId)
      if (sender === undefined) {
        const found = yield* organisations.findById(file.senderOrganisationId)
        if (Option.isNone(found)) continue
        sender = found.value
        names.set(sender.id, sender)
      }
      entries.push({
        file,
        sender,
        sentAt: item.sentAt,
        state: item.downloadedAt === undefined ? "new" : "downloaded",
        ...(item.downloadedAt === undefined ? {} : { downloadedAt: item.downloadedAt }),
        expiresSoon: !DateTime.greaterThan(file.expiresAt, warnFrom)
      })
    }
    return entries
  })

/** Days left before a file is deleted, rounded up: what the inbox tells the recipient. */
export const daysLeft = (file: TransferFile, now: DateTime.Utc): number => {
  const millis = DateTime.toEpochMillis(file.expiresAt) - DateTime.toEpochMillis(now)
  return millis <= 0 ? 0 : Math.ceil(millis / 86_400_000)
}
