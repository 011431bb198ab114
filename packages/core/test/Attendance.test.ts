import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Attendance, AttendanceCode, type OrgKind } from "../src/index.js"

/*
 * Every (who, from, to) triple, written out from the rules text (DOMAIN.md, "Registers"), not from
 * the code. Columns are the mark set, in register order:
 *   P present, L late, A authorised, U unexplained, X unauthorised, B dismissed (behaviour),
 *   O dismissed (other), N not required.
 * Rows are the current mark ("-" = not yet marked). "Y" means the change is allowed.
 *
 * Provider: may set P L U B O N, from unmarked or from any of those; never from or to A or X.
 * School: only between A U X; nothing else; never from unmarked.
 * CAP: anything.
 */
const columns: ReadonlyArray<AttendanceCode.AttendanceCode> = [
  "present",
  "late",
  "authorised_absence",
  "unexplained_absence",
  "unauthorised_absence",
  "dismissed_behaviour",
  "dismissed_other",
  "not_required"
]
const rows: ReadonlyArray<AttendanceCode.AttendanceCode | null> = [null, ...columns]

const grid: Readonly<Record<OrgKind.OrgKind, ReadonlyArray<string>>> = {
  //          PLAUXBON
  provider: [
    "YY.Y.YYY", // -
    "YY.Y.YYY", // present
    "YY.Y.YYY", // late
    "........", // authorised
    "YY.Y.YYY", // unexplained
    "........", // unauthorised
    "YY.Y.YYY", // dismissed (behaviour)
    "YY.Y.YYY", // dismissed (other)
    "YY.Y.YYY" // not required
  ],
  school: [
    "........", // -
    "........", // present
    "........", // late
    "..YYY...", // authorised
    "..YYY...", // unexplained
    "..YYY...", // unauthorised
    "........", // dismissed (behaviour)
    "........", // dismissed (other)
    "........" // not required
  ],
  cap: [
    "YYYYYYYY",
    "YYYYYYYY",
    "YYYYYYYY",
    "YYYYYYYY",
    "YYYYYYYY",
    "YYYYYYYY",
    "YYYYYYYY",
    "YYYYYYYY",
    "YYYYYYYY"
  ]
}

const triples = (["provider", "school", "cap"] as const).flatMap((who) =>
  rows.flatMap((from, r) => columns.map((to, c) => [who, from, to, grid[who][r]?.[c] === "Y"] as const))
)

describe("Attendance.canChangeMark", () => {
  it("the table lists 3 x 9 x 8 triples and the columns are the register's codes in order", () => {
    expect(triples).toHaveLength(216)
    expect(columns).toEqual(AttendanceCode.all)
  })

  it.each(triples)("%s: %s -> %s is %s", (who, from, to, allowed) => {
    expect(Attendance.canChangeMark(who, from, to)).toBe(allowed)
  })

  it("a refusal is a MarkChangeRefused naming the change, and the options offered are exactly the allowed marks", () => {
    const who = fc.constantFrom<OrgKind.OrgKind>("provider", "school", "cap")
    const from = fc.constantFrom(...rows)
    const to = fc.constantFrom(...columns)
    fc.assert(
      fc.property(who, from, to, (w, f, t) => {
        const checked = Attendance.checkChange(w, f, t)
        expect(Either.isRight(checked)).toBe(Attendance.canChangeMark(w, f, t))
        if (Either.isLeft(checked))
          expect(checked.left).toMatchObject({ _tag: "MarkChangeRefused", by: w, to: t })
        expect(Attendance.options(w, f).includes(t)).toBe(Attendance.canChangeMark(w, f, t))
      })
    )
  })

  it("an organisation kind the policy does not know gets no rights", () => {
    expect(Attendance.canChangeMark("parent" as OrgKind.OrgKind, null, "present")).toBe(false)
  })
})
