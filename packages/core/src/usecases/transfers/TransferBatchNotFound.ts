import { Schema } from "effect"
import { TransferBatchId } from "../../Ids.js"

/**
 * No draft of this actor's under that id: unknown, someone else's, or already sent. One answer for
 * all three, so a guessed id tells nobody whether it exists.
 */
export class TransferBatchNotFound extends Schema.TaggedError<TransferBatchNotFound>()(
  "TransferBatchNotFound",
  {
    batchId: TransferBatchId
  }
) {}
