/**
 * The sandbox Worker's message loop, platform neutral: a platform adapter hands it a port and a way
 * to load the QuickJS wasm. It owns the engines, runs one job at a time and answers each with a
 * result message. It holds no host objects: only the bytes and columns each job brings.
 */

import type { WorkerRequest, WorkerResponse } from './_protocol.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import { QuickJSEngine, type GuestOutcome } from './quickjs/engine.ts'
import { WasmEngine } from './wasm/engine.ts'

/** The worker side of a message channel. */
export interface WorkerPort {
  post(message: WorkerResponse): void
  onMessage(handler: (message: WorkerRequest) => void): void
}

/** Starts serving jobs on `port`; resolves once the engine is ready and `ready` was posted. */
export async function serveSandbox(
  port: WorkerPort,
  loadQuickJSWasm: () => Promise<WebAssembly.Module>,
): Promise<void> {
  const quickjs = new QuickJSEngine(await loadQuickJSWasm())
  quickjs.prepare(DEFAULT_LIMITS.memoryBytes)
  const wasm = new WasmEngine()
  let queue = Promise.resolve()
  port.onMessage((message) => {
    if (message.type !== 'run') return
    queue = queue.then(async () => {
      let outcome: GuestOutcome
      try {
        outcome =
          message.job.engine === 'quickjs'
            ? await quickjs.run(message.job)
            : message.job.engine === 'wasm'
              ? await wasm.run(message.job)
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
      port.post({ type: 'result', id: message.id, ...outcome })
    })
  })
  port.post({ type: 'ready' })
}
