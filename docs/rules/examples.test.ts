import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

/*
 * Every ```ts block on every rules page is run as it is written, so that an example that no longer
 * matches the library fails here. Each block runs as a module in a scratch directory whose
 * node_modules links to the workspace's own packages, so it imports "@openap/core", "effect" and
 * "temporal-polyfill" exactly as another council's code would, and gets the same module instances
 * as the library itself.
 */
const here = import.meta.dirname
const core = join(here, "../../packages/core")

const pages = readdirSync(here)
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .sort()
const blocks = pages.flatMap((page) =>
  [...readFileSync(join(here, page), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map(
    (m, i) => [page, i + 1, m[1] ?? ""] as const
  )
)

const scratch = mkdtempSync(join(tmpdir(), "openap-rule-examples-"))
mkdirSync(join(scratch, "node_modules/@openap"), { recursive: true })
symlinkSync(realpathSync(core), join(scratch, "node_modules/@openap/core"))
for (const dep of ["effect", "temporal-polyfill"])
  symlinkSync(realpathSync(join(core, "node_modules", dep)), join(scratch, "node_modules", dep))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe("rules pages' examples", () => {
  it("every rules page has at least one example", () => {
    expect(pages.length).toBeGreaterThan(0)
    for (const page of pages)
      expect(
        blocks.some(([p]) => p === page),
        page
      ).toBe(true)
  })

  it.each(blocks)("%s, example %i runs", async (page, index, source) => {
    const file = join(scratch, `${page.replace(/\.md$/, "")}-${index}.ts`)
    writeFileSync(file, source)
    await import(file)
  })
})
