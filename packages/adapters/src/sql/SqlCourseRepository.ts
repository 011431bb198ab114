import { SqlClient } from "@effect/sql"
import {
  type Course,
  type CourseCategory,
  type CoursePart,
  CourseRepository,
  type Ids,
  type Unit
} from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { optional } from "./Values.js"

interface CourseRow {
  readonly id: Ids.CourseId
  readonly provider_id: Ids.OrganisationId
  readonly title: string
  readonly category: CourseCategory.CourseCategory
  readonly academic_year: Course.AcademicYear
  readonly description: string
  readonly qualification: string | null
  readonly availability: string | null
  readonly days: string | null
  readonly price: string | null
  readonly address: string | null
  readonly student_interests: ReadonlyArray<string>
}

const toCourse = (r: CourseRow): Course.Course => ({
  id: r.id,
  providerId: r.provider_id,
  title: r.title,
  category: r.category,
  academicYear: r.academic_year,
  description: r.description,
  ...optional("qualification", r.qualification),
  ...optional("availability", r.availability),
  ...optional("days", r.days),
  ...optional("price", r.price),
  ...optional("address", r.address),
  studentInterests: r.student_interests
})

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const words = (keywords: string | undefined) =>
    (keywords ?? "")
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== "")
  return CourseRepository.CourseRepository.of({
    create: (c) =>
      sql`insert into courses (id, provider_id, title, category, academic_year, description, qualification,
          availability, days, price, address, student_interests)
        values (${c.id}, ${c.providerId}, ${c.title}, ${c.category}, ${c.academicYear}, ${c.description},
          ${c.qualification ?? null}, ${c.availability ?? null}, ${c.days ?? null}, ${c.price ?? null},
          ${c.address ?? null}, ${[...c.studentInterests]})`.pipe(Effect.asVoid, Effect.orDie),
    update: (c) =>
      sql`update courses set provider_id = ${c.providerId}, title = ${c.title}, category = ${c.category},
        academic_year = ${c.academicYear}, description = ${c.description}, qualification = ${c.qualification ?? null},
        availability = ${c.availability ?? null}, days = ${c.days ?? null}, price = ${c.price ?? null},
        address = ${c.address ?? null}, student_interests = ${[...c.studentInterests]} where id = ${c.id}`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    findById: (id) =>
      sql<CourseRow>`select * from courses where id = ${id}`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toCourse)),
        Effect.orDie
      ),
    list: (f) =>
      sql<CourseRow>`select * from courses where ${sql.and([
        ...(f.providerId === undefined ? [] : [sql`provider_id = ${f.providerId}`]),
        ...(f.academicYear === undefined ? [] : [sql`academic_year = ${f.academicYear}`]),
        ...(f.category === undefined ? [] : [sql`category = ${f.category}`]),
        ...words(f.keywords).map(
          (w) =>
            sql`strpos(lower(title || ' ' || description || ' ' || array_to_string(student_interests, ' ')), ${w}) > 0`
        )
      ])} order by title, id`.pipe(
        Effect.map((rows) => rows.map(toCourse)),
        Effect.orDie
      ),
    createPart: (p) =>
      sql`insert into course_parts (id, course_id, title, position)
        values (${p.id}, ${p.courseId}, ${p.title}, ${p.position})`.pipe(Effect.asVoid, Effect.orDie),
    createUnit: (u) =>
      sql`insert into units (id, course_id, part_id, title, code, position)
        values (${u.id}, ${u.courseId}, ${u.partId}, ${u.title}, ${u.code ?? null}, ${u.position})`.pipe(
        Effect.asVoid,
        Effect.orDie
      ),
    structure: (courseId) =>
      Effect.all([
        sql<{ id: CoursePart.CoursePartId; course_id: Ids.CourseId; title: string; position: number }>`
          select * from course_parts where course_id = ${courseId} order by position, id`,
        sql<{
          id: Ids.UnitId
          course_id: Ids.CourseId
          part_id: CoursePart.CoursePartId
          title: string
          code: string | null
          position: number
        }>`select * from units where course_id = ${courseId} order by position, id`
      ]).pipe(
        Effect.map(([parts, units]) =>
          parts.map((p) => ({
            part: { id: p.id, courseId: p.course_id, title: p.title, position: p.position },
            units: units
              .filter((u) => u.part_id === p.id)
              .map(
                (u): Unit.Unit => ({
                  id: u.id,
                  courseId: u.course_id,
                  partId: u.part_id,
                  title: u.title,
                  ...optional("code", u.code),
                  position: u.position
                })
              )
          }))
        ),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(CourseRepository.CourseRepository, make)
