import { LearnerRepository, NoteRepository } from "@openap/core"
import { DateTime, Effect, HashMap, Layer, Ref } from "effect"
import { today } from "../Today.js"
import { cmp, get, learnerVisible, MemoryState, values } from "./MemoryState.js"

export const make = Effect.map(MemoryState, (state) =>
  NoteRepository.NoteRepository.of({
    add: (scope, note) =>
      Effect.flatMap(today, (day) =>
        Ref.modify(state, (s) => {
          const learner = get(s.learners, note.learnerId)
          if (learner === undefined || !learnerVisible(s, scope, learner, day)) return [false, s] as const
          return [true, { ...s, notes: HashMap.set(s.notes, note.id, note) }] as const
        })
      ).pipe(
        Effect.flatMap((added) =>
          added
            ? Effect.void
            : Effect.fail(new LearnerRepository.LearnerNotFound({ learnerId: note.learnerId }))
        )
      ),
    forLearner: (scope, learnerId) =>
      Effect.gen(function* () {
        const [s, day] = [yield* Ref.get(state), yield* today]
        const learner = get(s.learners, learnerId)
        if (learner === undefined || !learnerVisible(s, scope, learner, day)) return []
        return values(s.notes)
          .filter((n) => n.learnerId === learnerId)
          .sort(
            (a, b) =>
              DateTime.toEpochMillis(b.createdAt) - DateTime.toEpochMillis(a.createdAt) || cmp(a.id, b.id)
          )
      })
  })
)

export const layer = Layer.effect(NoteRepository.NoteRepository, make)
