import { DateTime, Duration, Effect, Option, Schema } from "effect"
import type { Actor } from "../../Actor.js"
import { NotificationId, OrganisationId, UserId } from "../../Ids.js"
import { EmailAddress, type User } from "../../model/User.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { IdGenerator } from "../../ports/IdGenerator.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { Outbox } from "../../ports/Outbox.js"
import { UnitOfWork } from "../../ports/UnitOfWork.js"
import { UserRepository } from "../../ports/UserRepository.js"
import * as Role from "../../Role.js"
import { requireUserAdministrator } from "./RequireUserAdministrator.js"
import { SecretGenerator } from "./SecretGenerator.js"
import { auditActor } from "./SignedIn.js"

/** What the CAP admin's form submits, already decoded. */
export const NewUser = Schema.Struct({
  organisationId: OrganisationId,
  email: EmailAddress,
  displayName: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  roles: Schema.Array(Role.Role).pipe(Schema.minItems(1))
})
export type NewUser = typeof NewUser.Type

export class OrganisationNotFound extends Schema.TaggedError<OrganisationNotFound>()("OrganisationNotFound", {
  organisationId: Schema.String
}) {}

/** A role that the organisation's kind does not have (a school has no tutors). */
export class RoleNotValidForOrganisation extends Schema.TaggedError<RoleNotValidForOrganisation>()(
  "RoleNotValidForOrganisation",
  { role: Role.Role }
) {}

/** Long enough to reach someone back from a weekend; short enough that an old email is useless. */
export const setupLinkLifetime = Duration.hours(72)

/**
 * A CAP admin issues an account: the user, a one-time set-up token, and the email carrying the
 * link, written together. `setupLink` turns a token into the URL the email shows.
 */
export const createUser = (actor: Actor, input: NewUser, setupLink: (token: string) => string) =>
  Effect.gen(function* () {
    yield* requireUserAdministrator(actor)
    const organisation = yield* (yield* OrganisationRepository).findById(input.organisationId)
    if (Option.isNone(organisation)) {
      return yield* new OrganisationNotFound({ organisationId: input.organisationId })
    }
    const invalid = input.roles.find((role) => !Role.isValidFor(organisation.value.kind, role))
    if (invalid !== undefined) return yield* new RoleNotValidForOrganisation({ role: invalid })

    const users = yield* UserRepository
    const ids = yield* IdGenerator
    const now = yield* DateTime.now
    const user: User = {
      id: UserId.make(yield* ids.next),
      organisationId: input.organisationId,
      email: input.email,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      disabled: false
    }
    const token = yield* (yield* SecretGenerator).next
    const link = setupLink(token)
    const notificationId = NotificationId.make(yield* ids.next)
    yield* (yield* UnitOfWork).transaction(
      Effect.gen(function* () {
        yield* users.create(user)
        yield* users.createSetupToken({
          token,
          userId: user.id,
          createdAt: now,
          expiresAt: DateTime.addDuration(now, setupLinkLifetime)
        })
        yield* (yield* Outbox).enqueue({
          id: notificationId,
          key: `account-setup:${notificationId}`,
          kind: "account-setup",
          recipients: [user.email],
          subject: "Set your password for the Alternative Provision service",
          content: {
            _tag: "Rendered",
            text: [
              `Dear ${user.displayName},`,
              "",
              `The council's Alternative Provision team has given you an account for ${organisation.value.name}.`,
              "",
              "Set your password using this link. It works once, within 72 hours:",
              link,
              "",
              "If you did not expect this email, tell your CAP team."
            ].join("\n")
          },
          status: "pending",
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now
        })
        yield* (yield* AuditLog).append({
          actor: auditActor(actor),
          at: now,
          action: "user-created",
          subject: { type: "user", id: user.id },
          detail: { organisationId: user.organisationId, roles: user.roles.join(",") }
        })
      })
    )
    return user
  })
