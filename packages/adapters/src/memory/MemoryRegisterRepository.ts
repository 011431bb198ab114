import { type AttendanceMark, type Ids, RegisterRepository } from "@openap/core"
import { Effect, HashMap, Layer, Option, Ref } from "effect"
import { Temporal } from "temporal-polyfill"
import { byTime } from "./MemoryLessonRepository.js"
import {
  cmp,
  compareNames,
  get,
  lessonVisible,
  MemoryState,
  markKey,
  ownedVisible,
  providerOfCourse,
  roster,
  rosterVisible,
  type State,
  values
} from "./MemoryState.js"

type SaveError =
  | RegisterRepository.RegisterNotFound
  | RegisterRepository.StaleRegister
  | RegisterRepository.LearnerNotOnRegister

const same = (m: AttendanceMark.AttendanceMark | undefined, c: AttendanceMark.MarkChange) =>
  m !== undefined && m.code === c.code && m.contribution === c.contribution && m.note === c.note

export const make = Effect.map(MemoryState, (state) =>
  RegisterRepository.RegisterRepository.of({
    load: (scope, lessonId) =>
      Effect.map(Ref.get(state), (s) =>
        Option.map(
          Option.filter(HashMap.get(s.lessons, lessonId), (l) => lessonVisible(s, scope, l)),
          (lesson) => {
            const everyone = roster(s, lesson)
            const course = get(s.courses, lesson.courseId)
            return {
              lesson,
              courseTitle: course?.title ?? "",
              providerId: course?.providerId as Ids.OrganisationId,
              version: get(s.registerVersions, lesson.id) ?? 0,
              complete: everyone.every((l) => HashMap.has(s.marks, markKey(lesson.id, l.id))),
              learners: everyone
                .filter((l) => rosterVisible(scope, l))
                .sort(compareNames)
                .map((l) => {
                  const mark = get(s.marks, markKey(lesson.id, l.id))
                  return {
                    learnerId: l.id,
                    schoolId: l.schoolId,
                    givenName: l.givenName,
                    familyName: l.familyName,
                    ...(mark === undefined ? {} : { mark })
                  }
                })
            }
          }
        )
      ),
    save: (scope, lessonId, changes, expectedVersion, by, at) =>
      Ref.modify(state, (s: State): readonly [Effect.Effect<number, SaveError>, State] => {
        const lesson = get(s.lessons, lessonId)
        if (lesson === undefined || !lessonVisible(s, scope, lesson)) {
          return [Effect.fail(new RegisterRepository.RegisterNotFound({ lessonId })), s] as const
        }
        const version = get(s.registerVersions, lessonId) ?? 0
        if (version !== expectedVersion) {
          return [
            Effect.fail(
              new RegisterRepository.StaleRegister({ lessonId, expectedVersion, currentVersion: version })
            ),
            s
          ] as const
        }
        const onRegister = new Set(
          roster(s, lesson)
            .filter((l) => rosterVisible(scope, l))
            .map((l) => l.id)
        )
        const wanted = new Map(changes.map((c) => [c.learnerId, c]))
        for (const learnerId of wanted.keys()) {
          if (!onRegister.has(learnerId)) {
            return [
              Effect.fail(new RegisterRepository.LearnerNotOnRegister({ lessonId, learnerId })),
              s
            ] as const
          }
        }
        const changed = [...wanted.values()].filter(
          (c) => !same(get(s.marks, markKey(lessonId, c.learnerId)), c)
        )
        if (changed.length === 0) return [Effect.succeed(version), s] as const
        let marks = s.marks
        const history = [...s.history]
        for (const c of changed) {
          const before = get(s.marks, markKey(lessonId, c.learnerId))
          marks = HashMap.set(marks, markKey(lessonId, c.learnerId), {
            lessonId,
            learnerId: c.learnerId,
            code: c.code,
            contribution: c.contribution,
            ...(c.note === undefined ? {} : { note: c.note }),
            markedBy: by,
            markedAt: at
          })
          history.push({
            lessonId,
            learnerId: c.learnerId,
            ...(before === undefined
              ? {}
              : {
                  previous: {
                    code: before.code,
                    contribution: before.contribution,
                    ...(before.note === undefined ? {} : { note: before.note })
                  }
                }),
            code: c.code,
            contribution: c.contribution,
            ...(c.note === undefined ? {} : { note: c.note }),
            changedBy: by,
            changedAt: at
          })
        }
        return [
          Effect.succeed(version + 1),
          { ...s, marks, history, registerVersions: HashMap.set(s.registerVersions, lessonId, version + 1) }
        ] as const
      }).pipe(Effect.flatten),
    unprocessedAbsences: (scope, limit = 1000) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.marks)
          .filter((m) => m.code === "unexplained_absence")
          .flatMap((m) => {
            const lesson = get(s.lessons, m.lessonId)
            const learner = get(s.learners, m.learnerId)
            if (lesson === undefined || learner === undefined) return []
            if (!ownedVisible(s, scope, m.learnerId, lesson.courseId)) return []
            const providerId = providerOfCourse(s, lesson.courseId)!
            return [
              {
                lessonId: m.lessonId,
                learnerId: m.learnerId,
                givenName: learner.givenName,
                familyName: learner.familyName,
                schoolId: learner.schoolId,
                courseId: lesson.courseId,
                courseTitle: get(s.courses, lesson.courseId)?.title ?? "",
                providerId,
                providerName: get(s.organisations, providerId)?.name ?? "",
                date: lesson.date,
                startTime: lesson.startTime,
                endTime: lesson.endTime,
                markedAt: m.markedAt,
                ...(m.note === undefined ? {} : { note: m.note })
              }
            ]
          })
          .sort(
            (a, b) =>
              Temporal.PlainDate.compare(a.date, b.date) ||
              Temporal.PlainTime.compare(a.startTime, b.startTime) ||
              compareNames({ ...a, id: a.learnerId }, { ...b, id: b.learnerId })
          )
          .slice(0, limit)
      ),
    marksForLearner: (scope, learnerId) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.marks)
          .filter((m) => m.learnerId === learnerId)
          .flatMap((mark) => {
            const lesson = get(s.lessons, mark.lessonId)
            if (lesson === undefined || !ownedVisible(s, scope, learnerId, lesson.courseId)) return []
            return [{ lesson, courseTitle: get(s.courses, lesson.courseId)?.title ?? "", mark }]
          })
          .sort((a, b) => byTime(b.lesson, a.lesson) || cmp(a.lesson.id, b.lesson.id))
      ),
    history: (scope, lessonId) =>
      Effect.map(Ref.get(state), (s) => {
        const lesson = get(s.lessons, lessonId)
        if (lesson === undefined) return []
        return s.history.filter(
          (h) => h.lessonId === lessonId && ownedVisible(s, scope, h.learnerId, lesson.courseId)
        )
      })
  })
)

export const layer = Layer.effect(RegisterRepository.RegisterRepository, make)
