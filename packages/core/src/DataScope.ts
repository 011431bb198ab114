import type { OrganisationId } from "./Ids.js"

/**
 * What part of the council's data a query may touch, derived from the actor by the access policy.
 * Repositories take a scope and filter by it in the store itself (in SQL, for Postgres), so a
 * school's query can never return another school's learner, whatever the caller asked for.
 */
export type DataScope =
  | { readonly _tag: "All" }
  | { readonly _tag: "School"; readonly schoolId: OrganisationId }
  | { readonly _tag: "Provider"; readonly providerId: OrganisationId }

export const all: DataScope = { _tag: "All" }
export const school = (schoolId: OrganisationId): DataScope => ({ _tag: "School", schoolId })
export const provider = (providerId: OrganisationId): DataScope => ({ _tag: "Provider", providerId })
