/**
 * The sandbox Worker's message loop, platform neutral: a platform adapter hands it a port and a way
 * to load the QuickJS wasm. It owns the engines, runs one job at a time and answers each with a
 * result message. It holds no host objects: only the bytes and columns each job brings.
 */

import type { GuestJob, WorkerRequest, WorkerResponse } from './_protocol.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import { QuickJSEngine, type GuestOutcome } from './quickjs/engine.ts'
import { WasmEngine } from './wasm/engine.ts'
import type { QuickJSBuild } from './quickjs/_build.ts'

const WARM_UP_JOB: GuestJob = {
  engine: 'quickjs',
  code: `export async function analyze(input) {
    const a = input.collections.warmup, t = a.num('t'), c = a.codes('c')
    let s = 0
    for (let i = 0; i < a.length; i++) s += t[i] * (c[i] + 1)
    const o = { s, g: a.groupSum('c', 't'), k: a.topK('c', 1), rows: [...a.rows()].length, m: new Map([[1, 2]]) }
    await null
    return JSON.parse(JSON.stringify(o)).s > 0 && /x+/.test('xx') && 'done'.padStart(5)
  }`,
  frames: [
    {
      collection: 'warmup',
      length: 4,
      columns: {
        t: { kind: 'time', values: new Float64Array([1, 2, 3, 4]) },
        c: { kind: 'category', codes: new Int32Array([0, 1, 0, 1]), dictionary: ['a', 'b'] },
      },
    },
  ],
  now: 0,
  params: null,
  limits: DEFAULT_LIMITS,
  reuseKey: 'sealpost/warm-up',
}

/** The worker side of a message channel. */
export interface WorkerPort {
  post(message: WorkerResponse): void
  onMessage(handler: (message: WorkerRequest) => void): void
}

/** Starts serving jobs on `port`; resolves once the engine is ready and `ready` was posted. */
export async function serveSandbox(
  port: WorkerPort,
  loadQuickJSWasm: () => Promise<QuickJSBuild>,
): Promise<void> {
  const build = await loadQuickJSWasm()
  const quickjs = new QuickJSEngine(build.module, { image: build.image })
  // The engine's wasm code compiles lazily, function by function, on first use: a first real run
  // would pay hundreds of ms for it. One throwaway run before `ready` pays it at start-up instead,
  // through the snapshot path (calibration, snapshot, restore) that keyed runs take.
  await quickjs.run(WARM_UP_JOB)
  quickjs.prepare(DEFAULT_LIMITS.memoryBytes)
  const wasm = new WasmEngine()
  let queue = Promise.resolve()
  port.onMessage((message) => {
    if (message.type !== 'run') return
    queue = queue.then(async () => {
      let outcome: GuestOutcome
      const started = (): void => port.post({ type: 'started', id: message.id })
      const flag = message.stopped && new Int32Array(message.stopped)
      const stopped = flag ? (): void => void Atomics.store(flag, 0, 1) : undefined
      try {
        outcome =
          message.job.engine === 'quickjs'
            ? await quickjs.run(message.job, started, stopped)
            : message.job.engine === 'wasm'
              ? await wasm.run(message.job, started)
              : {
                  ok: false,
                  error: {
                    code: 'SEALPOST_MODULE_REJECTED',
                    message: `unknown engine '${message.job.engine}'`,
                  },
                }
      } catch (e) {
        outcome = {
          ok: false,
          error: {
            code: 'SEALPOST_SANDBOX_CRASH',
            message: e instanceof Error ? e.message : String(e),
          },
        }
      }
      stopped?.()
      port.post({ type: 'result', id: message.id, ...outcome })
      // Restoring the bundle's pristine snapshot and zeroing the pooled wasm memory happen after
      // the answer is on its way.
      quickjs.tidy()
      wasm.tidy()
    })
  })
  port.post({ type: 'ready' })
}
