import { SqlClient } from "@effect/sql"
import { type Ids, type Organisation, OrganisationRepository, type OrgKind } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { optional } from "./Values.js"

interface OrganisationRow {
  readonly id: Ids.OrganisationId
  readonly kind: OrgKind.OrgKind
  readonly name: string
  readonly address: string | null
  readonly telephone: string | null
  readonly email: string | null
}

const toOrganisation = (r: OrganisationRow): Organisation.Organisation => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  ...optional("address", r.address),
  ...optional("telephone", r.telephone),
  ...optional("email", r.email)
})

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return OrganisationRepository.OrganisationRepository.of({
    create: (o) =>
      sql`insert into organisations (id, kind, name, address, telephone, email)
        values (${o.id}, ${o.kind}, ${o.name}, ${o.address ?? null}, ${o.telephone ?? null}, ${o.email ?? null})`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    update: (o) =>
      sql`update organisations set kind = ${o.kind}, name = ${o.name}, address = ${o.address ?? null},
        telephone = ${o.telephone ?? null}, email = ${o.email ?? null} where id = ${o.id}`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    findById: (id) =>
      sql<OrganisationRow>`select * from organisations where id = ${id}`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toOrganisation)),
        Effect.orDie
      ),
    list: (kind) =>
      sql<OrganisationRow>`select * from organisations
        where ${kind === undefined ? sql`true` : sql`kind = ${kind}`} order by name, id`.pipe(
        Effect.map((rows) => rows.map(toOrganisation)),
        Effect.orDie
      ),
    isEmpty: sql<{ empty: boolean }>`select not exists (select 1 from organisations) as empty`.pipe(
      Effect.map((rows) => rows[0]?.empty ?? true),
      Effect.orDie
    )
  })
})

export const layer = Layer.effect(OrganisationRepository.OrganisationRepository, make)

export type { Organisation }
