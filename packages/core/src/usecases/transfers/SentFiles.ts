import { type DateTime, Effect, Option } from "effect"
import type { Actor } from "../../Actor.js"
import type { UserId } from "../../Ids.js"
import type { Organisation } from "../../model/Organisation.js"
import type { TransferFile } from "../../model/Transfer.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { TransferRepository } from "../../ports/TransferRepository.js"
import { UserRepository } from "../../ports/UserRepository.js"
import { TransferNotPermitted } from "./TransferNotPermitted.js"
import { mayUse } from "./TransferRights.js"

export interface SentAccess {
  readonly kind: "view" | "download"
  readonly at: DateTime.Utc
  readonly userName: string
  readonly organisationName: string
}

export interface SentEntry {
  readonly file: TransferFile
  readonly recipient: Organisation
  readonly sentAt: DateTime.Utc
  readonly accesses: ReadonlyArray<SentAccess>
}

/** What the actor's organisation has sent, each file with every view and download (who, when). */
export const sentFiles = (
  actor: Actor
): Effect.Effect<
  ReadonlyArray<SentEntry>,
  TransferNotPermitted,
  TransferRepository | OrganisationRepository | UserRepository
> =>
  Effect.gen(function* () {
    if (!mayUse(actor)) return yield* Effect.fail(new TransferNotPermitted({ action: "send" }))
    const sent = yield* (yield* TransferRepository).sent(actor.organisationId)
    const organisations = yield* OrganisationRepository
    const users = yield* UserRepository
    const orgName = yield* Effect.cachedFunction((id: Organisation["id"]) => organisations.findById(id))
    const userName = yield* Effect.cachedFunction((id: UserId) => users.findById(id))
    return yield* Effect.forEach(sent, (item) =>
      Effect.gen(function* () {
        const recipient = yield* orgName(item.file.recipientOrganisationId)
        if (Option.isNone(recipient)) return Option.none<SentEntry>()
        const accesses = yield* Effect.forEach(item.accesses, (access) =>
          Effect.gen(function* () {
            const user = yield* userName(access.userId)
            const org = yield* orgName(access.organisationId)
            return {
              kind: access.kind,
              at: access.at,
              userName: Option.match(user, { onNone: () => "Unknown user", onSome: (u) => u.displayName }),
              organisationName: Option.match(org, { onNone: () => "", onSome: (o) => o.name })
            }
          })
        )
        return Option.some({ file: item.file, recipient: recipient.value, sentAt: item.sentAt, accesses })
      })
    ).pipe(Effect.map((entries) => entries.flatMap((e) => (Option.isSome(e) ? [e.value] : []))))
  })
