import { SqlClient } from "@effect/sql"
import type { Fragment } from "@effect/sql/Statement"
import {
  AttendanceCode,
  type DataScope,
  type EmergencyContact,
  type Ids,
  type Learner,
  LearnerRepository,
  type Page
} from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { today } from "../Today.js"
import { learnerVisible } from "./ScopeSql.js"
import { likePrefix, optional, plainDate } from "./Values.js"

export interface LearnerRow {
  readonly id: Ids.LearnerId
  readonly school_id: Ids.OrganisationId
  readonly given_name: string
  readonly family_name: string
  readonly date_of_birth: string
  readonly cohort: string | null
  readonly upn: string | null
  readonly address: string | null
  readonly medical_notes: string | null
}

export const toLearner = (r: LearnerRow): Learner.Learner => ({
  id: r.id,
  schoolId: r.school_id,
  givenName: r.given_name,
  familyName: r.family_name,
  dateOfBirth: plainDate(r.date_of_birth),
  ...optional("cohort", r.cohort),
  ...optional("upn", r.upn),
  ...optional("address", r.address),
  ...optional("medicalNotes", r.medical_notes)
})

interface ContactRow {
  readonly id: EmergencyContact.EmergencyContactId
  readonly learner_id: Ids.LearnerId
  readonly name: string
  readonly relationship: string
  readonly telephone: string
  readonly email: string | null
  readonly priority: number
}

const emptyCounts = (): Record<AttendanceCode.AttendanceCode, number> =>
  Object.fromEntries(AttendanceCode.all.map((code) => [code, 0])) as Record<
    AttendanceCode.AttendanceCode,
    number
  >

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const filterSql = (f: LearnerRepository.LearnerFilter): Fragment =>
    sql.and([
      ...(f.schoolId === undefined ? [] : [sql`l.school_id = ${f.schoolId}`]),
      ...(f.providerId === undefined
        ? []
        : [
            sql`exists (select 1 from enrolments fe where fe.learner_id = l.id and fe.provider_id = ${f.providerId})`
          ]),
      ...(f.courseId === undefined
        ? []
        : [
            sql`exists (select 1 from enrolments fe where fe.learner_id = l.id and fe.course_id = ${f.courseId})`
          ]),
      ...(f.cohort === undefined ? [] : [sql`l.cohort = ${f.cohort}`]),
      ...(f.familyName === undefined || f.familyName.trim() === ""
        ? []
        : [sql`lower(l.family_name) like ${likePrefix(f.familyName.trim())}`])
    ])

  const page = <R>(
    scope: DataScope.DataScope,
    filter: LearnerRepository.LearnerFilter,
    request: Page.PageRequest,
    extraColumns: Fragment,
    extraJoins: Fragment
  ) =>
    Effect.gen(function* () {
      const day = yield* today
      const where = sql`${learnerVisible(sql, scope, day)} and ${filterSql(filter)}`
      const [rows, counts] = yield* Effect.all([
        sql<LearnerRow & R>`select l.* ${extraColumns} from learners l ${extraJoins} where ${where}
          order by lower(l.family_name), lower(l.given_name), l.id limit ${request.limit} offset ${request.offset}`,
        sql<{ total: number }>`select count(*)::int as total from learners l where ${where}`
      ])
      return { rows, total: counts[0]?.total ?? 0 }
    })

  return LearnerRepository.LearnerRepository.of({
    create: (l) =>
      sql`insert into learners (id, school_id, given_name, family_name, date_of_birth, cohort, upn, address, medical_notes)
        values (${l.id}, ${l.schoolId}, ${l.givenName}, ${l.familyName}, ${l.dateOfBirth.toString()}, ${l.cohort ?? null},
          ${l.upn ?? null}, ${l.address ?? null}, ${l.medicalNotes ?? null})`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    update: (l) =>
      sql`update learners set school_id = ${l.schoolId}, given_name = ${l.givenName}, family_name = ${l.familyName},
        date_of_birth = ${l.dateOfBirth.toString()}, cohort = ${l.cohort ?? null}, upn = ${l.upn ?? null},
        address = ${l.address ?? null}, medical_notes = ${l.medicalNotes ?? null} where id = ${l.id}`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    findById: (scope, id) =>
      Effect.flatMap(
        today,
        (day) =>
          sql<LearnerRow>`select l.* from learners l where l.id = ${id} and ${learnerVisible(sql, scope, day)}`
      ).pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toLearner)),
        Effect.orDie
      ),
    list: (scope, filter, request) =>
      page(scope, filter, request, sql``, sql``).pipe(
        Effect.map(({ rows, total }) => ({ items: rows.map(toLearner), total })),
        Effect.orDie
      ),
    trainingRecords: (scope, filter, request) =>
      Effect.gen(function* () {
        const { rows, total } = yield* page<{ school_name: string }>(
          scope,
          filter,
          request,
          sql`, so.name as school_name`,
          sql`join organisations so on so.id = l.school_id`
        )
        if (rows.length === 0) return { items: [], total }
        const ids = rows.map((r) => r.id)
        const providerOnly = scope._tag === "Provider" ? sql`e.provider_id = ${scope.providerId}` : sql`true`
        const markProviderOnly =
          scope._tag === "Provider" ? sql`m.provider_id = ${scope.providerId}` : sql`true`
        const [placements, marks] = yield* Effect.all([
          sql<{
            id: Ids.EnrolmentId
            learner_id: Ids.LearnerId
            course_id: Ids.CourseId
            title: string
            provider_id: Ids.OrganisationId
            provider_name: string
            start_date: string
            end_date: string | null
          }>`select e.id, e.learner_id, e.course_id, c.title, e.provider_id, p.name as provider_name, e.start_date, e.end_date
            from enrolments e join courses c on c.id = e.course_id join organisations p on p.id = e.provider_id
            where ${sql.in("e.learner_id", ids)} and ${providerOnly}
            order by e.start_date, c.title, e.id`,
          sql<{ learner_id: Ids.LearnerId; code: AttendanceCode.AttendanceCode; n: number }>`
            select m.learner_id, m.code, count(*)::int as n from attendance_marks m
            where ${sql.in("m.learner_id", ids)} and ${markProviderOnly} group by m.learner_id, m.code`
        ])
        return {
          total,
          items: rows.map((r) => {
            const attendance = emptyCounts()
            for (const m of marks) if (m.learner_id === r.id) attendance[m.code] = m.n
            return {
              learner: toLearner(r),
              schoolName: r.school_name,
              placements: placements
                .filter((p) => p.learner_id === r.id)
                .map((p) => ({
                  enrolmentId: p.id,
                  courseId: p.course_id,
                  courseTitle: p.title,
                  providerId: p.provider_id,
                  providerName: p.provider_name,
                  startDate: plainDate(p.start_date),
                  ...optional("endDate", p.end_date === null ? null : plainDate(p.end_date))
                })),
              attendance
            }
          })
        }
      }).pipe(Effect.orDie),
    emergencyContacts: (scope, learnerId) =>
      Effect.flatMap(
        today,
        (day) => sql<ContactRow>`select c.* from emergency_contacts c join learners l on l.id = c.learner_id
          where c.learner_id = ${learnerId} and ${learnerVisible(sql, scope, day)} order by c.priority, c.id`
      ).pipe(
        Effect.map((rows) =>
          rows.map(
            (r): EmergencyContact.EmergencyContact => ({
              id: r.id,
              learnerId: r.learner_id,
              name: r.name,
              relationship: r.relationship,
              telephone: r.telephone,
              ...optional("email", r.email),
              priority: r.priority
            })
          )
        ),
        Effect.orDie
      ),
    replaceEmergencyContacts: (learnerId, contacts) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            yield* sql`delete from emergency_contacts where learner_id = ${learnerId}`
            for (const c of contacts) {
              yield* sql`insert into emergency_contacts (id, learner_id, school_id, name, relationship, telephone, email, priority)
              select ${c.id}, l.id, l.school_id, ${c.name}, ${c.relationship}, ${c.telephone}, ${c.email ?? null}, ${c.priority}
              from learners l where l.id = ${learnerId}`
            }
          })
        )
        .pipe(Effect.orDie)
  })
})

export const layer = Layer.effect(LearnerRepository.LearnerRepository, make)
