import type pg from "pg"
import { log, timed } from "./Timing.js"

/**
 * A synthetic council ten times a large one: 200 schools, 100 providers with 10 courses each, and
 * 50,000 learners, each on one course (50 a course), every one marked on every lesson of it.
 * Ids are md5 of a name and a number, so every load makes the same rows and a bench can pick them.
 */
export const SCHOOLS = 200
export const PROVIDERS = 100
export const COURSES_PER_PROVIDER = 10
export const COURSES = PROVIDERS * COURSES_PER_PROVIDER
export const LEARNERS = 50_000

export interface Size {
  readonly lessonsPerCourse: number
}

export const marksOf = (size: Size) => LEARNERS * size.lessonsPerCourse

const uuid = (prefix: string, n: string) => `md5('${prefix}-' || ${n})::uuid`

/**
 * Loads the council into an empty, migrated database. Everything is generated in the database
 * itself, so no rows cross the wire: the load takes minutes, not an hour.
 */
export const load = async (db: pg.Client, size: Size): Promise<void> => {
  await db.query("set synchronous_commit = off")
  await timed("organisations, users, courses", async () => {
    await db.query(`insert into organisations (id, kind, name) values (${uuid("cap", "1")}, 'cap', 'CAP')`)
    await db.query(`insert into organisations (id, kind, name)
      select ${uuid("school", "i")}, 'school', 'School ' || i from generate_series(1, ${SCHOOLS}) i`)
    await db.query(`insert into organisations (id, kind, name)
      select ${uuid("provider", "i")}, 'provider', 'Provider ' || i from generate_series(1, ${PROVIDERS}) i`)
    await db.query(`insert into users (id, organisation_id, email, display_name, roles)
      select ${uuid("tutor", "i")}, ${uuid("provider", "i")}, 'tutor' || i || '@bench.test', 'Tutor ' || i, '{tutor}'
      from generate_series(1, ${PROVIDERS}) i`)
    await db.query(`insert into users (id, organisation_id, email, display_name, roles)
      select ${uuid("coordinator", "i")}, ${uuid("school", "i")}, 'coordinator' || i || '@bench.test',
        'Coordinator ' || i, '{cap_coordinator}'
      from generate_series(1, ${SCHOOLS}) i`)
    await db.query(`insert into courses (id, provider_id, title, category, academic_year, description)
      select ${uuid("course", "c")}, ${uuid("provider", `((c - 1) / ${COURSES_PER_PROVIDER} + 1)`)},
        'Course ' || c, 'vocational_practical_skills', '2025/26', ''
      from generate_series(1, ${COURSES}) c`)
  })
  await timed(`${LEARNERS} learners and their enrolments`, async () => {
    await db.query(`insert into learners (id, school_id, given_name, family_name, date_of_birth, cohort)
      select ${uuid("learner", "i")}, ${uuid("school", `((i - 1) % ${SCHOOLS} + 1)`)}, 'Given' || i,
        (array['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Wright',
               'Singh','Walker','Evans','Khan','Roberts','Green','Hall','Wood','Ahmed','Hughes'])[i % 20 + 1]
          || '-' || lpad(((i * 7919) % ${LEARNERS})::text, 5, '0'),
        date '2009-09-01' + (i % 1400), 'Year ' || (9 + i % 3)
      from generate_series(1, ${LEARNERS}) i`)
    await db.query(`insert into enrolments (id, learner_id, course_id, school_id, provider_id, start_date)
      select ${uuid("enrolment", "i")}, l.id, c.id, l.school_id, c.provider_id, date '2024-09-02'
      from generate_series(1, ${LEARNERS}) i
      join learners l on l.id = ${uuid("learner", "i")}
      join courses c on c.id = ${uuid("course", `((i * 37) % ${COURSES} + 1)`)}`)
  })
  // row_number() is a bigint and PostgreSQL has no `date + bigint`: the day offset is cast to int whole.
  await timed(`${COURSES * size.lessonsPerCourse} lessons`, () =>
    db.query(`insert into lessons (id, course_id, provider_id, date, start_time, end_time)
      select ${uuid("lesson", "c.n || '-' || k")}, c.id, c.provider_id, date '2024-09-09' + (k * 3 + c.n % 3)::int,
        time '09:30', time '12:00'
      from (select id, provider_id, row_number() over (order by id) as n from courses) c,
        generate_series(1, ${size.lessonsPerCourse}) k`)
  )
  await timed(`${marksOf(size)} attendance marks`, () =>
    db.query(`insert into attendance_marks
        (lesson_id, learner_id, school_id, provider_id, code, contribution, marked_by, marked_at)
      select ls.id, e.learner_id, e.school_id, e.provider_id,
        case (abs(hashtext(ls.id::text || e.learner_id::text)) % 100)
          when 0 then 'unexplained_absence' when 1 then 'authorised_absence' when 2 then 'unauthorised_absence'
          when 3 then 'dismissed_behaviour' when 4 then 'not_required'
          else case when abs(hashtext(e.learner_id::text || ls.id::text)) % 10 = 0 then 'late' else 'present' end
        end,
        0, u.id, ls.date + time '12:00'
      from lessons ls
      join enrolments e on e.course_id = ls.course_id
      join users u on u.organisation_id = ls.provider_id`)
  )
  await timed("analyze", () => db.query("analyze"))
  const counts = await db.query(`select (select count(*)::int from learners) as learners,
    (select count(*)::int from attendance_marks) as marks, (select count(*)::int from lessons) as lessons,
    (select count(*)::int from attendance_marks where code = 'unexplained_absence') as unexplained`)
  log(`  loaded: ${JSON.stringify(counts.rows[0])}`)
}

/** Whether `db` already holds the whole council of this size, as `load` makes it, from an earlier run. */
export const isLoaded = async (db: pg.Client, size: Size): Promise<boolean> => {
  const counts = await db.query<{ learners: number; marks: number; users: number }>(
    `select (select count(*)::int from learners) as learners, (select count(*)::int from attendance_marks) as marks,
      (select count(*)::int from users) as users`
  )
  const row = counts.rows[0]
  return row?.learners === LEARNERS && row.marks === marksOf(size) && row.users === PROVIDERS + SCHOOLS
}
