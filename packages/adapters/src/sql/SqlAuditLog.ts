import { SqlClient } from "@effect/sql"
import { type AuditEntry, AuditLog, type Ids } from "@openap/core"
import { Effect, Layer } from "effect"
import { instant, instantParam, optional } from "./Values.js"

interface AuditRow {
  readonly sequence: number | string
  readonly at: Date
  readonly actor_type: "user" | "system"
  readonly actor_user_id: Ids.UserId | null
  readonly actor_organisation_id: Ids.OrganisationId | null
  readonly actor_name: string | null
  readonly action: string
  readonly subject_type: string
  readonly subject_id: string
  readonly detail: AuditEntry.AuditEntry["detail"] | null
}

const toEntry = (r: AuditRow): AuditEntry.RecordedAuditEntry => ({
  sequence: Number(r.sequence),
  actor:
    r.actor_type === "user"
      ? {
          _tag: "User",
          userId: r.actor_user_id as Ids.UserId,
          organisationId: r.actor_organisation_id as Ids.OrganisationId
        }
      : { _tag: "System", name: r.actor_name ?? "system" },
  at: instant(r.at),
  action: r.action,
  subject: { type: r.subject_type, id: r.subject_id },
  ...optional("detail", r.detail)
})

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return AuditLog.AuditLog.of({
    append: (e) =>
      sql`insert into audit_log (at, actor_type, actor_user_id, actor_organisation_id, actor_name, action,
          subject_type, subject_id, detail)
        values (${instantParam(e.at)}, ${e.actor._tag === "User" ? "user" : "system"},
          ${e.actor._tag === "User" ? e.actor.userId : null}, ${e.actor._tag === "User" ? e.actor.organisationId : null},
          ${e.actor._tag === "System" ? e.actor.name : null}, ${e.action}, ${e.subject.type}, ${e.subject.id},
          ${e.detail === undefined ? null : JSON.stringify(e.detail)}::jsonb)`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    list: (f, page) => {
      const where = sql.and([
        ...(f.subjectType === undefined ? [] : [sql`subject_type = ${f.subjectType}`]),
        ...(f.subjectId === undefined ? [] : [sql`subject_id = ${f.subjectId}`]),
        ...(f.actorUserId === undefined ? [] : [sql`actor_user_id = ${f.actorUserId}`]),
        ...(f.action === undefined ? [] : [sql`action = ${f.action}`]),
        ...(f.since === undefined ? [] : [sql`at >= ${instantParam(f.since)}`]),
        ...(f.until === undefined ? [] : [sql`at < ${instantParam(f.until)}`])
      ])
      return Effect.all([
        sql<AuditRow>`select * from audit_log where ${where} order by sequence desc
          limit ${page.limit} offset ${page.offset}`,
        sql<{ total: number }>`select count(*)::int as total from audit_log where ${where}`
      ]).pipe(
        Effect.map(([rows, counts]) => ({ items: rows.map(toEntry), total: counts[0]?.total ?? 0 })),
        Effect.orDie
      )
    }
  })
})

export const layer = Layer.effect(AuditLog.AuditLog, make)
