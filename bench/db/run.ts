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
import { Store } from "@openap/adapters"
import { DataScope, type Ids, LearnerRepository, RegisterRepository } from "@openap/core"
import { Config, Effect, ManagedRuntime, Option, Redacted } from "effect"
import type pg from "pg"
import * as BenchDatabase from "../support/BenchDatabase.js"
import * as SyntheticCouncil from "../support/SyntheticCouncil.js"
import { compare, log, RUNS, timed } from "../support/Timing.js"

const NAME = "openap_bench"
const size = { lessonsPerCourse: 100 }

const reload = Effect.runSync(Config.boolean("BENCH_RELOAD").pipe(Config.withDefault(false)))

/** Whether the database holds the whole council from an earlier run (false if it is not there at all). */
const alreadyLoaded = async () => {
  const db = await BenchDatabase.connect(NAME).catch(() => undefined)
  if (db === undefined) return false
  try {
    return await SyntheticCouncil.isLoaded(db, size).catch(() => false)
  } finally {
    await db.end()
  }
}

const main = async () => {
  log(`Database bench on ${BenchDatabase.hostOf(NAME)}`)
  const load = reload || !(await alreadyLoaded())
  if (load) await BenchDatabase.recreate(NAME)
  else log("  reusing the council loaded by an earlier run (BENCH_RELOAD=true loads it again)")
  const runtime = ManagedRuntime.make(Store.layerPostgres(Redacted.make(BenchDatabase.urlOf(NAME)), 4))
  try {
    // Building the store runs the migrations, so the tables exist before the load.
    await runtime.runPromise(Effect.void)
    const db = await BenchDatabase.connect(NAME)
    try {
      if (load) await timed("load", () => SyntheticCouncil.load(db, size))
      await queries(runtime, db)
    } finally {
      await db.end()
    }
  } finally {
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
  /** A repository call as the pages make it, and how many rows it returns. */
  const scoped = async <A>(effect: Effect.Effect<A, never, Store.Services>, rows: (a: A) => number) => ({
    rows: rows(await run(effect)),
    subject: { name: "scoped", run: () => run(effect) }
  })

  log("")
  log(`query (median of ${RUNS}; ratio = scoped repository / bare pg, same rows)`)

  const register = await scoped(
    Effect.flatMap(RegisterRepository.RegisterRepository, (r) =>
      r.load(DataScope.provider(provider), lesson)
    ),
    (o) => Option.getOrThrow(o).learners.length
  )
  await compare("register of one lesson, as its provider", register.rows, register.subject, () =>
    db.query(
      `select ls.*, l.id as learner_id, l.school_id, l.given_name, l.family_name, m.code, m.contribution, m.note,
         m.marked_by, m.marked_at
       from lessons ls join enrolments e on e.course_id = ls.course_id join learners l on l.id = e.learner_id
       left join attendance_marks m on m.lesson_id = ls.id and m.learner_id = l.id
       where ls.id = $1 order by l.family_name, l.given_name`,
      [lesson]
    )
  )

  const absences = await scoped(
    Effect.flatMap(RegisterRepository.RegisterRepository, (r) =>
      r.unprocessedAbsences(DataScope.school(school))
    ),
    (a) => a.length
  )
  await compare("a school's unprocessed absences, oldest first", absences.rows, absences.subject, () =>
    db.query(
      `select m.lesson_id, m.learner_id, l.given_name, l.family_name, m.school_id, ls.course_id, c.title, m.provider_id,
         p.name, ls.date, ls.start_time, ls.end_time, m.marked_at, m.note
       from attendance_marks m join lessons ls on ls.id = m.lesson_id join learners l on l.id = m.learner_id
       join courses c on c.id = ls.course_id join organisations p on p.id = m.provider_id
       where m.school_id = $1 and m.code = 'unexplained_absence' order by ls.date, ls.start_time limit 1000`,
      [school]
    )
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
    const page = await scoped(
      Effect.flatMap(LearnerRepository.LearnerRepository, (r) =>
        r.trainingRecords(scope, { providerId: provider }, { offset: 20, limit: 20 })
      ),
      (p) => p.items.length
    )
    await compare(label, page.rows, page.subject, barePage)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
