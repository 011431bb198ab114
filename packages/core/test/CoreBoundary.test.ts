import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"

// Other councils embed @openap/core; it must stay pure. Only effect, temporal-polyfill and its
// own modules may be imported.
const allowed = (specifier: string) =>
  specifier.startsWith("./") ||
  specifier.startsWith("../") ||
  specifier === "effect" ||
  specifier.startsWith("effect/") ||
  specifier === "temporal-polyfill"

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : []
  })

const importsOf = (source: string): string[] =>
  [
    ...source.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)
  ].map((m) => (m[1] ?? m[2]) as string)

describe("core's import boundary", () => {
  const src = join(import.meta.dirname, "../src")
  const files = sourceFiles(src)

  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(3)
  })

  it("imports nothing but effect, temporal-polyfill and itself", () => {
    const offending = files.flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter((specifier) => !allowed(specifier))
        .map((specifier) => `${relative(src, file)} imports ${specifier}`)
    )
    expect(offending).toEqual([])
  })

  it("recognises a forbidden import when one is written", () => {
    expect(importsOf(`import { readFile } from "node:fs"`).filter((s) => !allowed(s))).toEqual(["node:fs"])
    expect(importsOf(`const pg = await import("pg")`).filter((s) => !allowed(s))).toEqual(["pg"])
  })

  it("uses no process, Date.now or Math.random: time, ids and config come through ports", () => {
    const offending = files.filter((file) =>
      /\bprocess\.|Date\.now\(|new Date\(|Math\.random\(/.test(readFileSync(file, "utf8"))
    )
    expect(offending.map((f) => relative(src, f))).toEqual([])
  })
})
