import { Schema } from "effect"

/**
 * The actor may not do this to registers at all (a school opening the provider's register list, a
 * monitoring officer correcting a mark, a provider reading the unprocessed absences). Answered
 * before anything is read or written.
 */
export class RegisterNotPermitted extends Schema.TaggedError<RegisterNotPermitted>()("RegisterNotPermitted", {
  action: Schema.Literal("list", "edit", "absences")
}) {}
