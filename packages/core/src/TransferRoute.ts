import { Either, Schema } from "effect"
import type { OrgKind } from "./OrgKind.js"
import type { Role } from "./Role.js"

/**
 * Secure file transfer goes through the council's AP team only: CAP sends to schools and providers,
 * and they send to CAP. Schools and providers never exchange files directly, not even with their
 * own kind. Deny by default: a route is permitted only if it is listed here.
 */
export const permitted: ReadonlyArray<readonly [from: OrgKind, to: OrgKind]> = [
  ["cap", "school"],
  ["cap", "provider"],
  ["school", "cap"],
  ["provider", "cap"]
]

/** Fields are plain strings so that a refusal can name any route asked for, even an unknown kind. */
export class RouteNotPermitted extends Schema.TaggedError<RouteNotPermitted>()("RouteNotPermitted", {
  from: Schema.String,
  to: Schema.String
}) {}

export const isPermitted = (from: OrgKind, to: OrgKind): boolean =>
  permitted.some(([f, t]) => f === from && t === to)

export const check = (from: OrgKind, to: OrgKind): Either.Either<void, RouteNotPermitted> =>
  isPermitted(from, to) ? Either.void : Either.left(new RouteNotPermitted({ from, to }))

/**
 * When CAP sends to an establishment, each file is addressed to a role there, and only holders of
 * that role at that establishment may see it.
 */
export const recipientRoles: ReadonlyArray<Role> = ["cap_coordinator", "dsl"]

export const isAddressableRole = (to: OrgKind, role: Role): boolean =>
  to !== "cap" && recipientRoles.includes(role)
