import { Effect, Option, Schema } from "effect"
import * as Access from "../../Access.js"
import type { Actor } from "../../Actor.js"
import * as DocumentType from "../../DocumentType.js"
import { OrganisationId } from "../../Ids.js"
import type { Organisation } from "../../model/Organisation.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import { Role } from "../../Role.js"
import * as TransferRoute from "../../TransferRoute.js"
import { InvalidAddress } from "./InvalidAddress.js"
import { TransferNotPermitted } from "./TransferNotPermitted.js"
import { destinationsOf, mayUse } from "./TransferRights.js"
import { descriptionMaxLength } from "./TransferSettings.js"

/** A file's address as a form sent it: every field is untrusted text. */
export interface FileAddress {
  readonly recipientOrganisationId: string
  /** Required when CAP sends to an establishment; must be empty otherwise. */
  readonly recipientRole?: string | undefined
  readonly documentType: string
  readonly description: string
}

/** An address that passed every check, with the recipient as the store knows it. */
export interface CheckedAddress {
  readonly recipient: Organisation
  readonly recipientRole?: Role
  readonly documentType: DocumentType.DocumentType
  readonly description: string
}

const decodeOrganisationId = Schema.decodeUnknownOption(OrganisationId)
const decodeRole = Schema.decodeUnknownOption(Role)
const decodeDocumentType = Schema.decodeUnknownOption(DocumentType.DocumentType)

/**
 * Checks one file's address for the actor: the recipient exists, the route from the actor's kind of
 * organisation to the recipient's is permitted (deny by default), the role is given exactly when
 * CAP sends to an establishment and is one an establishment names, and the document type and
 * description are valid. The recipient's kind comes from the store, never from the request.
 */
export const checkAddress = (
  actor: Actor,
  index: number,
  address: FileAddress
): Effect.Effect<
  CheckedAddress,
  TransferNotPermitted | TransferRoute.RouteNotPermitted | InvalidAddress,
  OrganisationRepository
> =>
  Effect.gen(function* () {
    if (!mayUse(actor)) return yield* Effect.fail(new TransferNotPermitted({ action: "send" }))
    const invalid = (reason: InvalidAddress["reason"]) => Effect.fail(new InvalidAddress({ index, reason }))
    const organisations = yield* OrganisationRepository
    const recipient = yield* Option.match(decodeOrganisationId(address.recipientOrganisationId.trim()), {
      onNone: () => Effect.succeed(Option.none<Organisation>()),
      onSome: organisations.findById
    })
    if (Option.isNone(recipient)) return yield* invalid("unknown-recipient")
    const to = recipient.value.kind
    if (!TransferRoute.isPermitted(actor.orgKind, to))
      return yield* Effect.fail(new TransferRoute.RouteNotPermitted({ from: actor.orgKind, to }))
    if (!Access.canSendFile(actor, to))
      return yield* Effect.fail(new TransferNotPermitted({ action: "send" }))
    const roleText = (address.recipientRole ?? "").trim()
    let recipientRole: Role | undefined
    if (to === "cap") {
      if (roleText !== "") return yield* invalid("role-not-allowed")
    } else {
      if (roleText === "") return yield* invalid("role-required")
      const role = decodeRole(roleText)
      if (Option.isNone(role) || !TransferRoute.isAddressableRole(to, role.value))
        return yield* invalid("role-not-allowed")
      recipientRole = role.value
    }
    const documentType = decodeDocumentType(address.documentType.trim())
    if (Option.isNone(documentType)) return yield* invalid("unknown-document-type")
    const description = address.description.trim()
    if ([...description].length > descriptionMaxLength) return yield* invalid("description-too-long")
    return {
      recipient: recipient.value,
      ...(recipientRole === undefined ? {} : { recipientRole }),
      documentType: documentType.value,
      description
    }
  })

/** Which parts of the first file's address "copy top ... to all" copies. */
export interface CopyTop {
  readonly organisation: boolean
  readonly role: boolean
  readonly description: boolean
}

/** The guidance's "copy top organisation / role / description to all": fills the rest from the first. */
export const copyTop = <A extends FileAddress>(
  addresses: ReadonlyArray<A>,
  copy: CopyTop
): ReadonlyArray<A> => {
  const [top, ...rest] = addresses
  if (top === undefined) return addresses
  return [
    top,
    ...rest.map((a) => ({
      ...a,
      ...(copy.organisation ? { recipientOrganisationId: top.recipientOrganisationId } : {}),
      ...(copy.role ? { recipientRole: top.recipientRole } : {}),
      ...(copy.description ? { description: top.description } : {})
    }))
  ]
}

/** A place the actor may send to, with the roles a file there can be addressed to (none for CAP). */
export interface Destination {
  readonly organisation: Organisation
  readonly roles: ReadonlyArray<Role>
}

/** Only permitted routes are offered: the organisations the actor may send to, by kind then name. */
export const destinations = (
  actor: Actor
): Effect.Effect<ReadonlyArray<Destination>, TransferNotPermitted, OrganisationRepository> =>
  Effect.gen(function* () {
    if (!mayUse(actor)) return yield* Effect.fail(new TransferNotPermitted({ action: "send" }))
    const organisations = yield* OrganisationRepository
    const kinds = destinationsOf(actor)
    const lists = yield* Effect.forEach(kinds, (kind) => organisations.list(kind))
    return lists.flat().map((organisation) => ({
      organisation,
      roles: organisation.kind === "cap" ? [] : TransferRoute.recipientRoles
    }))
  })
