import { Schema } from "effect"

/**
 * One learner's line of a register save cannot be a mark at all, whoever sends it: a contribution
 * outside the council's bounds, an attendance note longer than a note may be, or a contribution or
 * note for a learner given no attendance code. Nothing was written.
 */
export class InvalidMark extends Schema.TaggedError<InvalidMark>()("InvalidMark", {
  learnerId: Schema.String,
  reason: Schema.Literal("contribution-out-of-range", "note-too-long", "code-missing")
}) {}

/** Attendance notes are a line or two on a training record, not documents. */
export const noteMaxLength = 1000
