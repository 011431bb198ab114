import { Schema } from "effect"

/**
 * One file of an upload cannot be accepted; nothing of it is kept. `filename` is what the sender
 * gave, for the error message only.
 */
export class UploadRejected extends Schema.TaggedError<UploadRejected>()("UploadRejected", {
  filename: Schema.String,
  reason: Schema.Literal("missing", "too-long", "control-characters", "path", "empty", "too-large", "format")
}) {}
