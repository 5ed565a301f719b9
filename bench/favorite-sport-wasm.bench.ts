/**
 * favourite-sport over 100k activities in the wasm engine, against native V8 and the QuickJS
 * kernel path, after checking all three agree:
 *
 * - v8-rows (reference): native V8 over an array of row objects
 * - quickjs-kernel: the JavaScript reference module, whose scan is one native group-sum kernel
 * - wasm: the AssemblyScript module (algorithms/favorite-sport-wasm/assembly), its own loop over the
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
import { interleave, sandboxVariant, variantsFrom, type BenchFn } from './_timing.ts'
import { makeActivities, NOW, v8Rows } from './favorite-sport.bench.ts'

const N = 100_000
const moduleDir = fileURLToPath(new URL('../algorithms/favorite-sport/', import.meta.url))

export const run: BenchFile = async ({ quick }) => {
  const rows = makeActivities(N)
  const frame = frameFromRecords(
    collectionLayout('activities'),
    rows,
    ['startedAt', 'sport', 'durationSec'],
    -Infinity,
    Infinity,
  )
  const wasm = await compileAssemblyScript(
    join(moduleDir, '../favorite-sport-wasm/assembly/index.ts'),
    {
      cacheDir: join(tmpdir(), 'sealpost-wasm-cache'),
    },
  )
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

  const timed: Record<string, BenchFn> = { 'v8-rows': () => void v8Rows(rows) }
  for (const [name, job] of Object.entries(jobs)) timed[name] = sandboxVariant(sandbox, job)
  const variants = variantsFrom(await interleave(timed, { quick }), 'v8-rows')
  const report: BenchSuiteReport = {
    suite: `favorite-sport-wasm/${N / 1000}k`,
    reference: 'v8-rows',
    variants,
  }
  return [report]
}
