/**
 * The harness every suite times with. `interleave` runs the variants of a suite round by round —
 * reference, subject, reference, subject… with the order rotated each round — so that a burst of
 * machine load hits every variant alike, and reports each figure as min–median–max over the rounds.
 * Ratios are taken inside a round (subject / reference measured seconds apart) and their median is
 * what `bench:check` compares: on a shared, loaded machine absolute times move, same-round ratios
 * much less. Within a round a variant runs in batches timed as a whole (so a 1 µs operation is not
 * drowned by the clock) and the round's figure is the median batch, per operation.
 */

import { performance } from 'node:perf_hooks'
import type { Column, Frame, GuestJob, Sandbox } from '../sandbox/index.ts'
import { spreadOf, type BenchVariant, type Spread } from './_report.ts'

export interface TimingOptions {
  readonly quick: boolean
}

export interface InterleaveOptions {
  /** Rounds (at least 3; default 3 in quick mode, 7 otherwise). */
  readonly rounds?: number
  /** Least time each variant runs in each round, in ms (default 150 quick, 600 full). */
  readonly roundMs?: number
  /** Least calls of each variant in each round (default 1). */
  readonly minCalls?: number
  /** Calls of each variant before the first round, not timed (default 1). */
  readonly warmup?: number
  /** Target duration of one timed batch, in ms: fast operations are batched up to it (default 2). */
  readonly batchMs?: number
}

/**
 * What a variant returns: nothing, or the engine's own time for that call (sandbox variants), which
 * becomes a second figure reported as `name (engine)`.
 */
export type VariantResult = void | undefined | { readonly engineMs: number }

/** One variant: a synchronous or asynchronous operation, called many times with the same input. */
export type BenchFn = () => VariantResult | Promise<VariantResult>

/**
 * A variant whose every call consumes its input (a frame whose buffers are transferred to the
 * sandbox Worker, as the pipeline does): `prepare` makes one call's input outside the timed
 * region, `run` is timed. Batches of such a variant hold at most `MAX_PREPARED_BATCH` calls.
 */
export interface PreparedBench<T = unknown> {
  readonly prepare: () => T
  readonly run: (input: T) => VariantResult | Promise<VariantResult>
}

/** Largest batch of a prepared variant (each call's input is made before the batch is timed). */
export const MAX_PREPARED_BATCH = 16

/** A variant as `interleave` takes it. */
export type Variant = BenchFn | PreparedBench

/** A variant's figures: one per round (median batch per operation, ms). */
export interface Measured {
  readonly perRound: readonly number[]
  /** Median engine time per round, when the variant reports it. */
  readonly enginePerRound?: readonly number[]
}

const MIN_ROUNDS = 3

/** Defaults for a suite's mode. */
export function roundsFor(opts: TimingOptions): Required<InterleaveOptions> {
  return opts.quick
    ? { rounds: 3, roundMs: 150, minCalls: 1, warmup: 1, batchMs: 2 }
    : { rounds: 7, roundMs: 600, minCalls: 1, warmup: 1, batchMs: 2 }
}

function isThenable(x: unknown): x is PromiseLike<VariantResult> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function'
}

function engineOf(r: VariantResult): number | undefined {
  return r && typeof r === 'object' ? r.engineMs : undefined
}

async function callOnce(fn: BenchFn): Promise<VariantResult> {
  const r = fn()
  return isThenable(r) ? await r : r
}

/** The variant as untimed input-making and timed calls. */
function split(v: Variant): PreparedBench {
  return typeof v === 'function' ? { prepare: () => undefined, run: v } : v
}

function median(values: readonly number[]): number {
  return spreadOf(values).median
}

/**
 * Times `variants` interleaved: after `warmup` calls each, `rounds` rounds in which every variant
 * (in an order rotated by one each round) runs for at least `roundMs` and `minCalls` calls.
 * Throws the first error a variant throws.
 */
export async function interleave(
  variants: Readonly<Record<string, Variant>>,
  mode: TimingOptions,
  options: InterleaveOptions = {},
): Promise<Record<string, Measured>> {
  const o = { ...roundsFor(mode), ...options }
  const rounds = Math.max(MIN_ROUNDS, o.rounds)
  const names = Object.keys(variants)
  if (names.length === 0) throw new RangeError('interleave: no variants')
  // Warm-up, and the batch size: how many calls make about `batchMs`.
  const batch: Record<string, number> = {}
  for (const name of names) {
    const v = split(variants[name]!)
    let spent = 0
    for (let i = 0; i < Math.max(1, o.warmup); i++) {
      const input = v.prepare()
      const t0 = performance.now()
      await callOnce(() => v.run(input))
      spent = performance.now() - t0
    }
    const most = typeof variants[name] === 'function' ? 10_000 : MAX_PREPARED_BATCH
    batch[name] = Math.max(1, Math.min(most, Math.floor(o.batchMs / Math.max(spent, 1e-4))))
  }
  const perRound: Record<string, number[]> = {}
  const enginePerRound: Record<string, number[]> = {}
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!
      const v = split(variants[name]!)
      const size = batch[name]!
      const batches: number[] = []
      const engine: number[] = []
      let calls = 0
      const start = performance.now()
      while (calls < o.minCalls || performance.now() - start < o.roundMs) {
        const inputs = Array.from({ length: size }, () => v.prepare())
        const t0 = performance.now()
        for (let i = 0; i < size; i++) {
          const r = v.run(inputs[i])
          const e = engineOf(isThenable(r) ? await r : r)
          if (e !== undefined) engine.push(e)
        }
        batches.push((performance.now() - t0) / size)
        calls += size
      }
      ;(perRound[name] ??= []).push(median(batches))
      if (engine.length > 0) (enginePerRound[name] ??= []).push(median(engine))
    }
  }
  const out: Record<string, Measured> = {}
  for (const name of names) {
    const engine = enginePerRound[name]
    out[name] = engine
      ? { perRound: perRound[name]!, enginePerRound: engine }
      : { perRound: perRound[name]! }
  }
  return out
}

function row(name: string, values: readonly number[], ref: readonly number[]): BenchVariant {
  const spread = spreadOf(values)
  const ratioSpread = spreadOf(values.map((v, i) => v / ref[i]!))
  return {
    name,
    ms: spread.median,
    ratio: ratioSpread.median,
    spread,
    ratioSpread,
    rounds: values.length,
    rme: spread.median > 0 ? ((spread.max - spread.min) / spread.median) * 50 : 0,
  }
}

/**
 * Report rows from interleaved figures, as ratios to `reference` taken round by round; a variant
 * that reported engine times gets a `name (engine)` row too (engine time / reference time).
 */
export function variantsFrom(
  measured: Readonly<Record<string, Measured>>,
  reference: string,
): BenchVariant[] {
  const ref = measured[reference]?.perRound
  if (!ref) throw new Error(`no timing for the reference ${reference}`)
  const rows: BenchVariant[] = []
  for (const [name, m] of Object.entries(measured)) {
    rows.push(row(name, m.perRound, ref))
    if (m.enginePerRound) rows.push(row(`${name} (engine)`, m.enginePerRound, ref))
  }
  return rows
}

/**
 * A sandbox variant for `interleave`: `sandbox.run(job)` end to end, reporting the engine's own
 * time (without the Worker messaging). The job's frames are copied, not moved, so every run gets them.
 * The pipeline moves them (`sandboxTransferVariant` times that).
 */
export function sandboxVariant(sandbox: Sandbox, job: GuestJob): BenchFn {
  return async () => {
    const r = await sandbox.run(job, { transfer: false })
    if (!r.ok) throw r.error
    return { engineMs: r.stats.runMs }
  }
}

/**
 * A sandbox variant timed as the pipeline runs it: the frames' buffers are moved to the Worker
 * (`transfer`, the default of `sandbox.run`), not copied by the structured clone. Each call gets
 * its own copy of the job's frames, made outside the timed region (the pipeline's frames come
 * fresh from the view, which both sides of a suite leave out).
 */
export function sandboxTransferVariant(sandbox: Sandbox, job: GuestJob): PreparedBench {
  return {
    prepare: (): GuestJob => ({ ...job, frames: job.frames.map(copyFrame) }),
    run: async (fresh) => {
      const r = await sandbox.run(fresh as GuestJob)
      if (!r.ok) throw r.error
      return { engineMs: r.stats.runMs }
    },
  }
}

/** A frame with its own copy of every column buffer. */
function copyFrame(frame: Frame): Frame {
  const columns: Record<string, Column> = {}
  for (const [name, col] of Object.entries(frame.columns)) {
    columns[name] =
      col.kind === 'category'
        ? { ...col, codes: col.codes.slice() }
        : col.kind === 'text'
          ? { ...col, offsets: col.offsets.slice(), bytes: col.bytes.slice() }
          : col.kind === 'bool'
            ? { ...col, values: col.values.slice() }
            : { ...col, values: col.values.slice() }
  }
  return { ...frame, columns }
}

// ---- single-variant timings (for an operation with no same-round reference) -------------------

/** A variant's time: median ms per operation over ≥ 3 rounds, its spread, and a relative spread. */
export interface Timing {
  readonly ms: number
  readonly rme: number
  readonly spread?: Spread
}

/** A sandbox variant's timing: end to end (`sandbox.run`) and median engine time. */
export type SandboxTiming = Timing & { readonly engineMs?: number }

function timingOf(m: Measured): SandboxTiming {
  const spread = spreadOf(m.perRound)
  const t = {
    ms: spread.median,
    rme: spread.median > 0 ? ((spread.max - spread.min) / spread.median) * 50 : 0,
    spread,
  }
  return m.enginePerRound ? { ...t, engineMs: median(m.enginePerRound) } : t
}

/** Options of the older single-variant helpers: a mode, or rounds for a long operation. */
export type LongOptions = {
  /** Rounds (at least 3), one call each: for operations that take seconds. */
  readonly iterations?: number
  readonly time?: number
  readonly warmupIterations?: number
  readonly warmupTime?: number
}

function modeOf(opts: TimingOptions | LongOptions): [TimingOptions, InterleaveOptions] {
  if ('quick' in opts) return [opts, {}]
  return [
    { quick: true },
    { rounds: opts.iterations ?? MIN_ROUNDS, roundMs: 0, warmup: opts.warmupIterations ?? 1 },
  ]
}

/**
 * Times one synchronous function alone (≥ 3 rounds). Prefer `interleave` with the suite's
 * reference: a lone timing cannot tell the code from the machine's load.
 */
export function timeSync(name: string, fn: () => void, opts: TimingOptions): Timing {
  const o = roundsFor(opts)
  fn()
  const t0 = performance.now()
  fn()
  const size = Math.max(
    1,
    Math.min(10_000, Math.floor(o.batchMs / Math.max(1e-4, performance.now() - t0))),
  )
  const perRound: number[] = []
  for (let round = 0; round < o.rounds; round++) {
    const batches: number[] = []
    const start = performance.now()
    while (batches.length === 0 || performance.now() - start < o.roundMs) {
      const b0 = performance.now()
      for (let i = 0; i < size; i++) fn()
      batches.push((performance.now() - b0) / size)
    }
    perRound.push(median(batches))
  }
  void name
  return timingOf({ perRound })
}

/** Times one async function alone (≥ 3 rounds); see `timeSync`. */
export async function timeAsync(
  name: string,
  fn: () => Promise<void>,
  opts: TimingOptions | LongOptions,
): Promise<Timing> {
  const [mode, options] = modeOf(opts)
  return timingOf((await interleave({ [name]: fn }, mode, options))[name]!)
}

/** Times `sandbox.run(job)` alone (≥ 3 rounds), end to end and by engine time. */
export async function timeSandbox(
  sandbox: Sandbox,
  name: string,
  job: GuestJob,
  opts: TimingOptions,
): Promise<SandboxTiming> {
  return timingOf((await interleave({ [name]: sandboxVariant(sandbox, job) }, opts))[name]!)
}

/** Report rows for lone timings, as ratios of medians to `reference`. */
export function variantsOf(
  timings: Readonly<Record<string, SandboxTiming>>,
  reference: string,
): BenchVariant[] {
  const ref = timings[reference]
  if (!ref) throw new Error(`no timing for the reference ${reference}`)
  const variants: BenchVariant[] = []
  for (const [name, t] of Object.entries(timings)) {
    const base = { name, ms: t.ms, ratio: t.ms / ref.ms, rme: t.rme }
    variants.push(t.spread ? { ...base, spread: t.spread } : base)
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
