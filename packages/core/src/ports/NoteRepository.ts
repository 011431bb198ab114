import { Context, type Effect } from "effect"
import type { DataScope } from "../DataScope.js"
import type { LearnerId } from "../Ids.js"
import type { LearnerNote } from "../model/LearnerNote.js"
import type { LearnerNotFound } from "./LearnerRepository.js"

/** Miscellaneous notes on training records. Both ways are scoped like the learner itself. */
export class NoteRepository extends Context.Tag("openap/NoteRepository")<
  NoteRepository,
  {
    readonly add: (scope: DataScope, note: LearnerNote) => Effect.Effect<void, LearnerNotFound>
    /** Newest first; empty when the learner is out of scope. */
    readonly forLearner: (scope: DataScope, learnerId: LearnerId) => Effect.Effect<ReadonlyArray<LearnerNote>>
  }
>() {}
