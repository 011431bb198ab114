import { FileFormatDetector, type Transfers } from "@openap/core"
import { Effect, Layer, Option } from "effect"
import { fileTypeFromBuffer } from "file-type"

type FileFormat = Transfers.FileFormat.FileFormat

/** What file-type calls the formats we accept. Everything else it recognises is refused. */
const byExtension: Readonly<Record<string, FileFormat>> = {
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  cfb: "office-legacy",
  png: "png",
  jpg: "jpeg"
}

const utf8 = new TextDecoder("utf-8", { fatal: true })
const utf8Streaming = () => new TextDecoder("utf-8", { fatal: true })

/**
 * CSV and plain text have no signature. Accept them when the start of the file is valid UTF-8
 * (ASCII included) with no control characters but tab, line feed, carriage return and form feed.
 * A byte-order mark is allowed; NUL is not, which keeps out every binary format.
 */
export const isPlainText = (head: Uint8Array, complete: boolean): boolean => {
  let text: string
  try {
    text = complete ? utf8.decode(head) : utf8Streaming().decode(head, { stream: true })
  } catch {
    return false
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)
}

export const detect = (head: Uint8Array, complete: boolean): Effect.Effect<Option.Option<FileFormat>> =>
  Effect.promise(async () => {
    const found = await fileTypeFromBuffer(head).catch(() => undefined)
    if (found !== undefined) return Option.fromNullable(byExtension[found.ext])
    return isPlainText(head, complete) ? Option.some<FileFormat>("text") : Option.none()
  })

export const layer: Layer.Layer<FileFormatDetector.FileFormatDetector> = Layer.succeed(
  FileFormatDetector.FileFormatDetector,
  FileFormatDetector.FileFormatDetector.of({ detect })
)
