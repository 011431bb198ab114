import { SqlClient } from "@effect/sql"
import { type Ids, LearnerRepository, NoteRepository } from "@openap/core"
import { Effect, Layer } from "effect"
import { today } from "../Today.js"
import { learnerVisible } from "./ScopeSql.js"
import { instant, instantParam } from "./Values.js"

export const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return NoteRepository.NoteRepository.of({
    add: (scope, note) =>
      Effect.flatMap(
        today,
        (day) => sql<{
          id: string
        }>`insert into learner_notes (id, learner_id, school_id, author_id, author_organisation_id, text, created_at)
          select ${note.id}, l.id, l.school_id, ${note.authorId}, ${note.authorOrganisationId}, ${note.text},
            ${instantParam(note.createdAt)}
          from learners l where l.id = ${note.learnerId} and ${learnerVisible(sql, scope, day)} returning id`
      ).pipe(
        Effect.orDie,
        Effect.flatMap((rows) =>
          rows.length === 1
            ? Effect.void
            : new LearnerRepository.LearnerNotFound({ learnerId: note.learnerId })
        )
      ),
    forLearner: (scope, learnerId) =>
      Effect.flatMap(
        today,
        (day) => sql<{
          id: Ids.NoteId
          learner_id: Ids.LearnerId
          author_id: Ids.UserId
          author_organisation_id: Ids.OrganisationId
          text: string
          created_at: Date
        }>`select n.* from learner_notes n join learners l on l.id = n.learner_id
          where n.learner_id = ${learnerId} and ${learnerVisible(sql, scope, day)}
          order by n.created_at desc, n.id`
      ).pipe(
        Effect.map((rows) =>
          rows.map((r) => ({
            id: r.id,
            learnerId: r.learner_id,
            authorId: r.author_id,
            authorOrganisationId: r.author_organisation_id,
            text: r.text,
            createdAt: instant(r.created_at)
          }))
        ),
        Effect.orDie
      )
  })
})

export const layer = Layer.effect(NoteRepository.NoteRepository, make)
