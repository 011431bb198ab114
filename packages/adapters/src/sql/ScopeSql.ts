import type { SqlClient } from "@effect/sql/SqlClient"
import type { Fragment } from "@effect/sql/Statement"
import type { DataScope } from "@openap/core"
import type { Temporal } from "temporal-polyfill"

/**
 * The WHERE fragments that keep each reader to their own data, written once so every repository
 * filters the same way. The alias each expects is in its name: `l` learners, `e` enrolments,
 * `ls` lessons; `rows` is any alias of a table carrying school_id and provider_id.
 */

/** A learner `l`: the school's own; for a provider, one with an enrolment on its courses not yet ended. */
export const learnerVisible = (
  sql: SqlClient,
  scope: DataScope.DataScope,
  today: Temporal.PlainDate
): Fragment => {
  switch (scope._tag) {
    case "All":
      return sql`true`
    case "School":
      return sql`l.school_id = ${scope.schoolId}`
    case "Provider":
      return sql`exists (select 1 from enrolments se where se.learner_id = l.id and se.provider_id = ${scope.providerId}
        and (se.end_date is null or se.end_date >= ${today.toString()}))`
  }
}

/** A row that carries school_id and provider_id (enrolments, marks, history) under alias `alias`. */
export const ownedRowVisible = (sql: SqlClient, scope: DataScope.DataScope, alias: string): Fragment => {
  switch (scope._tag) {
    case "All":
      return sql`true`
    case "School":
      return sql`${sql.literal(alias)}.school_id = ${scope.schoolId}`
    case "Provider":
      return sql`${sql.literal(alias)}.provider_id = ${scope.providerId}`
  }
}

/** A lesson `ls`: a provider's own; for a school, one at which one of its learners was enrolled that day. */
export const lessonVisible = (sql: SqlClient, scope: DataScope.DataScope): Fragment => {
  switch (scope._tag) {
    case "All":
      return sql`true`
    case "Provider":
      return sql`ls.provider_id = ${scope.providerId}`
    case "School":
      return sql`(exists (select 1 from enrolments se where se.course_id = ls.course_id and se.school_id = ${scope.schoolId}
          and se.start_date <= ls.date and (se.end_date is null or se.end_date >= ls.date))
        or exists (select 1 from attendance_marks sm where sm.lesson_id = ls.id and sm.school_id = ${scope.schoolId}))`
  }
}
