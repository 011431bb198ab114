import { Context, type Effect, type Option } from "effect"
import type { OrganisationId } from "../Ids.js"
import type { Organisation } from "../model/Organisation.js"
import type { OrgKind } from "../OrgKind.js"

/** Organisations are not sensitive (the directory lists providers publicly), so reads are not scoped. */
export class OrganisationRepository extends Context.Tag("openap/OrganisationRepository")<
  OrganisationRepository,
  {
    readonly create: (organisation: Organisation) => Effect.Effect<void>
    readonly update: (organisation: Organisation) => Effect.Effect<void>
    readonly findById: (id: OrganisationId) => Effect.Effect<Option.Option<Organisation>>
    /** By name, A to Z; all kinds when `kind` is not given. */
    readonly list: (kind?: OrgKind) => Effect.Effect<ReadonlyArray<Organisation>>
    /** Whether the store holds any organisation at all: the demo seed only runs on an empty store. */
    readonly isEmpty: Effect.Effect<boolean>
  }
>() {}
