import { Schema } from "effect"

/** The three kinds of organisation that use the service: the council's AP team, schools, providers. */
export const OrgKind = Schema.Literal("cap", "school", "provider")
export type OrgKind = typeof OrgKind.Type

export const all: ReadonlyArray<OrgKind> = OrgKind.literals
