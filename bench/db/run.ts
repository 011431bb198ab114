/**
 * Database bench: loads a synthetic council ten times a large one (50,000 learners, 5,000,000
 * attendance marks) into a dedicated PostgreSQL database, then times the scoped queries the pages
 * use, each as a ratio to fetching the same rows with a bare `pg` query that knows nothing of
 * scopes. Not part of the test run: `pnpm bench:db` (takes a few minutes).
 *
 * BENCH_DATABASE_URL (or DATABASE_URL) names the server. The database `openap_bench` on it is
 * made and loaded once (about five minutes); later runs measure again on the same rows unless
 * BENCH_RELOAD=true.
 */
import { performance } from "node:perf_hooks"
import { Store } from "@openap/adapters"
import { DataScope, type Ids, LearnerRepository, RegisterRepository } from "@openap/core"
import { Config, Effect, ManagedRuntime, Option, Redacted } from "effect"
import pg from "pg"

const SCHOOLS = 200
const PROVIDERS = 100
const COURSES_PER_PROVIDER = 10
const LEARNERS = 50_000
const LESSONS_PER_COURSE = 100
const RUNS = 30

const serverUrl = Effect.runSync(
  Config.string("BENCH_DATABASE_URL").pipe(
    Config.orElse(() => Config.string("DATABASE_URL")),
    Config.withDefault("postgres://postgres@127.0.0.1:5432/postgres")
  )
)
const benchUrl = (() => {
  const url = new URL(serverUrl)
  url.pathname = "/openap_bench"
  return url.toString()
})()

const log = (line: string) => process.stdout.write(`${line}\n`)

const timed = async <A>(label: string, f: () => Promise<A>): Promise<A> => {
  const start = performance.now()
  const result = await f()
  log(`  ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`)
  return result
}

const reload = Effect.runSync(Config.boolean("BENCH_RELOAD").pipe(Config.withDefault(false)))

/** Whether openap_bench already holds the whole synthetic council from an earlier run. */
const alreadyLoaded = async () => {
  const db = new pg.Client({ connectionString: benchUrl })
  try {
    await db.connect()
    const counts = await db.query<{ learners: number; marks: number }>(
      "select (select count(*)::int from learners) as learners, (select count(*)::int from attendance_marks) as marks"
    )
    return counts.rows[0]?.learners === LEARNERS && counts.rows[0]?.marks === 5_000_000
  } catch {
    return false
  } finally {
    await db.end().catch(() => undefined)
  }
}

const recreateDatabase = async () => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query("drop database if exists openap_bench with (force)")
  await admin.query("create database openap_bench")
  await admin.end()
}

/** Everything generated in the database itself: no rows cross the wire while loading. */
const load = async (db: pg.Client) => {
  const uuid = (prefix: string, n: string) => `md5('${prefix}-' || ${n})::uuid`
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
    await db.query(`insert into courses (id, provider_id, title, category, academic_year, description)
      select ${uuid("course", "c")}, ${uuid("provider", `((c - 1) / ${COURSES_PER_PROVIDER} + 1)`)},
        'Course ' || c, 'vocational_practical_skills', '2025/26', ''
      from generate_series(1, ${PROVIDERS * COURSES_PER_PROVIDER}) c`)
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
      join courses c on c.id = ${uuid("course", `((i * 37) % ${PROVIDERS * COURSES_PER_PROVIDER} + 1)`)}`)
  })
  await timed(`${PROVIDERS * COURSES_PER_PROVIDER * LESSONS_PER_COURSE} lessons`, () =>
    db.query(`insert into lessons (id, course_id, provider_id, date, start_time, end_time)
      select ${uuid("lesson", "c.n || '-' || k")}, c.id, c.provider_id, date '2024-09-09' + k * 3 + (c.n % 3)::int,
        time '09:30', time '12:00'
      from (select id, provider_id, row_number() over (order by id) as n from courses) c,
        generate_series(1, ${LESSONS_PER_COURSE}) k`)
  )
  await timed("5,000,000 attendance marks", () =>
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
  const counts = await db.query<{ learners: number; marks: number; lessons: number }>(`select
    (select count(*)::int from learners) as learners, (select count(*)::int from attendance_marks) as marks,
    (select count(*)::int from lessons) as lessons`)
  log(`  loaded: ${JSON.stringify(counts.rows[0])}`)
}

const median = (xs: Array<number>) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Median time of `f` over RUNS runs, after warming up. */
const measure = async (f: () => Promise<unknown>) => {
  for (let i = 0; i < 5; i++) await f()
  const times: Array<number> = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await f()
    times.push(performance.now() - start)
  }
  return median(times)
}

const compare = async (
  label: string,
  rows: () => Promise<number>,
  scoped: () => Promise<unknown>,
  bare: () => Promise<unknown>
) => {
  const n = await rows()
  const s = await measure(scoped)
  const b = await measure(bare)
  log(
    `${label.padEnd(58)} rows ${String(n).padStart(5)}  scoped ${s.toFixed(2).padStart(7)} ms  bare pg ${b
      .toFixed(2)
      .padStart(7)} ms  ratio ${(s / b).toFixed(2)}`
  )
}

const main = async () => {
  log(`Database bench on ${new URL(benchUrl).host}/openap_bench`)
  const load_ = reload || !(await alreadyLoaded())
  if (load_) await recreateDatabase()
  else log("  reusing the council loaded by an earlier run (BENCH_RELOAD=true loads it again)")
  const runtime = ManagedRuntime.make(Store.layerPostgres(Redacted.make(benchUrl), 4))
  const db = new pg.Client({ connectionString: benchUrl })
  try {
    await runtime.runPromise(Effect.void)
    await db.connect()
    if (load_) await timed("load", () => load(db))
    await queries(runtime, db)
  } finally {
    await db.end()
    await runtime.dispose()
  }
}

const queries = async (runtime: ManagedRuntime.ManagedRuntime<Store.Services, unknown>, db: pg.Client) => {
  const pick = await db.query<{ lesson: string; school: string; provider: string }>(`
    select ls.id as lesson, e.school_id as school, ls.provider_id as provider
    from lessons ls join enrolments e on e.course_id = ls.course_id
    order by ls.date desc, ls.id limit 1`)
  const { lesson, school, provider } = pick.rows[0] as {
    lesson: Ids.LessonId
    school: Ids.OrganisationId
    provider: Ids.OrganisationId
  }
  const run = <A>(effect: Effect.Effect<A, never, Store.Services>) => runtime.runPromise(effect)

  log("")
  log(`query (median of ${RUNS}; ratio = scoped repository / bare pg, same rows)`)

  await compare(
    "register of one lesson, as its provider",
    () =>
      run(
        Effect.map(
          Effect.flatMap(RegisterRepository.RegisterRepository, (r) =>
            r.load(DataScope.provider(provider), lesson)
          ),
          (o) => Option.getOrThrow(o).learners.length
        )
      ),
    () =>
      run(
        Effect.flatMap(RegisterRepository.RegisterRepository, (r) =>
          r.load(DataScope.provider(provider), lesson)
        )
      ),
    () =>
      db.query(
        `select ls.*, l.id as learner_id, l.school_id, l.given_name, l.family_name, m.code, m.contribution, m.note,
           m.marked_by, m.marked_at
         from lessons ls join enrolments e on e.course_id = ls.course_id join learners l on l.id = e.learner_id
         left join attendance_marks m on m.lesson_id = ls.id and m.learner_id = l.id
         where ls.id = $1 order by l.family_name, l.given_name`,
        [lesson]
      )
  )

  await compare(
    "a school's unprocessed absences, oldest first",
    () =>
      run(
        Effect.map(
          Effect.flatMap(RegisterRepository.RegisterRepository, (r) =>
            r.unprocessedAbsences(DataScope.school(school))
          ),
          (a) => a.length
        )
      ),
    () =>
      run(
        Effect.flatMap(RegisterRepository.RegisterRepository, (r) =>
          r.unprocessedAbsences(DataScope.school(school))
        )
      ),
    () =>
      db.query(
        `select m.lesson_id, m.learner_id, l.given_name, l.family_name, m.school_id, ls.course_id, c.title, m.provider_id,
           p.name, ls.date, ls.start_time, ls.end_time, m.marked_at, m.note
         from attendance_marks m join lessons ls on ls.id = m.lesson_id join learners l on l.id = m.learner_id
         join courses c on c.id = ls.course_id join organisations p on p.id = m.provider_id
         where m.school_id = $1 and m.code = 'unexplained_absence' order by ls.date, ls.start_time limit 1000`,
        [school]
      )
  )

  const recordsPage = (scope: DataScope.DataScope) =>
    Effect.flatMap(LearnerRepository.LearnerRepository, (r) =>
      r.trainingRecords(scope, { providerId: provider }, { offset: 20, limit: 20 })
    )
  const barePage = () =>
    db.query(
      `with page as (
         select l.*, s.name as school_name from learners l join organisations s on s.id = l.school_id
         where exists (select 1 from enrolments e where e.learner_id = l.id and e.provider_id = $1)
         order by lower(l.family_name), lower(l.given_name), l.id limit 20 offset 20)
       select page.*, (select count(*) from learners l where exists (
           select 1 from enrolments e where e.learner_id = l.id and e.provider_id = $1)) as total,
         (select json_agg(json_build_object('course', c.title, 'provider', o.name)) from enrolments e
           join courses c on c.id = e.course_id join organisations o on o.id = e.provider_id where e.learner_id = page.id) as placements,
         (select json_object_agg(code, n) from (select code, count(*) as n from attendance_marks m
           where m.learner_id = page.id group by code) x) as attendance
       from page`,
      [provider]
    )
  for (const [label, scope] of [
    ["training records page 2, filtered by provider, as CAP", DataScope.all],
    ["training records page 2, as the provider itself", DataScope.provider(provider)]
  ] as const) {
    await compare(
      label,
      () => run(Effect.map(recordsPage(scope), (p) => p.items.length)),
      () => run(recordsPage(scope)),
      barePage
    )
  }

  await db.end()
  await runtime.dispose()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
