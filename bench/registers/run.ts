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
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FileStorageFs, Store } from "@openap/adapters"
import { type Ids, Registers, UserRepository } from "@openap/core"
import { Config, DateTime, Duration, Effect, Layer, Option, Redacted } from "effect"
import { buildApp } from "../../apps/web/src/App.js"
import { makeRuntime } from "../../apps/web/src/AppRuntime.js"
import { hashPassword } from "../../apps/web/src/adapters/Argon2PasswordHasher.js"
import type { WebConfig } from "../../apps/web/src/WebConfig.js"
import * as BenchDatabase from "../support/BenchDatabase.js"
import * as SyntheticCouncil from "../support/SyntheticCouncil.js"
import { compare, log, RUNS, timed } from "../support/Timing.js"

const NAME = "openap_bench_registers"
const size = {
  lessonsPerCourse: Effect.runSync(Config.integer("LESSONS_PER_COURSE").pipe(Config.withDefault(100)))
}
const PASSWORD = "bench-password-long-enough"

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

/**
 * The bench sends no files, but the app needs a file store: a temporary one, removed with the
 * runtime, so that running the bench writes no master key into the working directory.
 */
const temporaryStorage = Layer.unwrapScoped(
  Effect.acquireRelease(
    Effect.promise(() => mkdtemp(join(tmpdir(), "openap-bench-files-"))),
    (root) => Effect.promise(() => rm(root, { recursive: true, force: true }))
  ).pipe(
    Effect.map((root) => FileStorageFs.layer({ root, masterKey: Redacted.make<Uint8Array>(randomBytes(32)) }))
  )
)

const main = async () => {
  log(`Register pages bench on ${BenchDatabase.hostOf(NAME)}`)
  await BenchDatabase.recreate(NAME)
  const runtime = makeRuntime(
    Store.layerPostgres(Redacted.make(BenchDatabase.urlOf(NAME)), 4),
    temporaryStorage
  )
  // Building the store runs the migrations, so the tables exist before the load.
  await runtime.runPromise(Effect.void)
  const db = await BenchDatabase.connect(NAME)
  await timed("load", () => SyntheticCouncil.load(db, size))

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
  await compare(
    "register page of one lesson, as its provider's tutor",
    registerRows,
    { name: "page", run: page(tutorCookie, `/registers/${lesson}`) },
    bareRegister
  )
  await compare(
    "unprocessed absences, as a school's CAP Coordinator",
    absenceRows,
    { name: "page", run: page(schoolCookie, "/absences") },
    bareAbsences
  )

  await app.close()
  await db.end()
  await runtime.dispose()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
