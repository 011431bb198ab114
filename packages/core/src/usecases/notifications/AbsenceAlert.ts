import { Array as Arr, Effect, Option, Order, Schema } from "effect"
import type { AttendanceCode } from "../../AttendanceCode.js"
import { LearnerId, LessonId, type OrganisationId } from "../../Ids.js"
import type { MarkChange } from "../../model/AttendanceMark.js"
import { PlainDate, PlainTime } from "../../model/Dates.js"
import type { Lesson } from "../../model/Lesson.js"
import type { LessonRegister } from "../../model/LessonRegister.js"
import type { IdGenerator } from "../../ports/IdGenerator.js"
import { OrganisationRepository } from "../../ports/OrganisationRepository.js"
import type { Outbox } from "../../ports/Outbox.js"
import type { UserRepository } from "../../ports/UserRepository.js"
import { encodeData, enqueue } from "./NewNotification.js"
import { holdersOf } from "./Recipients.js"

export const kind = "absence-alert"

/** The email's data: one school's learners only, never anyone else's. */
export const AbsenceAlertData = Schema.Struct({
  schoolName: Schema.String,
  providerName: Schema.String,
  courseTitle: Schema.String,
  lessonId: LessonId,
  date: PlainDate,
  startTime: PlainTime,
  endTime: PlainTime,
  learners: Schema.NonEmptyArray(Schema.Struct({ learnerId: LearnerId, name: Schema.String }))
})
export type AbsenceAlertData = typeof AbsenceAlertData.Type

/** One learner's mark as a register save left it, and what it was before. */
export interface SavedMark {
  readonly learnerId: LearnerId
  readonly schoolId: OrganisationId
  readonly givenName: string
  readonly familyName: string
  /** Undefined when the learner had no mark before this save. */
  readonly before: AttendanceCode | undefined
  readonly after: AttendanceCode
}

/** The facts of one register save, as the save-register use case knows them. */
export interface SavedRegister {
  readonly lesson: Lesson
  readonly courseTitle: string
  readonly providerName: string
  readonly marks: ReadonlyArray<SavedMark>
}

/** Builds the facts from the register as loaded before the save and the changes that were saved. */
export const savedRegister = (
  before: LessonRegister,
  changes: ReadonlyArray<MarkChange>,
  providerName: string
): SavedRegister => ({
  lesson: before.lesson,
  courseTitle: before.courseTitle,
  providerName,
  marks: changes.flatMap((change) =>
    before.learners
      .filter((l) => l.learnerId === change.learnerId)
      .map((l) => ({
        learnerId: l.learnerId,
        schoolId: l.schoolId,
        givenName: l.givenName,
        familyName: l.familyName,
        before: l.mark?.code,
        after: change.code
      }))
  )
})

/** The learners of one school to tell that school about. */
export interface SchoolAlert {
  readonly schoolId: OrganisationId
  readonly learners: ReadonlyArray<SavedMark>
}

const byName = Order.combine(
  Order.mapInput(Order.string, (m: SavedMark) => m.familyName),
  Order.combine(
    Order.mapInput(Order.string, (m: SavedMark) => m.givenName),
    Order.mapInput(Order.string, (m: SavedMark) => m.learnerId)
  )
)

/**
 * Which schools to alert, and about whom: the learners this save newly marked unexplained (a mark
 * that was already unexplained was alerted when it was first saved), grouped by their own school.
 */
export const alertsFor = (saved: SavedRegister): ReadonlyArray<SchoolAlert> => {
  const newlyUnexplained = saved.marks.filter(
    (m) => m.after === "unexplained_absence" && m.before !== "unexplained_absence"
  )
  const groups = Arr.groupBy(newlyUnexplained, (m) => m.schoolId)
  return Object.entries(groups)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([schoolId, learners]) => ({
      schoolId: schoolId as OrganisationId,
      learners: Arr.sort(learners, byName)
    }))
}

/**
 * The same learners of the same register give the same key, so saving a register again does not
 * alert again; a learner newly marked later gives a new key and a new alert.
 */
export const keyOf = (lessonId: LessonId, alert: SchoolAlert): string =>
  `${kind}:${lessonId}:${alert.schoolId}:${alert.learners
    .map((l) => l.learnerId)
    .sort()
    .join(",")}`

export const subjectOf = (data: AbsenceAlertData): string =>
  `Unexplained absence at ${data.providerName}: action needed`

/**
 * Enqueues one alert per school with newly unexplained absences, to the school's CAP Coordinator
 * and DSL. Call it inside the UnitOfWork that saves the register, so the alert exists exactly when
 * the save does. A school with no coordinator or DSL still gets a message with no recipients: the
 * delivery puts it on the dead-letter list, where CAP sees it, instead of dropping it.
 */
export const enqueueAbsenceAlerts = (
  saved: SavedRegister
): Effect.Effect<number, never, Outbox | IdGenerator | UserRepository | OrganisationRepository> =>
  Effect.gen(function* () {
    const organisations = yield* OrganisationRepository
    let enqueued = 0
    for (const alert of alertsFor(saved)) {
      const school = yield* organisations.findById(alert.schoolId)
      const data: AbsenceAlertData = {
        schoolName: Option.match(school, { onNone: () => "your school", onSome: (s) => s.name }),
        providerName: saved.providerName,
        courseTitle: saved.courseTitle,
        lessonId: saved.lesson.id,
        date: saved.lesson.date,
        startTime: saved.lesson.startTime,
        endTime: saved.lesson.endTime,
        learners: Arr.map(alert.learners as Arr.NonEmptyReadonlyArray<SavedMark>, (l) => ({
          learnerId: l.learnerId,
          name: `${l.givenName} ${l.familyName}`
        }))
      }
      const added = yield* enqueue({
        key: keyOf(saved.lesson.id, alert),
        kind,
        recipients: yield* holdersOf(alert.schoolId, ["cap_coordinator", "dsl"]),
        subject: subjectOf(data),
        data: encodeData(AbsenceAlertData, data)
      })
      if (added) enqueued += 1
    }
    return enqueued
  })
