/** benchmark.js wrappers that return mean ms per operation and the relative margin of error. */

import Benchmark from 'benchmark'
import type { GuestJob, Sandbox } from '../sandbox/index.ts'
import type { BenchVariant } from './_report.ts'

export interface Timing {
  readonly ms: number
  readonly rme: number
}

export interface TimingOptions {
  readonly quick: boolean
}

function settings(opts: TimingOptions): Benchmark.Options {
  return opts.quick
    ? { maxTime: 0.4, minSamples: 5, initCount: 1 }
    : { maxTime: 3, minSamples: 20, initCount: 1 }
}

function finish(bench: Benchmark): Timing {
  if (bench.error) throw bench.error
  return { ms: bench.stats.mean * 1000, rme: bench.stats.rme }
}

/** Times a synchronous function. */
export function timeSync(name: string, fn: () => void, opts: TimingOptions): Timing {
  const bench = new Benchmark(name, fn, settings(opts))
  bench.run()
  return finish(bench)
}

/** Times an async function (benchmark.js deferred mode). */
export function timeAsync(
  name: string,
  fn: () => Promise<void>,
  opts: TimingOptions,
): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const bench = new Benchmark(name, {
      ...settings(opts),
      defer: true,
      fn: (deferred: { resolve(): void }) => {
        fn().then(
          () => deferred.resolve(),
          (e: unknown) => {
            bench.abort()
            reject(e)
          },
        )
      },
      onComplete: () => {
        try {
          resolve(finish(bench))
        } catch (e) {
          reject(e)
        }
      },
    })
    bench.run({ async: true })
  })
}

/** A sandbox variant's timing: end to end (`sandbox.run`) and mean engine time. */
export type SandboxTiming = Timing & { readonly engineMs?: number }

/**
 * Times `sandbox.run(job)` end to end and records the engine's own time of each run (without the
 * Worker messaging). The job's frames are copied, not moved, so every run gets them.
 */
export async function timeSandbox(
  sandbox: Sandbox,
  name: string,
  job: GuestJob,
  opts: TimingOptions,
): Promise<SandboxTiming> {
  const engine: number[] = []
  const timing = await timeAsync(
    name,
    async () => {
      const r = await sandbox.run(job, { transfer: false })
      if (!r.ok) throw r.error
      engine.push(r.stats.runMs)
    },
    opts,
  )
  return { ...timing, engineMs: engine.reduce((a, b) => a + b, 0) / engine.length }
}

/** Report rows for timings, as ratios to `reference`; sandbox variants get an "(engine)" row too. */
export function variantsOf(
  timings: Readonly<Record<string, SandboxTiming>>,
  reference: string,
): BenchVariant[] {
  const ref = timings[reference]
  if (!ref) throw new Error(`no timing for the reference ${reference}`)
  const variants: BenchVariant[] = []
  for (const [name, t] of Object.entries(timings)) {
    variants.push({ name, ms: t.ms, ratio: t.ms / ref.ms, rme: t.rme })
    if (t.engineMs !== undefined) {
      variants.push({
        name: `${name} (engine)`,
        ms: t.engineMs,
        ratio: t.engineMs / ref.ms,
        rme: t.rme,
      })
    }
  }
  return variants
}
