import { Option } from "effect"
import { baseWords } from "./CommonPasswords.js"

/**
 * The council's password rule, after NCSC guidance: long rather than complex, and not one an
 * attacker tries first. No rules about mixing character types: they make passwords harder to
 * remember and no harder to guess.
 */
export const minimumLength = 12
/** Long enough for any passphrase; the cap stops a megabyte "password" tying up the hasher. */
export const maximumLength = 256

export type PasswordProblem = "TooShort" | "TooLong" | "TooCommon"

export const message: Readonly<Record<PasswordProblem, string>> = {
  TooShort: `Password must be ${minimumLength} characters or more`,
  TooLong: `Password must be ${maximumLength} characters or fewer`,
  TooCommon: "Choose a password that is harder to guess"
}

/** The characters people add to a word to satisfy a rule: they add nothing an attacker does not try. */
const decoration = /^[\d\W_]+|[\d\W_]+$/g

const isRepetitionOf = (s: string, unit: string): boolean =>
  unit.length > 0 && s.length % unit.length === 0 && unit.repeat(s.length / unit.length) === s

/** "aaaaaaaaaaaa", "abababababab", "123123123123": one short unit over and over. */
const isRepetitive = (s: string): boolean => {
  for (let size = 1; size <= s.length / 2; size++) {
    if (isRepetitionOf(s, s.slice(0, size))) return true
  }
  return false
}

/** "123456789012", "abcdefghijkl", "987654321098": a run along the alphabet or the digits. */
const isSequence = (s: string): boolean => {
  if (s.length < 3) return false
  const step = (s.charCodeAt(1) - s.charCodeAt(0) + 10) % 10
  const digits = /^\d+$/.test(s)
  for (let i = 1; i < s.length; i++) {
    const diff = s.charCodeAt(i) - s.charCodeAt(i - 1)
    const ok = digits ? (diff + 10) % 10 === step && (step === 1 || step === 9) : diff === 1 || diff === -1
    if (!ok) return false
  }
  return true
}

/**
 * Whether, once the user's own words (at least 3 letters each) and the digits and symbols around
 * them are taken out, fewer than 4 characters are left: "jane.smith2024", "Smithsmith123".
 */
const builtOnPersonal = (lower: string, personal: ReadonlyArray<string>): boolean => {
  const words = personal.map((w) => w.toLowerCase()).filter((w) => w.length >= 3)
  if (words.length === 0) return false
  const rest = words
    .toSorted((a, b) => b.length - a.length)
    .reduce((text, word) => text.split(word).join(""), lower)
    .replace(/[\d\W_]/g, "")
  return rest.length < 4
}

const isCommonWord = (core: string): boolean =>
  baseWords.has(core) || [...baseWords].some((word) => word.length >= 3 && isRepetitionOf(core, word))

/**
 * Checks a new password. `personal` holds words from the user's own details (their email address,
 * their name): a password built on them is the first thing anyone who knows them would try.
 */
export const check = (
  password: string,
  personal: ReadonlyArray<string> = []
): Option.Option<PasswordProblem> => {
  if ([...password].length < minimumLength) return Option.some("TooShort")
  if ([...password].length > maximumLength) return Option.some("TooLong")
  const lower = password.toLowerCase()
  const core = lower.replace(decoration, "")
  const tooCommon =
    core.length === 0 ||
    isCommonWord(core) ||
    isRepetitive(lower) ||
    isSequence(lower) ||
    isSequence(core) ||
    builtOnPersonal(lower, personal)
  return tooCommon ? Option.some("TooCommon") : Option.none()
}
