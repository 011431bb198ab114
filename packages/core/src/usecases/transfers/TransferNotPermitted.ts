import { Schema } from "effect"

/**
 * The actor holds no role that may use secure file transfer this way (a provider's tutor, a
 * monitoring officer sending to a school with no role to send in). Answered before anything is read
 * or stored.
 */
export class TransferNotPermitted extends Schema.TaggedError<TransferNotPermitted>()("TransferNotPermitted", {
  action: Schema.Literal("send", "receive")
}) {}
