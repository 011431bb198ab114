import { Data } from "effect"

/** The request needs a signed-in user and has none: the answer is the sign-in page. */
export class NotSignedIn extends Data.TaggedError("NotSignedIn")<{}> {}

/** Signed in, but the access policy refuses this to them: a 403 page. */
export class Forbidden extends Data.TaggedError("Forbidden")<{}> {}

/**
 * Nothing here, or something the user may not know exists: a 404 page. Refusing a learner's
 * record with 403 would confirm the learner exists, so such refusals are NotFound.
 */
export class NotFound extends Data.TaggedError("NotFound")<{}> {}
