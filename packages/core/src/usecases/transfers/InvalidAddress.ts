import { Schema } from "effect"

/**
 * A file's recipient, role, document type or description is not acceptable (a forbidden route is
 * `RouteNotPermitted` instead). `index` is the file's place in the batch, from 0.
 */
export class InvalidAddress extends Schema.TaggedError<InvalidAddress>()("InvalidAddress", {
  index: Schema.Int,
  reason: Schema.Literal(
    "unknown-recipient",
    "role-required",
    "role-not-allowed",
    "unknown-document-type",
    "description-too-long"
  )
}) {}
