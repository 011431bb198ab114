import { Context, type Effect, type Option } from "effect"
import type { CourseId, OrganisationId } from "../Ids.js"
import type { AcademicYear, Course } from "../model/Course.js"
import type { CourseCategory } from "../model/CourseCategory.js"
import type { CoursePart } from "../model/CoursePart.js"
import type { CourseStructure, Unit } from "../model/Unit.js"

export interface CourseFilter {
  readonly providerId?: OrganisationId
  readonly academicYear?: AcademicYear
  readonly category?: CourseCategory
  /** Every word must appear in the title, description or student interests, ignoring case. */
  readonly keywords?: string
}

/** Courses are the public directory, so reads are not scoped; who may change one is a use-case rule. */
export class CourseRepository extends Context.Tag("openap/CourseRepository")<
  CourseRepository,
  {
    readonly create: (course: Course) => Effect.Effect<void>
    readonly update: (course: Course) => Effect.Effect<void>
    readonly findById: (id: CourseId) => Effect.Effect<Option.Option<Course>>
    /** By title. */
    readonly list: (filter: CourseFilter) => Effect.Effect<ReadonlyArray<Course>>
    readonly createPart: (part: CoursePart) => Effect.Effect<void>
    readonly createUnit: (unit: Unit) => Effect.Effect<void>
    readonly structure: (courseId: CourseId) => Effect.Effect<CourseStructure>
  }
>() {}
