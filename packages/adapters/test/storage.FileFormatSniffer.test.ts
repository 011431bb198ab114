import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as FileFormatSniffer from "../src/storage/FileFormatSniffer.js"
import { docm, docx, xlsx, zip } from "./storage/Zip.js"

const detect = (bytes: Uint8Array, complete = true) =>
  Effect.map(
    FileFormatSniffer.detect(bytes, complete),
    Option.getOrElse(() => "refused")
  )
const text = (s: string) => new TextEncoder().encode(s)

describe("FileFormatSniffer", () => {
  it.effect("recognises Word and Excel files by what is inside the container", () =>
    Effect.gen(function* () {
      expect(yield* detect(docx())).toBe("docx")
      expect(yield* detect(xlsx())).toBe("xlsx")
    })
  )

  it.effect("refuses macro-enabled Office files and any other archive", () =>
    Effect.gen(function* () {
      expect(yield* detect(docm())).toBe("refused")
      expect(yield* detect(zip([["payload.exe", "MZ"]]))).toBe("refused")
    })
  )

  it.effect("takes UTF-8 text and CSV, with or without a byte-order mark", () =>
    Effect.gen(function* () {
      expect(yield* detect(text("learner,school\nAva,Alder\n"))).toBe("text")
      expect(yield* detect(text("\uFEFFNotes\tfor the meeting\r\n\f"))).toBe("text")
    })
  )

  it.effect("refuses text with control characters, and bytes that are not UTF-8", () =>
    Effect.gen(function* () {
      expect(yield* detect(text("hello\u0000world"))).toBe("refused")
      expect(yield* detect(text("bell\u0007"))).toBe("refused")
      expect(yield* detect(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toBe("refused")
    })
  )

  it.effect(
    "a character cut at the end of an incomplete head is not a fault; at the end of the file it is",
    () =>
      Effect.gen(function* () {
        const cut = text("price £")
        const head = cut.subarray(0, cut.length - 1)
        expect(yield* detect(head, false)).toBe("text")
        expect(yield* detect(head, true)).toBe("refused")
      })
  )
})
