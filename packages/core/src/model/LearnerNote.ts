import { Schema } from "effect"
import { LearnerId, NoteId, OrganisationId, UserId } from "../Ids.js"

/**
 * A miscellaneous note on a training record, not about attendance or progress. Anyone who can see
 * the learner can add one; notes are never edited, so the record shows what was said and by whom.
 */
export const LearnerNote = Schema.Struct({
  id: NoteId,
  learnerId: LearnerId,
  authorId: UserId,
  authorOrganisationId: OrganisationId,
  text: Schema.NonEmptyTrimmedString,
  createdAt: Schema.DateTimeUtcFromSelf
})
export type LearnerNote = typeof LearnerNote.Type
