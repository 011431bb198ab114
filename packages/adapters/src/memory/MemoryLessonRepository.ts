import { type DataScope, type Ids, type Lesson, LessonRepository } from "@openap/core"
import { Effect, HashMap, Layer, Option, Ref } from "effect"
import { Temporal } from "temporal-polyfill"
import {
  cmp,
  get,
  lessonVisible,
  MemoryState,
  markKey,
  providerOfCourse,
  roster,
  rosterVisible,
  type State,
  values
} from "./MemoryState.js"

const add = (s: State, l: Lesson.Lesson): State => {
  if (!HashMap.has(s.courses, l.courseId)) throw new Error(`No course ${l.courseId}`)
  if (HashMap.has(s.lessons, l.id)) throw new Error(`Lesson ${l.id} exists`)
  return { ...s, lessons: HashMap.set(s.lessons, l.id, l) }
}

export const byTime = (a: Lesson.Lesson, b: Lesson.Lesson) =>
  Temporal.PlainDate.compare(a.date, b.date) || Temporal.PlainTime.compare(a.startTime, b.startTime)

const dayLessons = (s: State, scope: DataScope.DataScope, date: Temporal.PlainDate) =>
  values(s.lessons).filter((l) => l.date.equals(date) && lessonVisible(s, scope, l))

export const make = Effect.map(MemoryState, (state) =>
  LessonRepository.LessonRepository.of({
    create: (l) => Ref.update(state, (s) => add(s, l)),
    createMany: (lessons) => Ref.update(state, (s) => lessons.reduce(add, s)),
    findById: (scope, id) =>
      Effect.map(Ref.get(state), (s) =>
        Option.filter(HashMap.get(s.lessons, id), (l) => lessonVisible(s, scope, l))
      ),
    forDay: (scope, date, filter = {}) =>
      Effect.map(Ref.get(state), (s) =>
        dayLessons(s, scope, date)
          .filter(
            (l) =>
              (filter.courseId === undefined || l.courseId === filter.courseId) &&
              (filter.cohort === undefined ||
                roster(s, l).some(
                  (learner) => rosterVisible(scope, learner) && learner.cohort === filter.cohort
                ))
          )
          .map((lesson) => {
            const everyone = roster(s, lesson)
            const visible = everyone.filter((l) => rosterVisible(scope, l))
            const marked = (learnerId: string) => HashMap.has(s.marks, markKey(lesson.id, learnerId))
            const course = get(s.courses, lesson.courseId)
            const providerId = providerOfCourse(s, lesson.courseId)!
            return {
              lesson,
              courseTitle: course?.title ?? "",
              providerId,
              providerName: get(s.organisations, providerId)?.name ?? "",
              learnerCount: visible.length,
              markedCount: visible.filter((l) => marked(l.id)).length,
              complete: everyone.every((l) => marked(l.id))
            }
          })
          .sort(
            (a, b) =>
              Temporal.PlainTime.compare(a.lesson.startTime, b.lesson.startTime) ||
              cmp(a.courseTitle, b.courseTitle) ||
              cmp(a.lesson.id, b.lesson.id)
          )
      ),
    filtersForDay: (scope, date) =>
      Effect.map(Ref.get(state), (s) => {
        const lessons = dayLessons(s, scope, date)
        const courses = new Map<Ids.CourseId, string>()
        const cohorts = new Set<string>()
        for (const lesson of lessons) {
          courses.set(lesson.courseId, get(s.courses, lesson.courseId)?.title ?? "")
          for (const learner of roster(s, lesson))
            if (learner.cohort !== undefined && rosterVisible(scope, learner)) cohorts.add(learner.cohort)
        }
        return {
          courses: [...courses]
            .map(([id, title]) => ({ id, title }))
            .sort((a, b) => cmp(a.title, b.title) || cmp(a.id, b.id)),
          cohorts: [...cohorts].sort(cmp)
        }
      }),
    forCourse: (scope, courseId, from, to) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.lessons)
          .filter(
            (l) =>
              l.courseId === courseId &&
              Temporal.PlainDate.compare(from, l.date) <= 0 &&
              Temporal.PlainDate.compare(l.date, to) <= 0 &&
              lessonVisible(s, scope, l)
          )
          .sort((a, b) => byTime(a, b) || cmp(a.id, b.id))
      )
  })
)

export const layer = Layer.effect(LessonRepository.LessonRepository, make)
