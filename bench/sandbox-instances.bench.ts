/**
 * What a sandbox instance costs per run (docs/sandbox-instances.md), interleaved with references
 * measured in the same rounds:
 *
 * sandbox-instances/empty-module, against `worker-echo` (the same job posted to a bare Worker that
 * answers at once: the messaging floor every run pays):
 * - quickjs-restored: a module that returns at once, with a reuse key: the run starts from the
 *   bundle's pristine snapshot, which is restored after the answer is posted
 * - quickjs-fresh: the same without a reuse key: a fresh instance (the warm spare), the prelude
 *   and the module evaluated, the instance dropped
 * - restore (in-process): one restore of that snapshot alone, in this thread
 *
 * sandbox-instances/wasm-memory/100k, against `v8-rows`: favourite-sport-wasm in the engine in this
 * thread (no Worker), its column copy and loop, with the Worker's pooled memory (zeroed after each
 * run, the zeroing timed too) and with a fresh `WebAssembly.Memory` per run.
 */

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { createSandbox, DEFAULT_LIMITS, frameFromRecords } from '../sandbox/index.ts'
import type { GuestJob } from '../sandbox/index.ts'
import { QuickJSEngine } from '../sandbox/quickjs/engine.ts'
import { quickJSBuild } from '../sandbox/quickjs/_build.ts'
import { WasmEngine } from '../sandbox/wasm/engine.ts'
import { compileAssemblyScript } from '../sandbox/wasm/compile.ts'
import { collectionLayout } from '../runtime/collections.ts'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import { interleave, sandboxVariant, variantsFrom } from './_timing.ts'
import { makeActivities, NOW, v8Rows } from './favorite-sport.bench.ts'

const EMPTY = 'export function analyze() { return { triggered: false, shopId: null } }'
const N = 100_000

/** A Worker that answers every job with a result at once, as the sandbox Worker's protocol does. */
function echoWorker(): { run(job: GuestJob): Promise<void>; terminate(): Promise<number> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads')
     parentPort.on('message', (m) => {
       parentPort.postMessage({ type: 'started', id: m.id })
       parentPort.postMessage({ type: 'result', id: m.id, ok: true, output: '{}' })
     })`,
    { eval: true },
  )
  let next = 1
  const waiting = new Map<number, () => void>()
  worker.on('message', (m: { type: string; id: number }) => {
    if (m.type === 'result') waiting.get(m.id)?.()
  })
  return {
    run: (job) =>
      new Promise<void>((resolve) => {
        const id = next++
        waiting.set(id, () => {
          waiting.delete(id)
          resolve()
        })
        worker.postMessage({ type: 'run', id, job })
      }),
    terminate: () => worker.terminate(),
  }
}

async function emptyModule(quick: boolean): Promise<BenchSuiteReport> {
  const params = JSON.parse(
    readFileSync(new URL('../algorithms/coffee-trigger/lexicon.json', import.meta.url), 'utf8'),
  ) as unknown
  const job = (reuseKey: string | undefined): GuestJob => ({
    engine: 'quickjs',
    code: EMPTY,
    frames: [],
    now: 0,
    params,
    limits: DEFAULT_LIMITS,
    reuseKey,
  })
  await using sandbox = createSandbox()
  await sandbox.warmUp()
  const echo = echoWorker()
  // The restore alone, on an engine in this thread.
  const require = createRequire(import.meta.url)
  const build = await quickJSBuild(
    new Uint8Array(readFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'))),
  )
  const local = new QuickJSEngine(build.module, { image: build.image })
  const first = await local.run(job('bench'))
  const kept = local.pristineMemory(
    `bench\n${DEFAULT_LIMITS.memoryBytes}/${DEFAULT_LIMITS.stackBytes}`,
  )
  if (!first.ok || !kept) throw new Error('sandbox-instances: no snapshot was kept')
  // Both sandbox variants must answer as the module does before anything is timed.
  for (const key of ['bench', undefined]) {
    const r = await sandbox.run(job(key), { transfer: false })
    if (!r.ok || r.output !== first.output) throw new Error('sandbox-instances: answers differ')
  }
  try {
    const measured = await interleave(
      {
        'worker-echo': () => echo.run(job('bench')),
        'quickjs-restored': sandboxVariant(sandbox, job('bench')),
        'quickjs-fresh': sandboxVariant(sandbox, job(undefined)),
        'restore (in-process)': () => {
          if (!kept.snapshot.restore(kept.memory)) throw new Error('restore refused')
        },
      },
      { quick },
    )
    return {
      suite: 'sandbox-instances/empty-module',
      reference: 'worker-echo',
      variants: variantsFrom(measured, 'worker-echo'),
      notes: [
        `snapshot: ${(kept.snapshot.storedBytes / 1024).toFixed(0)} KiB stored, ${(kept.snapshot.restoredBytes / 1024).toFixed(0)} KiB of regions written per restore`,
      ],
    }
  } finally {
    await echo.terminate()
  }
}

async function wasmMemory(quick: boolean): Promise<BenchSuiteReport> {
  const rows = makeActivities(N)
  const frame = frameFromRecords(
    collectionLayout('activities'),
    rows,
    ['startedAt', 'sport', 'durationSec'],
    -Infinity,
    Infinity,
  )
  const code = await compileAssemblyScript(
    new URL('../algorithms/favorite-sport-wasm/assembly/index.ts', import.meta.url).pathname,
    { cacheDir: join(tmpdir(), 'sealpost-wasm-cache') },
  )
  const job: GuestJob = {
    engine: 'wasm',
    code,
    frames: [frame],
    now: NOW,
    params: null,
    limits: { ...DEFAULT_LIMITS, deadlineMs: 60_000 },
  }
  const pooled = new WasmEngine()
  const fresh = new WasmEngine({ maxPooledBytes: 0 })
  const expected = v8Rows(rows)
  for (const engine of [pooled, fresh]) {
    const r = await engine.run(job)
    const answer = r.ok && (JSON.parse(r.output) as { favoriteSport: string }).favoriteSport
    if (answer !== expected) throw new Error(`sandbox-instances: wasm answered ${answer}`)
  }
  const variant = (engine: WasmEngine) => async () => {
    const r = await engine.run(job)
    engine.tidy()
    if (!r.ok) throw new Error(r.error.message)
  }
  const measured = await interleave(
    {
      'v8-rows': () => void v8Rows(rows),
      'wasm-pooled-memory': variant(pooled),
      'wasm-fresh-memory': variant(fresh),
    },
    { quick },
  )
  return {
    suite: `sandbox-instances/wasm-memory/${N / 1000}k`,
    reference: 'v8-rows',
    variants: variantsFrom(measured, 'v8-rows'),
  }
}

export const run: BenchFile = async ({ quick }) => [
  await emptyModule(quick),
  await wasmMemory(quick),
]
