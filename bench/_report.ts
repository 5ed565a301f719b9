/**
 * What every benchmark suite returns. Suites time variants on fixed inputs after checking that all
 * variants give the same answer, and express each as a ratio to a reference timed in the same run:
 * absolute times on a shared machine are noise, ratios are the signal.
 */

export interface BenchVariant {
  /** Short stable name, for example `quickjs-columnar`. */
  readonly name: string
  /** Mean time per operation in milliseconds. */
  readonly ms: number
  /** `ms / reference.ms`; the reference itself has ratio 1. */
  readonly ratio: number
  /** Relative margin of error of the mean, in percent (tinybench `latency.rme`). */
  readonly rme: number
}

export interface BenchSuiteReport {
  /** Stable suite name, for example `favorite-sport/100k`. */
  readonly suite: string
  readonly reference: string
  readonly variants: readonly BenchVariant[]
}

/** A benchmark file's entry point: `quick` is the few-seconds mode `npm run bench:check` uses. */
export type BenchFile = (opts: { readonly quick: boolean }) => Promise<BenchSuiteReport[]>
