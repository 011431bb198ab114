import { Context, type Effect, type Option, Schema } from "effect"
import type { Temporal } from "temporal-polyfill"
import type { AttendanceCode } from "../AttendanceCode.js"
import type { DataScope } from "../DataScope.js"
import type { CourseId, EnrolmentId, LearnerId, OrganisationId } from "../Ids.js"
import type { EmergencyContact } from "../model/EmergencyContact.js"
import type { Learner } from "../model/Learner.js"
import type { Paged, PageRequest } from "../model/Page.js"

/** Asked for a learner the caller may not see, or that does not exist: the two are not told apart. */
export class LearnerNotFound extends Schema.TaggedError<LearnerNotFound>()("LearnerNotFound", {
  learnerId: Schema.String
}) {}

/** Filters of the training records list; all optional, combined with AND. */
export interface LearnerFilter {
  readonly schoolId?: OrganisationId
  readonly providerId?: OrganisationId
  readonly courseId?: CourseId
  readonly cohort?: string
  /** Matches family names starting with this, ignoring case. */
  readonly familyName?: string
}

/** A course the learner is placed on, as the training records list shows it. */
export interface Placement {
  readonly enrolmentId: EnrolmentId
  readonly courseId: CourseId
  readonly courseTitle: string
  readonly providerId: OrganisationId
  readonly providerName: string
  readonly startDate: Temporal.PlainDate
  readonly endDate?: Temporal.PlainDate
}

/** One row of the training records list: the learner, their school, placements and mark counts. */
export interface TrainingRecordSummary {
  readonly learner: Learner
  readonly schoolName: string
  readonly placements: ReadonlyArray<Placement>
  /** How many marks of each code, over the lessons the reader may see. */
  readonly attendance: Readonly<Record<AttendanceCode, number>>
}

/**
 * Learners and their emergency contacts. Every read takes the reader's DataScope and filters by
 * it in the store: a school sees its own learners; a provider sees learners with an enrolment on
 * one of its courses that has not ended (today, in Europe/London); CAP sees all. Out of scope is
 * answered exactly as "not there".
 */
export class LearnerRepository extends Context.Tag("openap/LearnerRepository")<
  LearnerRepository,
  {
    readonly create: (learner: Learner) => Effect.Effect<void>
    readonly update: (learner: Learner) => Effect.Effect<void>
    readonly findById: (scope: DataScope, id: LearnerId) => Effect.Effect<Option.Option<Learner>>
    /** By family name then given name. */
    readonly list: (
      scope: DataScope,
      filter: LearnerFilter,
      page: PageRequest
    ) => Effect.Effect<Paged<Learner>>
    readonly trainingRecords: (
      scope: DataScope,
      filter: LearnerFilter,
      page: PageRequest
    ) => Effect.Effect<Paged<TrainingRecordSummary>>
    /** In priority order; empty when the learner is out of scope. */
    readonly emergencyContacts: (
      scope: DataScope,
      learnerId: LearnerId
    ) => Effect.Effect<ReadonlyArray<EmergencyContact>>
    readonly replaceEmergencyContacts: (
      learnerId: LearnerId,
      contacts: ReadonlyArray<EmergencyContact>
    ) => Effect.Effect<void>
  }
>() {}
