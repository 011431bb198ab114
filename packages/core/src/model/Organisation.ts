import { Schema } from "effect"
import { OrganisationId } from "../Ids.js"
import { OrgKind } from "../OrgKind.js"

/**
 * The council's AP team, a school or a provider. Contact details are what the training record
 * shows as "school details" and "provider details".
 */
export const Organisation = Schema.Struct({
  id: OrganisationId,
  kind: OrgKind,
  name: Schema.NonEmptyTrimmedString,
  address: Schema.optional(Schema.String),
  telephone: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String)
})
export type Organisation = typeof Organisation.Type
