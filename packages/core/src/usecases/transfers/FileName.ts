import { Either } from "effect"

export type FileNameProblem = "missing" | "too-long" | "control-characters" | "path"

/** Longest name kept, in characters; longer names are refused rather than cut. */
export const maxLength = 200

// C0, DEL, C1, and the Unicode bidirectional overrides that can disguise "gpj.exe" as "exe.jpg".
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const forbidden = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u

/**
 * The name a sender's file had, kept only to show to people and to suggest a name on download. It
 * is never a path: names that try to be one (separators, "." or "..", a drive letter) are refused
 * outright, so no one can mistake them for a place, here or on the recipient's computer.
 */
export const check = (raw: string): Either.Either<string, FileNameProblem> => {
  const name = raw.normalize("NFC").trim()
  if (name === "") return Either.left("missing")
  if ([...name].length > maxLength) return Either.left("too-long")
  if (forbidden.test(name)) return Either.left("control-characters")
  if (/[/\\]/.test(name) || name === "." || name === ".." || /^[a-zA-Z]:/.test(name))
    return Either.left("path")
  return Either.right(name)
}
