/**
 * coffee-trigger, the latency-critical path: one trigger run per new message, as the runtime
 * fires it on ingest, over a generated person's messages (scale 1, about 3,000 messages). Each
 * run gets the views the pipeline would build at that message's time (messages.text of the last
 * 30 minutes, locations.lat/.lon of the last hour) and `trigger.firstRow` at the new message.
 *
 * - v8-detect (reference): the module's own `analyze` in native V8 over the same frames, with
 *   the same `nearest` kernel: what the detection costs without a sandbox
 * - quickjs-warm: `sandbox.run` with a reuse key (the engine instance of the previous run of the
 *   bundle, a fresh runtime and context), as the pipeline runs a trigger
 * - quickjs-guest-haversine: the same, with the shop distance computed in the guest instead of the
 *   `nearest` kernel (copies the two location columns in)
 * - quickjs-empty: a module that returns at once: the fixed cost of any run (the floor; it detects
 *   nothing, so it is the one variant not checked against the reference)
 * - quickjs-fresh (full mode): no reuse key, so every run takes the warm spare instance
 *
 * Sandbox variants report the mean, p50 and p99 of the wall time of `sandbox.run` and of the
 * engine time (without the Worker messaging), one sample per trigger. Targets: p50 ≤ 1 ms, p99 ≤
 * 5 ms. `quickjs-empty` shows what dominates: the fixed cost of a fresh runtime and context, the
 * guest prelude and compiling the module source, paid by every run. The triggers are split into
 * three rounds; in each, the reference and every variant run over the same triggers in an order
 * rotated round by round, and a variant's ratio is the median over the rounds of its mean over the
 * reference's mean in that round.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleJavaScript } from '../runtime/bundle/compile.ts'
import { createSandbox, DEFAULT_LIMITS, frameFromRecords } from '../sandbox/index.ts'
import type { Frame, GuestJob, Sandbox } from '../sandbox/index.ts'
import { nearest, type GeoPoint, type Where } from '../sandbox/kernels.ts'
import { collectionLayout } from '../runtime/collections.ts'
import { generateCollection } from '../runtime/persona/index.ts'
import { spreadOf, type BenchFile, type BenchSuiteReport, type BenchVariant } from './_report.ts'
import { textMatch, type TextMatchOptions, type TextMatchSpec } from '../sandbox/text_kernels.ts'
import type { Timing } from './_timing.ts'

const MODULE_URL = new URL('../algorithms/coffee-trigger/', import.meta.url)
const MINUTE = 60_000

interface Trigger {
  readonly now: number
  readonly firstRow: number
  readonly frames: readonly Frame[]
}

/** One trigger per persona message, with the views the pipeline would give the module. */
function triggers(step: number): Trigger[] {
  const persona = { seed: 42, scale: 1 }
  const messages = [...generateCollection('messages', persona)]
  const locations = [...generateCollection('locations', persona)]
  const mLayout = collectionLayout('messages')
  const lLayout = collectionLayout('locations')
  const out: Trigger[] = []
  for (let k = 0; k < messages.length; k += step) {
    const now = messages[k]!.sentAt as number
    const m = frameFromRecords(mLayout, messages, ['text'], now - 30 * MINUTE, now + 1)
    const l = frameFromRecords(lLayout, locations, ['lat', 'lon'], now - 60 * MINUTE, now + 1)
    // The new message's row in the view: messages before it in the window come first.
    let firstRow = 0
    while (firstRow < k && (messages[k - firstRow - 1]?.sentAt as number) >= now - 30 * MINUTE)
      firstRow++
    out.push({ now, firstRow, frames: [m, l] })
  }
  return out
}

/** The guest-side frame API over a host frame, for running the module natively. */
function nativeFrame(frame: Frame) {
  const decoder = new TextDecoder()
  return {
    length: frame.length,
    text(field: string, i: number): string {
      const col = frame.columns[field]
      if (col?.kind !== 'text') return ''
      return decoder.decode(col.bytes.subarray(col.offsets[i]!, col.offsets[i + 1]!))
    },
    num(field: string): Float64Array | undefined {
      const col = frame.columns[field]
      return col?.kind === 'number' || col?.kind === 'time' ? col.values : undefined
    },
    nearest(lat: string, lon: string, points: GeoPoint[], options?: { where?: Where }) {
      return nearest(frame, lat, lon, points, options ?? {})
    },
    textMatch(field: string, spec: TextMatchSpec, options?: TextMatchOptions) {
      return textMatch(frame, field, spec, options ?? {})
    },
  }
}

/** A variant of the module whose shop distance runs in the guest rather than in the kernel. */
function guestHaversineSource(source: string): string {
  const call = "input.collections.locations.nearest('lat', 'lon', shops)"
  if (!source.includes(call)) throw new Error('the module no longer calls the nearest kernel')
  return (
    source.replace(call, 'guestNearest(input.collections.locations, shops)') +
    `
function guestNearest(f, points) {
  const lat = f.num('lat'), lon = f.num('lon')
  const i = f.length - 1
  if (i < 0) return null
  const rad = Math.PI / 180
  let index = 0, meters = Infinity
  for (let k = 0; k < points.length; k++) {
    const dLat = (points[k].lat - lat[i]) * rad, dLon = (points[k].lon - lon[i]) * rad
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat[i] * rad) * Math.cos(points[k].lat * rad) * Math.sin(dLon / 2) ** 2
    const d = 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
    if (d < meters) { meters = d; index = k }
  }
  return { index, meters }
}
`
  )
}

/** Bundles a variant's source text the way `bundle build` does, from a temporary folder. */
async function bundledVariant(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-bench-'))
  try {
    writeFileSync(join(dir, 'index.js'), source)
    return await bundleJavaScript(dir, 'index.js')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Rounds the triggers are split into (each variant and the reference run every round). */
const ROUNDS = 3

const EMPTY = 'export function analyze() { return { triggered: false, shopId: null } }'

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

interface Samples {
  wall: number[]
  engine: number[]
}

/**
 * Runs one sandbox variant once per trigger, in message order as the runtime would, after a few
 * untimed runs, and keeps every run's wall and engine time. A latency distribution needs one sample
 * per run, taken here directly, and so is the V8 reference's, in the same rounds.
 */
async function sampleVariant(
  sandbox: Sandbox,
  code: string,
  reuseKey: string | undefined,
  list: readonly Trigger[],
  params: unknown,
  paramsJson: string,
): Promise<Samples> {
  const samples: Samples = { wall: [], engine: [] }
  const WARM_UP = 10
  for (let k = -WARM_UP; k < list.length; k++) {
    const t = list[Math.max(0, k)]!
    const job: GuestJob = {
      engine: 'quickjs',
      code,
      frames: t.frames,
      now: t.now,
      params,
      paramsJson,
      trigger: { collection: 'messages', firstRow: t.firstRow },
      limits: DEFAULT_LIMITS,
      reuseKey,
    }
    const start = performance.now()
    const r = await sandbox.run(job, { transfer: false })
    const wall = performance.now() - start
    if (!r.ok) throw r.error
    if (k < 0) continue
    samples.wall.push(wall)
    samples.engine.push(r.stats.runMs)
  }
  return samples
}

/** Mean and its relative margin of error (95 %, in percent) of samples. */
function meanOf(xs: readonly number[]): Timing {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1)
  return { ms: mean, rme: ((1.96 * Math.sqrt(variance / xs.length)) / mean) * 100 }
}

export const run: BenchFile = async ({ quick }) => {
  // Quick mode: every 40th message (about 75 triggers); full: every message (about 3,000).
  const list = triggers(quick ? 40 : 1)
  // What runs in the sandbox is what `bundle build` signs: the module with `sealpost/guest` inlined.
  const raw = readFileSync(new URL('index.js', MODULE_URL), 'utf8')
  const source = await bundleJavaScript(fileURLToPath(MODULE_URL), 'index.js')
  const guestSource = await bundledVariant(guestHaversineSource(raw))
  const shops = JSON.parse(readFileSync(new URL('shops.json', MODULE_URL), 'utf8')) as GeoPoint[]
  const lexicon: unknown = JSON.parse(readFileSync(new URL('lexicon.json', MODULE_URL), 'utf8'))
  const params = { 'shops.json': shops, 'lexicon.json': lexicon }
  // As the pipeline sends a bundle's assets: as JSON text made once per bundle (runBundle).
  const paramsJson = JSON.stringify(params)
  const module = (await import(new URL('index.js', MODULE_URL).href)) as {
    analyze(input: unknown): { triggered: boolean; shopId: string | null } | null
  }
  const native = (t: Trigger) =>
    module.analyze({
      now: t.now,
      params,
      trigger: { collection: 'messages', firstRow: t.firstRow },
      collections: { messages: nativeFrame(t.frames[0]!), locations: nativeFrame(t.frames[1]!) },
    })

  await using sandbox = createSandbox()
  await sandbox.warmUp()
  const variants: Record<string, { code: string; reuseKey: string | undefined }> = {
    'quickjs-warm': { code: source, reuseKey: 'coffee' },
    'quickjs-guest-haversine': { code: guestSource, reuseKey: 'coffee-guest' },
  }
  if (!quick) variants['quickjs-fresh'] = { code: source, reuseKey: undefined }

  // Every variant must give the same answer for every trigger before anything is timed.
  let triggered = 0
  for (const t of list) {
    const want = JSON.stringify(native(t))
    if (native(t)?.triggered) triggered++
    for (const [name, v] of Object.entries(variants)) {
      const r = await sandbox.run(
        {
          engine: 'quickjs',
          code: v.code,
          frames: t.frames,
          now: t.now,
          params,
          trigger: { collection: 'messages', firstRow: t.firstRow },
          limits: DEFAULT_LIMITS,
          reuseKey: v.reuseKey,
        },
        { transfer: false },
      )
      if (!r.ok) throw r.error
      const got = JSON.stringify(JSON.parse(r.output))
      if (got !== want) throw new Error(`${name} answered ${got}, v8-detect ${want}`)
    }
  }
  if (triggered === 0) throw new Error('no trigger fired: the benchmark would time nothing real')

  // Interleaved: the triggers are split into rounds, and in each round the V8 reference and every
  // sandbox variant run over the same triggers, in an order rotated round by round.
  const timed = { ...variants, 'quickjs-empty': { code: EMPTY, reuseKey: 'empty' } }
  const names = ['v8-detect', ...Object.keys(timed)]
  const samples: Record<string, Samples> = {}
  const roundMeans: Record<string, { wall: number[]; engine: number[] }> = {}
  for (const t of list.slice(0, 10)) native(t) // warm-up; the sandbox variants warm up per round
  const rounds = Math.min(ROUNDS, list.length)
  for (let r = 0; r < rounds; r++) {
    const chunk = list.filter((_, i) => i % rounds === r)
    for (let j = 0; j < names.length; j++) {
      const name = names[(j + r) % names.length]!
      let got: Samples
      if (name === 'v8-detect') {
        got = { wall: [], engine: [] }
        for (const t of chunk) {
          const start = performance.now()
          native(t)
          got.wall.push(performance.now() - start)
        }
      } else {
        const v = timed[name as keyof typeof timed]!
        got = await sampleVariant(sandbox, v.code, v.reuseKey, chunk, params, paramsJson)
      }
      const all = (samples[name] ??= { wall: [], engine: [] })
      all.wall.push(...got.wall)
      all.engine.push(...got.engine)
      const means = (roundMeans[name] ??= { wall: [], engine: [] })
      means.wall.push(meanOf(got.wall).ms)
      if (got.engine.length > 0) means.engine.push(meanOf(got.engine).ms)
    }
  }
  const refRounds = roundMeans['v8-detect']!.wall
  const ratioOf = (perRound: readonly number[]) =>
    spreadOf(perRound.map((m, i) => m / refRounds[i]!)).median
  const reference = meanOf(samples['v8-detect']!.wall)
  const rows: BenchVariant[] = [
    { name: 'v8-detect', ...reference, ratio: 1, spread: spreadOf(refRounds), rounds },
  ]
  const row = (name: string, ms: number, rme = 0): BenchVariant => ({
    name,
    ms,
    ratio: ms / reference.ms,
    rme,
  })
  for (const name of Object.keys(timed)) {
    const wall = [...samples[name]!.wall].sort((a, b) => a - b)
    const engine = [...samples[name]!.engine].sort((a, b) => a - b)
    const mean = meanOf(wall)
    const engineMean = meanOf(engine)
    rows.push(
      {
        ...row(name, mean.ms, mean.rme),
        ratio: ratioOf(roundMeans[name]!.wall),
        spread: spreadOf(roundMeans[name]!.wall),
        rounds,
      },
      row(`${name} p50`, percentile(wall, 0.5)),
      row(`${name} p99`, percentile(wall, 0.99)),
      {
        ...row(`${name} (engine)`, engineMean.ms, engineMean.rme),
        ratio: ratioOf(roundMeans[name]!.engine),
      },
      row(`${name} (engine) p50`, percentile(engine, 0.5)),
      row(`${name} (engine) p99`, percentile(engine, 0.99)),
    )
  }
  const report: BenchSuiteReport = {
    suite: `coffee-trigger/1-new-message`,
    reference: 'v8-detect',
    variants: rows,
  }
  return [report]
}
