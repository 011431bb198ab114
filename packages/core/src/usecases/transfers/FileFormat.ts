import { Schema } from "effect"

/**
 * The document formats secure file transfer accepts, recognised by content (never by the name the
 * sender gave). Macro-enabled Office files and every archive are refused; legacy Word and Excel
 * files share one container format (CFB), so they are one entry here.
 */
export const FileFormat = Schema.Literal("pdf", "docx", "xlsx", "office-legacy", "text", "png", "jpeg")
export type FileFormat = typeof FileFormat.Type

export const all: ReadonlyArray<FileFormat> = FileFormat.literals

/** The media type a download is labelled with. Text covers CSV too: both are plain text. */
export const contentType: Readonly<Record<FileFormat, string>> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "office-legacy": "application/x-cfb",
  text: "text/plain; charset=utf-8",
  png: "image/png",
  jpeg: "image/jpeg"
}

export const label: Readonly<Record<FileFormat, string>> = {
  pdf: "PDF",
  docx: "Word document",
  xlsx: "Excel spreadsheet",
  "office-legacy": "Word or Excel 97-2003 document",
  text: "Text or CSV",
  png: "PNG image",
  jpeg: "JPEG image"
}

/** What the service tells a sender it accepts. */
export const acceptedDescription = "PDF, Word, Excel, CSV, plain text, PNG or JPEG"

/** How many leading bytes the detector is given; enough for an Office file's content-type list. */
export const headBytes = 64 * 1024
