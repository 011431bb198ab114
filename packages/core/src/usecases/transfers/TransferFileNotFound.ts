import { Schema } from "effect"
import { TransferFileId } from "../../Ids.js"

/**
 * No file under that id that this actor may see: unknown, expired, addressed to another
 * organisation or another role. One answer for all, so another school's file id discloses nothing.
 */
export class TransferFileNotFound extends Schema.TaggedError<TransferFileNotFound>()("TransferFileNotFound", {
  fileId: TransferFileId
}) {}
