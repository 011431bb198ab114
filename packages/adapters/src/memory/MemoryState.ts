import type {
  AttendanceMark,
  AuditEntry,
  Course,
  CoursePart,
  DataScope,
  EmergencyContact,
  Enrolment,
  Ids,
  Learner,
  LearnerNote,
  Lesson,
  MarkHistory,
  Notification,
  Organisation,
  Session,
  Transfer,
  Unit,
  User
} from "@openap/core"
import { Context, type DateTime, HashMap, Layer, Option, Ref } from "effect"
import { Temporal } from "temporal-polyfill"

/**
 * The whole in-memory database as one immutable value in one Ref, so a UnitOfWork can put back
 * the value it started from when its effect fails. The maps mirror the SQL tables.
 */
export interface State {
  readonly organisations: HashMap.HashMap<string, Organisation.Organisation>
  readonly users: HashMap.HashMap<string, User.User>
  readonly credentials: HashMap.HashMap<string, User.Credentials>
  readonly setupTokens: HashMap.HashMap<
    string,
    {
      readonly userId: Ids.UserId
      readonly expiresAt: DateTime.Utc
      readonly usedAt?: DateTime.Utc
    }
  >
  /** By SHA-256 of the session id. */
  readonly sessions: HashMap.HashMap<string, Session.Session>
  readonly learners: HashMap.HashMap<string, Learner.Learner>
  readonly contacts: HashMap.HashMap<string, ReadonlyArray<EmergencyContact.EmergencyContact>>
  readonly courses: HashMap.HashMap<string, Course.Course>
  readonly parts: HashMap.HashMap<string, CoursePart.CoursePart>
  readonly units: HashMap.HashMap<string, Unit.Unit>
  readonly enrolments: HashMap.HashMap<string, Enrolment.Enrolment>
  readonly lessons: HashMap.HashMap<string, Lesson.Lesson>
  readonly registerVersions: HashMap.HashMap<string, number>
  /** By `${lessonId}/${learnerId}`. */
  readonly marks: HashMap.HashMap<string, AttendanceMark.AttendanceMark>
  readonly history: ReadonlyArray<MarkHistory.MarkHistoryEntry>
  readonly notes: HashMap.HashMap<string, LearnerNote.LearnerNote>
  readonly batches: HashMap.HashMap<string, Transfer.TransferBatch>
  readonly files: HashMap.HashMap<string, Transfer.TransferFile & { readonly position: number }>
  readonly accesses: ReadonlyArray<Transfer.TransferDownload>
  readonly notifications: HashMap.HashMap<string, Notification.Notification>
  readonly audit: ReadonlyArray<AuditEntry.RecordedAuditEntry>
}

export const empty: State = {
  organisations: HashMap.empty(),
  users: HashMap.empty(),
  credentials: HashMap.empty(),
  setupTokens: HashMap.empty(),
  sessions: HashMap.empty(),
  learners: HashMap.empty(),
  contacts: HashMap.empty(),
  courses: HashMap.empty(),
  parts: HashMap.empty(),
  units: HashMap.empty(),
  enrolments: HashMap.empty(),
  lessons: HashMap.empty(),
  registerVersions: HashMap.empty(),
  marks: HashMap.empty(),
  history: [],
  notes: HashMap.empty(),
  batches: HashMap.empty(),
  files: HashMap.empty(),
  accesses: [],
  notifications: HashMap.empty(),
  audit: []
}

export class MemoryState extends Context.Tag("openap/MemoryState")<MemoryState, Ref.Ref<State>>() {}

export const layer = Layer.effect(MemoryState, Ref.make(empty))

export const markKey = (lessonId: string, learnerId: string) => `${lessonId}/${learnerId}`

export const values = <V>(map: HashMap.HashMap<string, V>): Array<V> => Array.from(HashMap.values(map))

export const get = <V>(map: HashMap.HashMap<string, V>, key: string): V | undefined =>
  Option.getOrUndefined(HashMap.get(map, key))

const onOrBefore = (a: Temporal.PlainDate, b: Temporal.PlainDate) => Temporal.PlainDate.compare(a, b) <= 0

export const activeOn = (e: Enrolment.Enrolment, day: Temporal.PlainDate) =>
  onOrBefore(e.startDate, day) && (e.endDate === undefined || onOrBefore(day, e.endDate))

export const providerOfCourse = (s: State, courseId: string): Ids.OrganisationId | undefined =>
  get(s.courses, courseId)?.providerId

/** Same rule as the SQL: a school's own learners; a provider's via an enrolment not yet ended. */
export const learnerVisible = (
  s: State,
  scope: DataScope.DataScope,
  learner: Learner.Learner,
  today: Temporal.PlainDate
): boolean => {
  switch (scope._tag) {
    case "All":
      return true
    case "School":
      return learner.schoolId === scope.schoolId
    case "Provider":
      return values(s.enrolments).some(
        (e) =>
          e.learnerId === learner.id &&
          providerOfCourse(s, e.courseId) === scope.providerId &&
          (e.endDate === undefined || onOrBefore(today, e.endDate))
      )
  }
}

/** The learners on a lesson's register: enrolled on its day, plus anyone already marked. */
export const roster = (s: State, lesson: Lesson.Lesson): Array<Learner.Learner> => {
  const ids = new Set<string>()
  for (const e of values(s.enrolments))
    if (e.courseId === lesson.courseId && activeOn(e, lesson.date)) ids.add(e.learnerId)
  for (const m of values(s.marks)) if (m.lessonId === lesson.id) ids.add(m.learnerId)
  return [...ids].flatMap((id) => {
    const learner = get(s.learners, id)
    return learner === undefined ? [] : [learner]
  })
}

export const rosterVisible = (scope: DataScope.DataScope, learner: Learner.Learner) =>
  scope._tag !== "School" || learner.schoolId === scope.schoolId

export const lessonVisible = (s: State, scope: DataScope.DataScope, lesson: Lesson.Lesson): boolean => {
  switch (scope._tag) {
    case "All":
      return true
    case "Provider":
      return providerOfCourse(s, lesson.courseId) === scope.providerId
    case "School":
      return (
        values(s.enrolments).some(
          (e) =>
            e.courseId === lesson.courseId &&
            activeOn(e, lesson.date) &&
            get(s.learners, e.learnerId)?.schoolId === scope.schoolId
        ) ||
        values(s.marks).some(
          (m) => m.lessonId === lesson.id && get(s.learners, m.learnerId)?.schoolId === scope.schoolId
        )
      )
  }
}

/** A row tied to a learner (school) and a course (provider): enrolments, marks, history. */
export const ownedVisible = (
  s: State,
  scope: DataScope.DataScope,
  learnerId: string,
  courseOrLessonCourseId: string
): boolean => {
  switch (scope._tag) {
    case "All":
      return true
    case "School":
      return get(s.learners, learnerId)?.schoolId === scope.schoolId
    case "Provider":
      return providerOfCourse(s, courseOrLessonCourseId) === scope.providerId
  }
}

export const compareNames = (
  a: { readonly familyName: string; readonly givenName: string; readonly id?: string },
  b: { readonly familyName: string; readonly givenName: string; readonly id?: string }
) =>
  cmp(a.familyName.toLowerCase(), b.familyName.toLowerCase()) ||
  cmp(a.givenName.toLowerCase(), b.givenName.toLowerCase()) ||
  cmp(a.id ?? "", b.id ?? "")

/** Code-point order, as PostgreSQL's C collation and as stable across machines. */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
