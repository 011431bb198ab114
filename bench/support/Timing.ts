import { performance } from "node:perf_hooks"

/** The benches print their figures, and nothing else, on standard output. */
export const log = (line: string) => process.stdout.write(`${line}\n`)

/** Runs `f` once: what it gave and how many milliseconds it took. */
export const elapsed = async <A>(f: () => Promise<A>): Promise<[A, number]> => {
  const start = performance.now()
  const result = await f()
  return [result, performance.now() - start]
}

/** Runs `f` once and prints how long it took, for the slow steps of loading. */
export const timed = async <A>(label: string, f: () => Promise<A>): Promise<A> => {
  const [result, ms] = await elapsed(f)
  log(`  ${label}: ${(ms / 1000).toFixed(1)} s`)
  return result
}

export const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** How many timed runs each figure is the median of, after WARM_UPS untimed ones. */
export const RUNS = 30
const WARM_UPS = 5

/** The median time of `f` in milliseconds: the first runs fill caches and plans, so they do not count. */
export const measure = async (f: () => Promise<unknown>): Promise<number> => {
  for (let i = 0; i < WARM_UPS; i++) await f()
  const times: Array<number> = []
  for (let i = 0; i < RUNS; i++) times.push((await elapsed(f))[1])
  return median(times)
}

/**
 * Times `subject` and then `bare` (the plain query returning the same rows) and prints one line:
 * both medians and their ratio, the figure a bench reports because it holds across machines.
 */
export const compare = async (
  label: string,
  rows: number,
  subject: { readonly name: string; readonly run: () => Promise<unknown> },
  bare: () => Promise<unknown>
): Promise<void> => {
  const s = await measure(subject.run)
  const b = await measure(bare)
  log(
    `${label.padEnd(58)} rows ${String(rows).padStart(5)}  ${subject.name} ${s.toFixed(2).padStart(7)} ms` +
      `  bare pg ${b.toFixed(2).padStart(7)} ms  ratio ${(s / b).toFixed(2)}`
  )
}
