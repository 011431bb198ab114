import { Context, type Effect, type Option } from "effect"
import type { FileFormat } from "../usecases/transfers/FileFormat.js"

/**
 * Recognises a file's format from its first bytes. A port because telling a Word file from any
 * other ZIP means reading inside the container, which is a library's job, not a rule's.
 */
export class FileFormatDetector extends Context.Tag("openap/FileFormatDetector")<
  FileFormatDetector,
  {
    /**
     * `head` is the start of the file; `complete` says whether it is the whole file (a multi-byte
     * character cut at the end of an incomplete head is not a fault). None: not an accepted format.
     */
    readonly detect: (head: Uint8Array, complete: boolean) => Effect.Effect<Option.Option<FileFormat>>
  }
>() {}
