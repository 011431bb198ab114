import {
  AttendanceCode,
  type DataScope,
  type Ids,
  type Learner,
  LearnerRepository,
  type Page
} from "@openap/core"
import { Effect, HashMap, Layer, Option, Ref } from "effect"
import { today } from "../Today.js"
import {
  cmp,
  compareNames,
  get,
  learnerVisible,
  MemoryState,
  providerOfCourse,
  type State,
  values
} from "./MemoryState.js"

const matches = (s: State, l: Learner.Learner, f: LearnerRepository.LearnerFilter) => {
  const enrolments = values(s.enrolments).filter((e) => e.learnerId === l.id)
  const prefix = f.familyName?.trim().toLowerCase() ?? ""
  return (
    (f.schoolId === undefined || l.schoolId === f.schoolId) &&
    (f.providerId === undefined ||
      enrolments.some((e) => providerOfCourse(s, e.courseId) === f.providerId)) &&
    (f.courseId === undefined || enrolments.some((e) => e.courseId === f.courseId)) &&
    (f.cohort === undefined || l.cohort === f.cohort) &&
    (prefix === "" || l.familyName.toLowerCase().startsWith(prefix))
  )
}

const page = (
  s: State,
  scope: DataScope.DataScope,
  filter: LearnerRepository.LearnerFilter,
  request: Page.PageRequest,
  day: Parameters<typeof learnerVisible>[3]
) => {
  const all = values(s.learners)
    .filter((l) => learnerVisible(s, scope, l, day) && matches(s, l, filter))
    .sort(compareNames)
  return { items: all.slice(request.offset, request.offset + request.limit), total: all.length }
}

export const make = Effect.map(MemoryState, (state) =>
  LearnerRepository.LearnerRepository.of({
    create: (l) =>
      Ref.update(state, (s) => {
        if (HashMap.has(s.learners, l.id)) throw new Error(`Learner ${l.id} exists`)
        if (get(s.organisations, l.schoolId)?.kind !== "school") throw new Error(`No school ${l.schoolId}`)
        return { ...s, learners: HashMap.set(s.learners, l.id, l) }
      }),
    update: (l) =>
      Ref.update(state, (s) =>
        HashMap.has(s.learners, l.id) ? { ...s, learners: HashMap.set(s.learners, l.id, l) } : s
      ),
    findById: (scope, id) =>
      Effect.gen(function* () {
        const [s, day] = [yield* Ref.get(state), yield* today]
        return Option.filter(HashMap.get(s.learners, id), (l) => learnerVisible(s, scope, l, day))
      }),
    list: (scope, filter, request) =>
      Effect.gen(function* () {
        const [s, day] = [yield* Ref.get(state), yield* today]
        return page(s, scope, filter, request, day)
      }),
    trainingRecords: (scope, filter, request) =>
      Effect.gen(function* () {
        const [s, day] = [yield* Ref.get(state), yield* today]
        const { items, total } = page(s, scope, filter, request, day)
        return {
          total,
          items: items.map((learner) => {
            const attendance = Object.fromEntries(AttendanceCode.all.map((c) => [c, 0])) as Record<
              AttendanceCode.AttendanceCode,
              number
            >
            for (const m of values(s.marks)) {
              const lesson = get(s.lessons, m.lessonId)
              if (m.learnerId !== learner.id || lesson === undefined) continue
              if (scope._tag === "Provider" && providerOfCourse(s, lesson.courseId) !== scope.providerId)
                continue
              attendance[m.code] += 1
            }
            const placements = values(s.enrolments)
              .filter(
                (e) =>
                  e.learnerId === learner.id &&
                  (scope._tag !== "Provider" || providerOfCourse(s, e.courseId) === scope.providerId)
              )
              .map((e) => {
                const course = get(s.courses, e.courseId)
                const providerId = course?.providerId as Ids.OrganisationId
                return {
                  enrolmentId: e.id,
                  courseId: e.courseId,
                  courseTitle: course?.title ?? "",
                  providerId,
                  providerName: get(s.organisations, providerId)?.name ?? "",
                  startDate: e.startDate,
                  ...(e.endDate === undefined ? {} : { endDate: e.endDate })
                }
              })
              .sort(
                (a, b) =>
                  a.startDate.toString().localeCompare(b.startDate.toString()) ||
                  cmp(a.courseTitle, b.courseTitle) ||
                  cmp(a.enrolmentId, b.enrolmentId)
              )
            return {
              learner,
              schoolName: get(s.organisations, learner.schoolId)?.name ?? "",
              placements,
              attendance
            }
          })
        }
      }),
    emergencyContacts: (scope, learnerId) =>
      Effect.gen(function* () {
        const [s, day] = [yield* Ref.get(state), yield* today]
        const learner = get(s.learners, learnerId)
        if (learner === undefined || !learnerVisible(s, scope, learner, day)) return []
        return [...(get(s.contacts, learnerId) ?? [])].sort(
          (a, b) => a.priority - b.priority || cmp(a.id, b.id)
        )
      }),
    replaceEmergencyContacts: (learnerId, contacts) =>
      Ref.update(state, (s) =>
        HashMap.has(s.learners, learnerId)
          ? { ...s, contacts: HashMap.set(s.contacts, learnerId, [...contacts]) }
          : s
      )
  })
)

export const layer = Layer.effect(LearnerRepository.LearnerRepository, make)
