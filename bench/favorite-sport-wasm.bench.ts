/**
 * favourite-sport over 100k activities in the wasm engine, against native V8 and the QuickJS
 * kernel path, after checking all three agree:
 *
 * - v8-rows (reference): native V8 over an array of row objects
 * - quickjs-kernel: the JavaScript reference module, whose scan is one native group-sum kernel
 * - wasm: the AssemblyScript module (algorithms/favorite-sport/assembly), its own loop over the
 *   columns copied into linear memory
 *
 * Sandbox variants are timed end to end (`sandbox.run`: the message to the worker with the frame,
 * a fresh instance, the columns copied in, the guest, the output back) and by engine time (the
 * same minus the Worker messaging). The wasm module is compiled once (-O3) and cached in the
 * system's temp folder, keyed by its sources.
 */

import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSandbox, DEFAULT_LIMITS, frameFromRecords } from '../sandbox/index.ts'
import type { GuestJob } from '../sandbox/index.ts'
import { compileAssemblyScript } from '../sandbox/wasm/compile.ts'
import { collectionLayout } from '../runtime/collections.ts'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import { timeSandbox, timeSync, variantsOf, type SandboxTiming } from './_timing.ts'
import { makeActivities } from './favorite-sport.bench.ts'

const N = 100_000
const HALF_LIFE_MS = 180 * 24 * 3600 * 1000
const NOW = Date.UTC(2026, 10, 1)
const KNOWN = ['running', 'cycling', 'swimming', 'walking', 'hiking', 'yoga', 'strength']
const moduleDir = fileURLToPath(new URL('../algorithms/favorite-sport/', import.meta.url))

/** The reference module's normalisation, in plain JS. */
function normalize(name: string): string {
  const s = name.toLowerCase()
  if (s.includes('run') || s === 'jogging') return 'running'
  if (s.includes('cycl') || s.includes('bik') || s === 'ride') return 'cycling'
  if (s.includes('swim')) return 'swimming'
  if (s.includes('walk')) return 'walking'
  if (s.includes('hik')) return 'hiking'
  if (s.includes('yoga')) return 'yoga'
  if (s.includes('strength') || s.includes('weight') || s.includes('gym')) return 'strength'
  return KNOWN.includes(s) ? s : 'other'
}

/** The partner's algorithm as plain V8 code over row objects: the reference. */
function v8Rows(rows: readonly Record<string, unknown>[]): string {
  const k = Math.LN2 / HALF_LIFE_MS
  const bySport: Record<string, number> = {}
  for (const r of rows) {
    const w = Math.exp(-k * Math.max(0, NOW - (r.startedAt as number)))
    const sport = r.sport as string
    bySport[sport] = (bySport[sport] ?? 0) + (r.durationSec as number) * w
  }
  const totals: Record<string, number> = {}
  for (const [sport, v] of Object.entries(bySport)) {
    const key = normalize(sport)
    totals[key] = (totals[key] ?? 0) + v
  }
  let best = 'none'
  let bestV = 0
  for (const key of Object.keys(totals).sort()) {
    if (totals[key]! > bestV) {
      best = key
      bestV = totals[key]!
    }
  }
  return best
}

export const run: BenchFile = async ({ quick }) => {
  const rows = makeActivities(N)
  const frame = frameFromRecords(
    collectionLayout('activities'),
    rows,
    ['startedAt', 'sport', 'durationSec'],
    -Infinity,
    Infinity,
  )
  const wasm = await compileAssemblyScript(join(moduleDir, 'assembly/index.ts'), {
    cacheDir: join(tmpdir(), 'sealpost-wasm-cache'),
  })
  const limits = { ...DEFAULT_LIMITS, deadlineMs: 60_000 }
  const base = { frames: [frame], now: NOW, params: null, limits }
  const jobs: Record<string, GuestJob> = {
    'quickjs-kernel': {
      ...base,
      engine: 'quickjs',
      code: readFileSync(join(moduleDir, 'index.js'), 'utf8'),
      reuseKey: 'quickjs-kernel',
    },
    wasm: { ...base, engine: 'wasm', code: wasm },
  }

  await using sandbox = createSandbox()
  await sandbox.warmUp()
  // Every variant must give the same answer before anything is timed.
  const expected = v8Rows(rows)
  for (const [name, job] of Object.entries(jobs)) {
    const r = await sandbox.run(job, { transfer: false })
    if (!r.ok) throw r.error
    const answer = (JSON.parse(r.output) as { favoriteSport: string }).favoriteSport
    if (answer !== expected) throw new Error(`${name} answered ${answer}, v8-rows ${expected}`)
  }

  const opts = { quick }
  const timings: Record<string, SandboxTiming> = {
    'v8-rows': timeSync('v8-rows', () => void v8Rows(rows), opts),
  }
  for (const [name, job] of Object.entries(jobs)) {
    timings[name] = await timeSandbox(sandbox, name, job, opts)
  }
  const variants = variantsOf(timings, 'v8-rows')
  const report: BenchSuiteReport = {
    suite: `favorite-sport-wasm/${N / 1000}k`,
    reference: 'v8-rows',
    variants,
  }
  return [report]
}
