/**
 * The sandbox Worker's message loop, platform neutral: a platform adapter hands it a port and a way
 * to load the QuickJS wasm. It owns the engines, runs one job at a time and answers each with a
 * result message. It holds no host objects: only the bytes and columns each job brings.
 */

import {
  frameBuffers,
  type GuestJob,
  type WorkerRequest,
  type WorkerResponse,
} from './_protocol.ts'
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

/**
 * Runs that leave at least this many bytes of garbage (their frames, an engine instance's memory
 * they grew and that was dropped) are followed by a garbage collection, where the platform offers
 * one: a full collection of the Worker's small heap costs a few ms, against a run over tens of MiB
 * that takes hundreds.
 */
export const COLLECT_AFTER_BYTES = 16 << 20

/** Bytes of a job's column buffers. */
function frameBytes(frames: GuestJob['frames']): number {
  let n = 0
  for (const buffer of frameBuffers(frames)) n += buffer.byteLength
  return n
}

/**
 * A run's `started` and `stopped` callbacks, made where the job is not in scope: an engine keeps
 * them for the run, and a closure that could reach the job would keep its frames alive.
 */
function runCallbacks(
  port: WorkerPort,
  id: number,
  shared: SharedArrayBuffer | undefined,
): { started: () => void; stopped: (() => void) | undefined } {
  const flag = shared && new Int32Array(shared)
  return {
    started: () => port.post({ type: 'started', id }),
    stopped: flag ? () => void Atomics.store(flag, 0, 1) : undefined,
  }
}

/** Starts serving jobs on `port`; resolves once the engine is ready and `ready` was posted. */
export async function serveSandbox(
  port: WorkerPort,
  loadQuickJSWasm: () => Promise<QuickJSBuild>,
  collectGarbage?: () => void,
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
    const id = message.id
    const { started, stopped } = runCallbacks(port, id, message.stopped)
    const bytes = frameBytes(message.job.frames)
    queue = queue.then(async () => {
      const releasedBefore = quickjs.counters.releasedBytes
      let outcome: GuestOutcome
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
      port.post({ type: 'result', id, ...outcome })
      // Restoring the bundle's pristine snapshot and zeroing the pooled wasm memory happen after
      // the answer is on its way.
      quickjs.tidy()
      wasm.tidy()
      // A large view's buffers are garbage now, but the Worker allocates little between runs, so
      // its collector could leave them until the next view has arrived beside them.
      // From a timer: this handler's scope still reaches the job until it returns.
      const released = bytes + quickjs.counters.releasedBytes - releasedBefore
      if (collectGarbage && released >= COLLECT_AFTER_BYTES) setTimeout(collectGarbage, 0)
    })
  })
  port.post({ type: 'ready' })
}
