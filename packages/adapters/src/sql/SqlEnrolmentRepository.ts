import { SqlClient } from "@effect/sql"
import { type Enrolment, EnrolmentRepository, type Ids } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { ownedRowVisible } from "./ScopeSql.js"
import { optional, plainDate } from "./Values.js"

interface EnrolmentRow {
  readonly id: Ids.EnrolmentId
  readonly learner_id: Ids.LearnerId
  readonly course_id: Ids.CourseId
  readonly start_date: string
  readonly end_date: string | null
}

const toEnrolment = (r: EnrolmentRow): Enrolment.Enrolment => ({
  id: r.id,
  learnerId: r.learner_id,
  courseId: r.course_id,
  startDate: plainDate(r.start_date),
  ...optional("endDate", r.end_date === null ? null : plainDate(r.end_date))
})

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return EnrolmentRepository.EnrolmentRepository.of({
    create: (e) =>
      sql<{
        id: string
      }>`insert into enrolments (id, learner_id, course_id, school_id, provider_id, start_date, end_date)
        select ${e.id}, l.id, c.id, l.school_id, c.provider_id, ${e.startDate.toString()}, ${e.endDate?.toString() ?? null}
        from learners l, courses c where l.id = ${e.learnerId} and c.id = ${e.courseId} returning id`.pipe(
        Effect.flatMap((rows) =>
          rows.length === 1
            ? Effect.void
            : Effect.dieMessage(`No learner ${e.learnerId} or course ${e.courseId}`)
        ),
        Effect.orDie
      ),
    end: (id, endDate) =>
      sql`update enrolments set end_date = ${endDate.toString()} where id = ${id}`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    findById: (scope, id) =>
      sql<EnrolmentRow>`select e.* from enrolments e where e.id = ${id} and ${ownedRowVisible(sql, scope, "e")}`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toEnrolment)),
        Effect.orDie
      ),
    forLearner: (scope, learnerId) =>
      sql<EnrolmentRow>`select e.* from enrolments e
        where e.learner_id = ${learnerId} and ${ownedRowVisible(sql, scope, "e")} order by e.start_date, e.id`.pipe(
        Effect.map((rows) => rows.map(toEnrolment)),
        Effect.orDie
      ),
    forCourse: (scope, courseId, activeOn) =>
      sql<EnrolmentRow>`select e.* from enrolments e
        where e.course_id = ${courseId} and ${ownedRowVisible(sql, scope, "e")}
        and ${
          activeOn === undefined
            ? sql`true`
            : sql`e.start_date <= ${activeOn.toString()} and (e.end_date is null or e.end_date >= ${activeOn.toString()})`
        }
        order by e.start_date, e.id`.pipe(
        Effect.map((rows) => rows.map(toEnrolment)),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(EnrolmentRepository.EnrolmentRepository, make)
