import { Schema } from "effect"
import { CourseId, OrganisationId } from "../Ids.js"
import { CourseCategory } from "./CourseCategory.js"

/** An academic year as the council writes it: "2025/26" (the second year is the first plus one). */
export const AcademicYear = Schema.String.pipe(
  Schema.pattern(/^\d{4}\/\d{2}$/),
  Schema.filter((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)), {
    message: () => "expected consecutive years, as in 2025/26"
  }),
  Schema.brand("AcademicYear")
)
export type AcademicYear = typeof AcademicYear.Type

/**
 * A course a provider delivers, as the directory lists it. The directory details (qualification,
 * availability, days, price, address) are free text because providers word them their own way.
 */
export const Course = Schema.Struct({
  id: CourseId,
  providerId: OrganisationId,
  title: Schema.NonEmptyTrimmedString,
  category: CourseCategory,
  academicYear: AcademicYear,
  description: Schema.String,
  qualification: Schema.optional(Schema.String),
  availability: Schema.optional(Schema.String),
  days: Schema.optional(Schema.String),
  price: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  studentInterests: Schema.Array(Schema.NonEmptyTrimmedString)
})
export type Course = typeof Course.Type
