/**
 * What every benchmark suite returns. Suites time variants on fixed inputs after checking that all
 * variants give the same answer, interleaved round by round with a reference (so machine load hits
 * every variant alike), and express each as a ratio to that reference: absolute times on a shared
 * machine are noise, ratios measured in the same round are the signal.
 */

/** Smallest, median and largest of a figure over the rounds of one run. */
export interface Spread {
  readonly min: number
  readonly median: number
  readonly max: number
}

export interface BenchVariant {
  /** Short stable name, for example `quickjs-columnar`. */
  readonly name: string
  /** Median over the rounds of the time per operation, in milliseconds. */
  readonly ms: number
  /** Median over the rounds of `ms / reference.ms` in the same round; the reference itself has 1. */
  readonly ratio: number
  /** Spread of the time per operation over the rounds (ms); `spread.median` equals `ms`. */
  readonly spread?: Spread
  /** Spread of the per-round ratio; `ratioSpread.median` equals `ratio`. */
  readonly ratioSpread?: Spread
  /** How many rounds the figures come from (≥ 3 for every suite the harness times). */
  readonly rounds?: number
  /** Relative spread in percent: (max − min) / median × 50, a margin-of-error-like figure. */
  readonly rme: number
}

export interface BenchSuiteReport {
  /** Stable suite name, for example `favorite-sport/100k`. */
  readonly suite: string
  readonly reference: string
  readonly variants: readonly BenchVariant[]
  /** The 1-minute load average before and after the suite ran (set by the runner when absent). */
  readonly load?: { readonly before: number; readonly after: number }
  /** Free-form lines printed under the table (throughput, goals met or missed, peak RSS…). */
  readonly notes?: readonly string[]
}

/** A benchmark file's entry point: `quick` is the few-seconds mode `npm run bench:check` uses. */
export type BenchFile = (opts: { readonly quick: boolean }) => Promise<BenchSuiteReport[]>

/** min, median and max of a non-empty list. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spreadOf: no values')
  const s = values.toSorted((a, b) => a - b)
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! }
}

/** `min–median–max` with `digits` decimals. */
export function formatSpread(s: Spread, digits = 3): string {
  return `${s.min.toFixed(digits)}–${s.median.toFixed(digits)}–${s.max.toFixed(digits)}`
}
