import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import {
  type AttendanceCode,
  type AttendanceMark,
  type Ids,
  type LessonRegister,
  type MarkHistory,
  RegisterRepository
} from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { lessonVisible, ownedRowVisible } from "./ScopeSql.js"
import { type LessonRow, rosterSql, rosterVisible, toLesson } from "./SqlLessonRepository.js"
import { instant, instantParam, optional, plainDate, plainTime } from "./Values.js"

interface MarkRow {
  readonly lesson_id: Ids.LessonId
  readonly learner_id: Ids.LearnerId
  readonly code: AttendanceCode.AttendanceCode
  readonly contribution: number
  readonly note: string | null
  readonly marked_by: Ids.UserId
  readonly marked_at: Date
}

const toMark = (r: MarkRow): AttendanceMark.AttendanceMark => ({
  lessonId: r.lesson_id,
  learnerId: r.learner_id,
  code: r.code,
  contribution: r.contribution,
  ...optional("note", r.note),
  markedBy: r.marked_by,
  markedAt: instant(r.marked_at)
})

const sameMark = (
  stored: { code: string; contribution: number; note: string | null } | undefined,
  change: AttendanceMark.MarkChange
) =>
  stored !== undefined &&
  stored.code === change.code &&
  stored.contribution === change.contribution &&
  (stored.note ?? undefined) === change.note

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const save: RegisterRepository.RegisterRepository["Type"]["save"] = (
    scope,
    lessonId,
    changes,
    expectedVersion,
    by,
    at
  ) =>
    sql
      .withTransaction(
        Effect.gen(function* () {
          // Locking the lesson row serialises saves of one register: a second save waits here, then
          // sees the version the first one wrote and is refused instead of overwriting it.
          const lessons = yield* sql<{ provider_id: Ids.OrganisationId; register_version: number }>`
            select ls.provider_id, ls.register_version from lessons ls
            where ls.id = ${lessonId} and ${lessonVisible(sql, scope)} for update of ls`
          const lesson = lessons[0]
          if (lesson === undefined) return yield* new RegisterRepository.RegisterNotFound({ lessonId })
          const stale = new RegisterRepository.StaleRegister({
            lessonId,
            expectedVersion,
            currentVersion: lesson.register_version
          })
          if (lesson.register_version !== expectedVersion) return yield* stale
          const roster = yield* sql<{ learner_id: Ids.LearnerId; school_id: Ids.OrganisationId }>`
            select r.learner_id, r.school_id from lessons ls cross join lateral ${rosterSql(sql)} r
            where ls.id = ${lessonId} and ${rosterVisible(sql, scope)}`
          const onRegister = new Map(roster.map((r) => [r.learner_id, r.school_id]))
          const wanted = new Map(changes.map((c) => [c.learnerId, c]))
          for (const learnerId of wanted.keys()) {
            if (!onRegister.has(learnerId)) {
              return yield* new RegisterRepository.LearnerNotOnRegister({ lessonId, learnerId })
            }
          }
          const stored = yield* sql<MarkRow>`select * from attendance_marks where lesson_id = ${lessonId}`
          const current = new Map(stored.map((m) => [m.learner_id, m]))
          const changed = [...wanted.values()].filter((c) => !sameMark(current.get(c.learnerId), c))
          if (changed.length === 0) return lesson.register_version
          const bumped = yield* sql<{ register_version: number }>`
            update lessons set register_version = register_version + 1
            where id = ${lessonId} and register_version = ${expectedVersion} returning register_version`
          const version = bumped[0]?.register_version
          if (version === undefined) return yield* stale
          for (const c of changed) {
            const before = current.get(c.learnerId)
            const schoolId = onRegister.get(c.learnerId) as Ids.OrganisationId
            yield* sql`insert into attendance_marks
                (lesson_id, learner_id, school_id, provider_id, code, contribution, note, marked_by, marked_at)
              values (${lessonId}, ${c.learnerId}, ${schoolId}, ${lesson.provider_id}, ${c.code}, ${c.contribution},
                ${c.note ?? null}, ${by}, ${instantParam(at)})
              on conflict (lesson_id, learner_id) do update set code = excluded.code,
                contribution = excluded.contribution, note = excluded.note,
                marked_by = excluded.marked_by, marked_at = excluded.marked_at`
            yield* sql`insert into mark_history (lesson_id, learner_id, school_id, provider_id, previous_code,
                previous_contribution, previous_note, code, contribution, note, changed_by, changed_at)
              values (${lessonId}, ${c.learnerId}, ${schoolId}, ${lesson.provider_id}, ${before?.code ?? null},
                ${before?.contribution ?? null}, ${before?.note ?? null}, ${c.code}, ${c.contribution}, ${c.note ?? null},
                ${by}, ${instantParam(at)})`
          }
          return version
        })
      )
      .pipe(Effect.catchTag("SqlError", (e: SqlError) => Effect.die(e)))

  return RegisterRepository.RegisterRepository.of({
    load: (scope, lessonId) =>
      Effect.gen(function* () {
        const lessons = yield* sql<
          LessonRow & {
            title: string
            provider_id: Ids.OrganisationId
            register_version: number
            complete: boolean
          }
        >`select ls.*, c.title,
            not exists (select 1 from ${rosterSql(sql)} r where not exists (
              select 1 from attendance_marks am where am.lesson_id = ls.id and am.learner_id = r.learner_id)) as complete
          from lessons ls join courses c on c.id = ls.course_id
          where ls.id = ${lessonId} and ${lessonVisible(sql, scope)}`
        const lesson = lessons[0]
        if (lesson === undefined) return Option.none()
        const learners = yield* sql<
          {
            learner_id: Ids.LearnerId
            school_id: Ids.OrganisationId
            given_name: string
            family_name: string
          } & { [K in keyof MarkRow]: MarkRow[K] | null }
        >`select r.learner_id, r.school_id, l.given_name, l.family_name, m.lesson_id, m.code, m.contribution, m.note,
            m.marked_by, m.marked_at
          from lessons ls cross join lateral ${rosterSql(sql)} r
          join learners l on l.id = r.learner_id
          left join attendance_marks m on m.lesson_id = ls.id and m.learner_id = r.learner_id
          where ls.id = ${lessonId} and ${rosterVisible(sql, scope)}
          order by lower(l.family_name), lower(l.given_name), l.id`
        const register: LessonRegister.LessonRegister = {
          lesson: toLesson(lesson),
          courseTitle: lesson.title,
          providerId: lesson.provider_id,
          version: lesson.register_version,
          complete: lesson.complete,
          learners: learners.map((r) => ({
            learnerId: r.learner_id,
            schoolId: r.school_id,
            givenName: r.given_name,
            familyName: r.family_name,
            ...optional(
              "mark",
              r.code === null ? null : toMark({ ...(r as MarkRow), learner_id: r.learner_id })
            )
          }))
        }
        return Option.some(register)
      }).pipe(Effect.orDie),
    save,
    unprocessedAbsences: (scope, limit = 1000) =>
      sql<{
        lesson_id: Ids.LessonId
        learner_id: Ids.LearnerId
        given_name: string
        family_name: string
        school_id: Ids.OrganisationId
        course_id: Ids.CourseId
        title: string
        provider_id: Ids.OrganisationId
        provider_name: string
        date: string
        start_time: string
        end_time: string
        marked_at: Date
        note: string | null
      }>`select m.lesson_id, m.learner_id, l.given_name, l.family_name, m.school_id, ls.course_id, c.title,
          m.provider_id, p.name as provider_name, ls.date, ls.start_time, ls.end_time, m.marked_at, m.note
        from attendance_marks m
        join lessons ls on ls.id = m.lesson_id
        join learners l on l.id = m.learner_id
        join courses c on c.id = ls.course_id
        join organisations p on p.id = m.provider_id
        where m.code = 'unexplained_absence' and ${ownedRowVisible(sql, scope, "m")}
        order by ls.date, ls.start_time, lower(l.family_name), lower(l.given_name), m.learner_id
        limit ${limit}`.pipe(
        Effect.map((rows) =>
          rows.map((r) => ({
            lessonId: r.lesson_id,
            learnerId: r.learner_id,
            givenName: r.given_name,
            familyName: r.family_name,
            schoolId: r.school_id,
            courseId: r.course_id,
            courseTitle: r.title,
            providerId: r.provider_id,
            providerName: r.provider_name,
            date: plainDate(r.date),
            startTime: plainTime(r.start_time),
            endTime: plainTime(r.end_time),
            markedAt: instant(r.marked_at),
            ...optional("note", r.note)
          }))
        ),
        Effect.orDie
      ),
    marksForLearner: (scope, learnerId) =>
      sql<MarkRow & LessonRow & { title: string; id: Ids.LessonId }>`
        select m.*, ls.id, ls.course_id, ls.date, ls.start_time, ls.end_time, c.title
        from attendance_marks m join lessons ls on ls.id = m.lesson_id join courses c on c.id = ls.course_id
        where m.learner_id = ${learnerId} and ${ownedRowVisible(sql, scope, "m")}
        order by ls.date desc, ls.start_time desc, ls.id`.pipe(
        Effect.map((rows) =>
          rows.map((r) => ({ lesson: toLesson(r), courseTitle: r.title, mark: toMark(r) }))
        ),
        Effect.orDie
      ),
    history: (scope, lessonId) =>
      sql<{
        lesson_id: Ids.LessonId
        learner_id: Ids.LearnerId
        previous_code: AttendanceCode.AttendanceCode | null
        previous_contribution: number | null
        previous_note: string | null
        code: AttendanceCode.AttendanceCode
        contribution: number
        note: string | null
        changed_by: Ids.UserId
        changed_at: Date
      }>`select h.* from mark_history h where h.lesson_id = ${lessonId} and ${ownedRowVisible(sql, scope, "h")}
        order by h.id`.pipe(
        Effect.map((rows) =>
          rows.map(
            (r): MarkHistory.MarkHistoryEntry => ({
              lessonId: r.lesson_id,
              learnerId: r.learner_id,
              ...optional(
                "previous",
                r.previous_code === null
                  ? null
                  : {
                      code: r.previous_code,
                      contribution: r.previous_contribution ?? 0,
                      ...optional("note", r.previous_note)
                    }
              ),
              code: r.code,
              contribution: r.contribution,
              ...optional("note", r.note),
              changedBy: r.changed_by,
              changedAt: instant(r.changed_at)
            })
          )
        ),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(RegisterRepository.RegisterRepository, make)
