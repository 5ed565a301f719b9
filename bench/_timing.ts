/**
 * tinybench wrappers that return the median ms per operation and the relative margin of error. The
 * median, not the mean: on a shared machine a few descheduled samples move the mean of a
 * two-thread measurement (the sandbox Worker and the host) far more than the code does.
 */

import { Bench, type BenchOptions, type Task } from 'tinybench'
import type { GuestJob, Sandbox } from '../sandbox/index.ts'
import type { BenchVariant } from './_report.ts'

export interface Timing {
  readonly ms: number
  readonly rme: number
}

export interface TimingOptions {
  readonly quick: boolean
}

/** Sampling: at least `iterations` runs and `time` ms per variant, after one warm-up run. */
export function settings(opts: TimingOptions): BenchOptions {
  return opts.quick
    ? { time: 400, iterations: 5, warmupIterations: 1, warmupTime: 0 }
    : { time: 3000, iterations: 20, warmupIterations: 1, warmupTime: 0 }
}

/** The mean and margin of one finished task; the task's own error if it threw. */
export function finish(task: Task | undefined): Timing {
  const r = task?.result
  if (r === undefined) throw new Error('the benchmark did not run')
  if (r.state === 'errored') throw r.error
  if (r.state !== 'completed') throw new Error(`the benchmark ended ${r.state}`)
  return { ms: r.latency.p50, rme: r.latency.rme }
}

/** Times a synchronous function. */
export function timeSync(name: string, fn: () => void, opts: TimingOptions): Timing {
  const bench = new Bench({ ...settings(opts), throws: true })
  bench.add(name, fn)
  return finish(bench.runSync()[0])
}

/** Times an async function. */
export async function timeAsync(
  name: string,
  fn: () => Promise<void>,
  opts: TimingOptions | BenchOptions,
): Promise<Timing> {
  const bench = new Bench({ ...('quick' in opts ? settings(opts) : opts), throws: true })
  bench.add(name, fn)
  return finish((await bench.run())[0])
}

/** A sandbox variant's timing: end to end (`sandbox.run`) and median engine time. */
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
  const sorted = engine.toSorted((a, b) => a - b)
  return { ...timing, engineMs: sorted[Math.floor(sorted.length / 2)]! }
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
