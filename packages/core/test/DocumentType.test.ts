import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { DocumentType } from "../src/index.js"

describe("DocumentType", () => {
  it("lists the guidance's document types, in its order, with 'other' for anything else", () => {
    expect(DocumentType.all.map((t) => DocumentType.label[t])).toEqual([
      "Student support plan",
      "Education, Health and Care Plan (EHCP)",
      "Risk assessment",
      "Updated contact information",
      "Meeting minutes",
      "Social care report",
      "Safeguarding concern",
      "Behaviour or attendance concern",
      "Financial audit",
      "Invoice",
      "Tracking",
      "Other"
    ])
  })

  it("decodes a known type and refuses an unknown one", () => {
    const decode = Schema.decodeUnknownEither(DocumentType.DocumentType)
    expect(decode("ehcp")).toEqual(Either.right("ehcp"))
    expect(Either.isLeft(decode("passport"))).toBe(true)
  })
})
