/**
 * Register pages bench: what a whole page costs, as a ratio to the bare query that fetches its
 * rows. Loads a synthetic council of 50,000 learners (200 schools, 100 providers, 1,000 courses,
 * 50 learners a course, LESSONS_PER_COURSE lessons each, every learner marked on every lesson) into
 * a dedicated PostgreSQL database, then times through the real web app (app.inject: session,
 * CSRF-free GET, use case, audit entry, Eta rendering):
 *   - the register page of one lesson, as its provider's tutor;
 *   - the unprocessed-absences list, as a school's CAP Coordinator;
 * each against a bare `pg` query returning the same rows, median of RUNS runs after warming up.
 *
 * Not part of the test run: `pnpm exec tsx bench/registers/run.ts` (a few minutes, mostly loading).
 * BENCH_DATABASE_URL (or DATABASE_URL) names the server; the database `openap_bench_registers` on
 * it is dropped and made again.
 */
import { performance } from "node:perf_hooks"
import { Store } from "@openap/adapters"
import { type Ids, Registers, UserRepository } from "@openap/core"
import { Config, DateTime, Duration, Effect, Option, Redacted } from "effect"
import pg from "pg"
import { buildApp } from "../../apps/web/src/App.js"
import { makeRuntime } from "../../apps/web/src/AppRuntime.js"
import { hashPassword } from "../../apps/web/src/adapters/Argon2PasswordHasher.js"
import type { WebConfig } from "../../apps/web/src/WebConfig.js"

const SCHOOLS = 200
const PROVIDERS = 100
const COURSES_PER_PROVIDER = 10
const LEARNERS = 50_000
const LESSONS_PER_COURSE = Effect.runSync(Config.integer("LESSONS_PER_COURSE").pipe(Config.withDefault(100)))
const RUNS = 30
const PASSWORD = "bench-password-long-enough"

const serverUrl = Effect.runSync(
  Config.string("BENCH_DATABASE_URL").pipe(
    Config.orElse(() => Config.string("DATABASE_URL")),
    Config.withDefault("postgres://postgres@127.0.0.1:5432/postgres")
  )
)
const benchUrl = (() => {
  const url = new URL(serverUrl)
  url.pathname = "/openap_bench_registers"
  return url.toString()
})()

const log = (line: string) => process.stdout.write(`${line}\n`)

const timed = async <A>(label: string, f: () => Promise<A>): Promise<A> => {
  const start = performance.now()
  const result = await f()
  log(`  ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`)
  return result
}

const recreateDatabase = async () => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query("drop database if exists openap_bench_registers with (force)")
  await admin.query("create database openap_bench_registers")
  await admin.end()
}

/** Everything generated in the database itself: no rows cross the wire while loading. */
const load = async (db: pg.Client) => {
  const uuid = (prefix: string, n: string) => `md5('${prefix}-' || ${n})::uuid`
  const courses = PROVIDERS * COURSES_PER_PROVIDER
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
      from generate_series(1, ${courses}) c`)
  })
  await timed(`${LEARNERS} learners and their enrolments`, async () => {
    await db.query(`insert into learners (id, school_id, given_name, family_name, date_of_birth, cohort)
      select ${uuid("learner", "i")}, ${uuid("school", `((i - 1) % ${SCHOOLS} + 1)`)}, 'Given' || i,
        (array['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Wright'])[i % 10 + 1]
          || '-' || lpad(((i * 7919) % ${LEARNERS})::text, 5, '0'),
        date '2009-09-01' + (i % 1400), 'Year ' || (9 + i % 3)
      from generate_series(1, ${LEARNERS}) i`)
    await db.query(`insert into enrolments (id, learner_id, course_id, school_id, provider_id, start_date)
      select ${uuid("enrolment", "i")}, l.id, c.id, l.school_id, c.provider_id, date '2024-09-02'
      from generate_series(1, ${LEARNERS}) i
      join learners l on l.id = ${uuid("learner", "i")}
      join courses c on c.id = ${uuid("course", `((i * 37) % ${courses} + 1)`)}`)
  })
  await timed(`${courses * LESSONS_PER_COURSE} lessons`, () =>
    db.query(`insert into lessons (id, course_id, provider_id, date, start_time, end_time)
      select ${uuid("lesson", "c.n || '-' || k")}, c.id, c.provider_id, date '2024-09-09' + (k * 3 + c.n % 3)::int,
        time '09:30', time '12:00'
      from (select id, provider_id, row_number() over (order by id) as n from courses) c,
        generate_series(1, ${LESSONS_PER_COURSE}) k`)
  )
  await timed(`${LEARNERS * LESSONS_PER_COURSE} attendance marks`, () =>
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

const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

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

const config: WebConfig = {
  port: 0,
  host: "127.0.0.1",
  publicUrl: "http://127.0.0.1:3000",
  serviceName: "Alternative Provision service",
  councilName: "Bench City Council",
  sessionIdleTimeout: Duration.minutes(30),
  cookieSecret: Option.some(Redacted.make("a bench secret that is long enough to sign cookies")),
  secureCookies: false,
  trustProxy: false
}

const main = async () => {
  log(`Register pages bench on ${new URL(benchUrl).host}/openap_bench_registers`)
  await recreateDatabase()
  const runtime = makeRuntime(Store.layerPostgres(Redacted.make(benchUrl), 4))
  await runtime.runPromise(Effect.void)
  const db = new pg.Client({ connectionString: benchUrl })
  await db.connect()
  await timed("load", () => load(db))

  // The most recent lesson of one course, and a school with learners on it.
  const pick = await db.query<{ lesson: string; school: string; tutor: string; coordinator: string }>(`
    select ls.id as lesson, e.school_id as school, u.email as tutor, su.email as coordinator
    from lessons ls join enrolments e on e.course_id = ls.course_id
    join users u on u.organisation_id = ls.provider_id join users su on su.organisation_id = e.school_id
    order by ls.date desc, ls.id limit 1`)
  const { lesson, school, tutor, coordinator } = pick.rows[0] as {
    lesson: Ids.LessonId
    school: Ids.OrganisationId
    tutor: string
    coordinator: string
  }
  const hash = await hashPassword(PASSWORD)
  await runtime.runPromise(
    Effect.gen(function* () {
      const users = yield* UserRepository.UserRepository
      const now = yield* DateTime.now
      for (const email of [tutor, coordinator]) {
        const user = Option.getOrThrow(yield* users.findByEmail(email))
        yield* users.setPasswordHash(user.id, hash, now)
      }
    })
  )
  const app = await buildApp({ config, runtime })
  await app.ready()
  const signIn = async (email: string) => {
    const form = await app.inject({ method: "GET", url: "/sign-in" })
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ""
    const csrfCookie = form.cookies.map((c) => `${c.name}=${c.value}`).join("; ")
    const response = await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      payload: new URLSearchParams({ email, password: PASSWORD, _csrf: token }).toString()
    })
    if (response.statusCode !== 303) throw new Error(`sign-in as ${email}: ${response.statusCode}`)
    return response.cookies.map((c) => `${c.name}=${c.value}`).join("; ")
  }
  const page = (cookie: string, url: string) => async () => {
    const response = await app.inject({ method: "GET", url, headers: { cookie } })
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`)
    return response
  }

  const tutorCookie = await signIn(tutor)
  const schoolCookie = await signIn(coordinator)
  const bareRegister = () =>
    db.query(
      `select ls.*, l.id as learner_id, l.school_id, l.given_name, l.family_name, m.code, m.contribution, m.note,
         m.marked_by, m.marked_at
       from lessons ls join enrolments e on e.course_id = ls.course_id join learners l on l.id = e.learner_id
       left join attendance_marks m on m.lesson_id = ls.id and m.learner_id = l.id
       where ls.id = $1 order by l.family_name, l.given_name`,
      [lesson]
    )
  const bareAbsences = () =>
    db.query(
      `select m.lesson_id, m.learner_id, l.given_name, l.family_name, m.school_id, ls.course_id, c.title, m.provider_id,
         p.name, ls.date, ls.start_time, ls.end_time, m.marked_at, m.note
       from attendance_marks m join lessons ls on ls.id = m.lesson_id join learners l on l.id = m.learner_id
       join courses c on c.id = ls.course_id join organisations p on p.id = m.provider_id
       where m.school_id = $1 and m.code = 'unexplained_absence' order by ls.date, ls.start_time limit ${Registers.listLimit + 1}`,
      [school]
    )
  const registerRows = (await bareRegister()).rowCount ?? 0
  const absenceRows = (await bareAbsences()).rowCount ?? 0

  log("")
  log(`page (median of ${RUNS}; ratio = whole page through the web app / bare pg query of its rows)`)
  for (const [label, rows, pageRun, bare] of [
    [
      "register page of one lesson, as its provider's tutor",
      registerRows,
      page(tutorCookie, `/registers/${lesson}`),
      bareRegister
    ],
    [
      "unprocessed absences, as a school's CAP Coordinator",
      absenceRows,
      page(schoolCookie, "/absences"),
      bareAbsences
    ]
  ] as const) {
    const p = await measure(pageRun)
    const b = await measure(bare)
    log(
      `${label.padEnd(56)} rows ${String(rows).padStart(4)}  page ${p.toFixed(2).padStart(7)} ms  bare pg ${b
        .toFixed(2)
        .padStart(6)} ms  ratio ${(p / b).toFixed(1)}`
    )
  }

  await app.close()
  await db.end()
  await runtime.dispose()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
