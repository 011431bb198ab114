import { defineConfig } from "vitest/config"

// One run covers every package. Browser journeys and database contract suites share machines
// with two cores, so files run in forks with a bounded pool.
export default defineConfig({
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "apps/*/test/**/*.test.ts",
      "docs/**/*.test.ts",
      "bench/**/*.test.ts"
    ],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default"]
  }
})
