import { SqlClient } from "@effect/sql"
import type { Fragment } from "@effect/sql/Statement"
import { type DataScope, type Ids, type Lesson, LessonRepository } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { lessonVisible } from "./ScopeSql.js"
import { plainDate, plainTime } from "./Values.js"

export interface LessonRow {
  readonly id: Ids.LessonId
  readonly course_id: Ids.CourseId
  readonly date: string
  readonly start_time: string
  readonly end_time: string
}

export const toLesson = (r: LessonRow): Lesson.Lesson => ({
  id: r.id,
  courseId: r.course_id,
  date: plainDate(r.date),
  startTime: plainTime(r.start_time),
  endTime: plainTime(r.end_time)
})

/**
 * The learners on a register: those enrolled on the lesson's course on its day, plus anyone already
 * marked (an enrolment may have been corrected since). Expects the lessons under alias `ls`.
 */
export const rosterSql = (sql: SqlClient.SqlClient): Fragment => sql`(
  select e.learner_id, e.school_id from enrolments e
  where e.course_id = ls.course_id and e.start_date <= ls.date and (e.end_date is null or e.end_date >= ls.date)
  union
  select m.learner_id, m.school_id from attendance_marks m where m.lesson_id = ls.id)`

/** The part of a roster `r` that a reader may see: a school its own learners, others everyone. */
export const rosterVisible = (sql: SqlClient.SqlClient, scope: DataScope.DataScope): Fragment =>
  scope._tag === "School" ? sql`r.school_id = ${scope.schoolId}` : sql`true`

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const insert = (l: Lesson.Lesson) =>
    sql<{ id: string }>`insert into lessons (id, course_id, provider_id, date, start_time, end_time)
      select ${l.id}, c.id, c.provider_id, ${l.date.toString()}, ${l.startTime.toString()}, ${l.endTime.toString()}
      from courses c where c.id = ${l.courseId} returning id`.pipe(
      Effect.flatMap((rows) =>
        rows.length === 1 ? Effect.void : Effect.dieMessage(`No course ${l.courseId}`)
      )
    )
  return LessonRepository.LessonRepository.of({
    create: (l) => insert(l).pipe(Effect.orDie),
    createMany: (lessons) =>
      sql.withTransaction(Effect.forEach(lessons, insert, { discard: true })).pipe(Effect.orDie),
    findById: (scope, id) =>
      sql<LessonRow>`select ls.* from lessons ls where ls.id = ${id} and ${lessonVisible(sql, scope)}`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toLesson)),
        Effect.orDie
      ),
    forDay: (scope, date, filter = {}) =>
      sql<
        LessonRow & {
          title: string
          provider_id: Ids.OrganisationId
          provider_name: string
          learner_count: number
          marked_count: number
          complete: boolean
        }
      >`select ls.*, c.title, ls.provider_id, p.name as provider_name,
          (select count(*)::int from ${rosterSql(sql)} r where ${rosterVisible(sql, scope)}) as learner_count,
          (select count(*)::int from ${rosterSql(sql)} r
            join attendance_marks am on am.lesson_id = ls.id and am.learner_id = r.learner_id
            where ${rosterVisible(sql, scope)}) as marked_count,
          not exists (select 1 from ${rosterSql(sql)} r where not exists (
            select 1 from attendance_marks am where am.lesson_id = ls.id and am.learner_id = r.learner_id)) as complete
        from lessons ls join courses c on c.id = ls.course_id join organisations p on p.id = ls.provider_id
        where ls.date = ${date.toString()} and ${lessonVisible(sql, scope)}
          ${filter.courseId === undefined ? sql`` : sql`and ls.course_id = ${filter.courseId}`}
          ${
            filter.cohort === undefined
              ? sql``
              : sql`and exists (select 1 from ${rosterSql(sql)} r join learners cl on cl.id = r.learner_id
                  where ${rosterVisible(sql, scope)} and cl.cohort = ${filter.cohort})`
          }
        order by ls.start_time, c.title, ls.id`.pipe(
        Effect.map((rows) =>
          rows.map((r) => ({
            lesson: toLesson(r),
            courseTitle: r.title,
            providerId: r.provider_id,
            providerName: r.provider_name,
            learnerCount: r.learner_count,
            markedCount: r.marked_count,
            complete: r.complete
          }))
        ),
        Effect.orDie
      ),
    filtersForDay: (scope, date) =>
      Effect.all({
        courses: sql<{ id: Ids.CourseId; title: string }>`select distinct c.id, c.title collate "C" as title
          from lessons ls join courses c on c.id = ls.course_id
          where ls.date = ${date.toString()} and ${lessonVisible(sql, scope)}
          order by 2, 1`,
        cohorts: sql<{ cohort: string }>`select distinct cl.cohort collate "C" as cohort
          from lessons ls cross join lateral ${rosterSql(sql)} r join learners cl on cl.id = r.learner_id
          where ls.date = ${date.toString()} and ${lessonVisible(sql, scope)} and ${rosterVisible(sql, scope)}
            and cl.cohort is not null
          order by 1`
      }).pipe(
        Effect.map(({ courses, cohorts }) => ({ courses, cohorts: cohorts.map((r) => r.cohort) })),
        Effect.orDie
      ),
    forCourse: (scope, courseId, from, to) =>
      sql<LessonRow>`select ls.* from lessons ls where ls.course_id = ${courseId}
        and ls.date between ${from.toString()} and ${to.toString()} and ${lessonVisible(sql, scope)}
        order by ls.date, ls.start_time, ls.id`.pipe(
        Effect.map((rows) => rows.map(toLesson)),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(LessonRepository.LessonRepository, make)
