import { EnrolmentRepository } from "@openap/core"
import { Effect, HashMap, Layer, Option, Ref } from "effect"
import { activeOn, cmp, get, MemoryState, ownedVisible, values } from "./MemoryState.js"

export const make = Effect.map(MemoryState, (state) =>
  EnrolmentRepository.EnrolmentRepository.of({
    create: (e) =>
      Ref.update(state, (s) => {
        if (!HashMap.has(s.learners, e.learnerId) || !HashMap.has(s.courses, e.courseId)) {
          throw new Error(`No learner ${e.learnerId} or course ${e.courseId}`)
        }
        return { ...s, enrolments: HashMap.set(s.enrolments, e.id, e) }
      }),
    end: (id, endDate) =>
      Ref.update(state, (s) => {
        const e = get(s.enrolments, id)
        return e === undefined ? s : { ...s, enrolments: HashMap.set(s.enrolments, id, { ...e, endDate }) }
      }),
    findById: (scope, id) =>
      Effect.map(Ref.get(state), (s) =>
        Option.filter(HashMap.get(s.enrolments, id), (e) => ownedVisible(s, scope, e.learnerId, e.courseId))
      ),
    forLearner: (scope, learnerId) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.enrolments)
          .filter((e) => e.learnerId === learnerId && ownedVisible(s, scope, e.learnerId, e.courseId))
          .sort((a, b) => a.startDate.toString().localeCompare(b.startDate.toString()) || cmp(a.id, b.id))
      ),
    forCourse: (scope, courseId, day) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.enrolments)
          .filter(
            (e) =>
              e.courseId === courseId &&
              ownedVisible(s, scope, e.learnerId, e.courseId) &&
              (day === undefined || activeOn(e, day))
          )
          .sort((a, b) => a.startDate.toString().localeCompare(b.startDate.toString()) || cmp(a.id, b.id))
      )
  })
)

export const layer = Layer.effect(EnrolmentRepository.EnrolmentRepository, make)
