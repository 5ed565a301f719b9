/**
 * favourite-sport over 10k and 100k activities, five ways, after checking all five agree:
 *
 * - v8-rows (reference): native V8 over an array of row objects, the way a partner would write it
 *   without sealpost
 * - quickjs-columnar: the same loop inside the sandbox over the typed-array columns
 * - quickjs-json (naive): the rows as one JSON string parsed inside QuickJS, then the same loop
 * - quickjs-kernel: the reference module, whose scan is one native group-sum kernel call
 * - v8-columnar (for information): native V8 over the typed-array columns
 *
 * - quickjs-kernel-cloned (for information): the kernel path with the columns copied to the Worker
 *   by the structured clone instead of moved
 * - kernel-alone and quickjs-empty (for information): where the kernel path's time goes — the
 *   group-sum kernel called directly in this thread, and a module that answers at once, its frame
 *   moved to the Worker all the same (messaging, transfer, restored instance, output)
 *
 * Sandbox variants are timed end to end (`sandbox.run`: message to the worker, the bundle's
 * restored instance, the guest, the output back) and by engine time (the same minus the Worker
 * messaging). As in the pipeline, their frames' buffers are moved to the Worker, not copied: each
 * call gets its own copy of the frame, made before the clock starts, just as the reference's rows
 * are made once before it. Neither side times building its input (the view, the row objects).
 */

import { readFileSync } from 'node:fs'
import { createSandbox, DEFAULT_LIMITS, frameFromRecords, groupSum } from '../sandbox/index.ts'
import type { GuestJob } from '../sandbox/index.ts'
import { collectionLayout } from '../runtime/collections.ts'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import {
  interleave,
  sandboxTransferVariant,
  sandboxVariant,
  variantsFrom,
  type Variant,
} from './_timing.ts'

const HALF_LIFE_MS = 180 * 24 * 3600 * 1000
/** The runs' logical time. */
export const NOW = Date.UTC(2026, 10, 1)
const SPORTS = ['running', 'Trail Running', 'cycling', 'swimming', 'walking', 'yoga', 'hiking']

/** Deterministic activities: running dominates recent months, cycling older ones. */
export function makeActivities(n: number, seed = 7): Record<string, unknown>[] {
  let s = seed >>> 0
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const span = 700 * 24 * 3600 * 1000
  return Array.from({ length: n }, (_, i) => {
    const age = rand() * span
    const sport =
      age < span / 3 && rand() < 0.5 ? 'running' : SPORTS[Math.floor(rand() * SPORTS.length)]!
    return {
      id: `a${i}`,
      startedAt: Math.round(NOW - age),
      sport,
      durationSec: Math.round(900 + rand() * 5400),
    }
  })
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((r) => ({ ...r })) // allocated in time order, as a loader would, so the reference is not penalised by cache misses
}

/** The partner's algorithm in plain JS, shared by the V8 variants (same as the module's). */
function normalize(name: string): string {
  const s = name.toLowerCase()
  if (s.includes('run') || s === 'jogging') return 'running'
  if (s.includes('cycl') || s.includes('bik') || s === 'ride') return 'cycling'
  if (s.includes('swim')) return 'swimming'
  if (s.includes('walk')) return 'walking'
  if (s.includes('hik')) return 'hiking'
  if (s.includes('yoga')) return 'yoga'
  if (s.includes('strength') || s.includes('weight') || s.includes('gym')) return 'strength'
  return 'other'
}

function pick(bySport: Record<string, number>): string {
  const totals: Record<string, number> = {}
  for (const [sport, v] of Object.entries(bySport)) {
    const k = normalize(sport)
    totals[k] = (totals[k] ?? 0) + v
  }
  let best = 'none'
  let bestV = 0
  for (const k of Object.keys(totals).sort()) {
    if (totals[k]! > bestV) {
      best = k
      bestV = totals[k]!
    }
  }
  return best
}

/** The partner's algorithm as plain V8 code over row objects: the reference. */
export function v8Rows(rows: readonly Record<string, unknown>[]): string {
  const k = Math.LN2 / HALF_LIFE_MS
  const by: Record<string, number> = {}
  for (const r of rows) {
    // Rows never lie after NOW (the view ends at the run's time), so the age needs no clamp.
    const w = Math.exp(k * ((r.startedAt as number) - NOW))
    const sport = r.sport as string
    by[sport] = (by[sport] ?? 0) + (r.durationSec as number) * w
  }
  return pick(by)
}

function v8Columnar(
  t: Float64Array,
  d: Float64Array,
  codes: Int32Array,
  dict: readonly string[],
): string {
  const k = Math.LN2 / HALF_LIFE_MS
  const sums = new Float64Array(dict.length)
  for (let i = 0; i < t.length; i++) {
    sums[codes[i]!] = sums[codes[i]!]! + d[i]! * Math.exp(k * (t[i]! - NOW))
  }
  const by: Record<string, number> = {}
  dict.forEach((name, c) => (by[name] = sums[c]!))
  return pick(by)
}

const GUEST_PICK = `
const KNOWN = ['running', 'cycling', 'swimming', 'walking', 'hiking', 'yoga']
function normalize(name) {
  const s = name.toLowerCase()
  if (s.includes('run') || s === 'jogging') return 'running'
  if (s.includes('cycl') || s.includes('bik') || s === 'ride') return 'cycling'
  if (s.includes('swim')) return 'swimming'
  if (s.includes('walk')) return 'walking'
  if (s.includes('hik')) return 'hiking'
  if (s.includes('yoga')) return 'yoga'
  return 'other'
}
function pick(bySport) {
  const totals = {}
  for (const [sport, v] of Object.entries(bySport)) {
    const k = normalize(sport)
    totals[k] = (totals[k] || 0) + v
  }
  let best = 'none', bestV = 0
  for (const k of Object.keys(totals).sort()) if (totals[k] > bestV) { best = k; bestV = totals[k] }
  return best
}
const HALF = ${HALF_LIFE_MS}
`

const GUEST_COLUMNAR = `${GUEST_PICK}
export function analyze(input) {
  const a = input.collections.activities
  const t = a.num('startedAt'), d = a.num('durationSec'), codes = a.codes('sport'), dict = a.dict('sport')
  const k = Math.LN2 / HALF, now = input.now, exp = Math.exp, n = a.length
  const sums = new Float64Array(dict.length)
  for (let i = 0; i < n; i++) sums[codes[i]] += d[i] * exp(k * (t[i] - now))
  const by = {}
  dict.forEach((name, c) => { by[name] = sums[c] })
  return { favoriteSport: pick(by) }
}`

const GUEST_JSON = `${GUEST_PICK}
export function analyze(input) {
  const rows = JSON.parse(input.params.rows)
  const k = Math.LN2 / HALF, now = input.now
  const by = {}
  for (const r of rows) {
    const w = Math.exp(k * (r.startedAt - now))
    by[r.sport] = (by[r.sport] || 0) + r.durationSec * w
  }
  return { favoriteSport: pick(by) }
}`

const moduleSource = readFileSync(
  new URL('../algorithms/favorite-sport/index.js', import.meta.url),
  'utf8',
)

async function suite(n: number, quick: boolean): Promise<BenchSuiteReport> {
  const rows = makeActivities(n)
  const layout = collectionLayout('activities')
  const frame = frameFromRecords(
    layout,
    rows,
    ['startedAt', 'sport', 'durationSec'],
    -Infinity,
    Infinity,
  )
  const t = frame.columns.startedAt!
  const d = frame.columns.durationSec!
  const s = frame.columns.sport!
  if (t.kind !== 'time' || d.kind !== 'number' || s.kind !== 'category')
    throw new Error('bad frame')
  const limits = { ...DEFAULT_LIMITS, deadlineMs: 60_000 }
  const rowsJson = JSON.stringify(
    rows.map(({ startedAt, sport, durationSec }) => ({ startedAt, sport, durationSec })),
  )
  const jobs: Record<string, GuestJob> = {
    'quickjs-columnar': {
      engine: 'quickjs',
      code: GUEST_COLUMNAR,
      frames: [frame],
      now: NOW,
      params: null,
      limits,
    },
    'quickjs-json': {
      engine: 'quickjs',
      code: GUEST_JSON,
      frames: [],
      now: NOW,
      params: { rows: rowsJson },
      limits,
    },
    'quickjs-kernel': {
      engine: 'quickjs',
      code: moduleSource,
      frames: [frame],
      now: NOW,
      params: null,
      limits,
    },
  }

  await using sandbox = createSandbox()
  await sandbox.warmUp()
  // Every variant must give the same answer before anything is timed.
  const expected = v8Rows(rows)
  const answers: Record<string, string> = {
    'v8-rows': expected,
    'v8-columnar': v8Columnar(t.values, d.values, s.codes, s.dictionary),
  }
  for (const [name, job] of Object.entries(jobs)) {
    // As the pipeline does: runs of one bundle may reuse its engine instance.
    jobs[name] = { ...job, reuseKey: name }
  }
  for (const [name, job] of Object.entries(jobs)) {
    const r = await sandbox.run(job, { transfer: false })
    if (!r.ok) throw r.error
    answers[name] = (JSON.parse(r.output) as { favoriteSport: string }).favoriteSport
  }
  for (const [name, answer] of Object.entries(answers)) {
    if (answer !== expected) throw new Error(`${name} answered ${answer}, v8-rows ${expected}`)
  }

  const timed: Record<string, Variant> = {
    'v8-rows': () => void v8Rows(rows),
    'v8-columnar': () => void v8Columnar(t.values, d.values, s.codes, s.dictionary),
  }
  for (const [name, job] of Object.entries(jobs)) {
    if (quick && name === 'quickjs-json' && n > 10_000) continue
    timed[name] = sandboxTransferVariant(sandbox, job)
  }
  timed['quickjs-kernel-cloned'] = sandboxVariant(sandbox, jobs['quickjs-kernel']!)
  const decay = { decay: { halfLifeMs: HALF_LIFE_MS, now: NOW } }
  timed['kernel-alone'] = () => void groupSum(frame, 'sport', 'durationSec', decay)
  timed['quickjs-empty'] = sandboxTransferVariant(sandbox, {
    ...jobs['quickjs-kernel']!,
    code: `export function analyze() { return { favoriteSport: ${JSON.stringify(expected)} } }`,
    reuseKey: 'quickjs-empty',
  })
  const variants = variantsFrom(await interleave(timed, { quick }), 'v8-rows')
  return { suite: `favorite-sport/${n / 1000}k`, reference: 'v8-rows', variants }
}

export const run: BenchFile = async ({ quick }) => {
  const sizes = quick ? [100_000] : [10_000, 100_000]
  const reports: BenchSuiteReport[] = []
  for (const n of sizes) reports.push(await suite(n, quick))
  return reports
}
