import { Schema } from "effect"

/** A batch with no files, or more than the configured limit. */
export class InvalidBatch extends Schema.TaggedError<InvalidBatch>()("InvalidBatch", {
  reason: Schema.Literal("no-files", "too-many-files"),
  limit: Schema.Int
}) {}
