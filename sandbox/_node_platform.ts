/**
 * Everything Node-specific about the sandbox, in one adapter: spawning the Worker with
 * `worker_threads` (host side) and loading the QuickJS wasm from node_modules (worker side).
 * A browser adapter provides the same two things with `new Worker(url, { type: 'module' })` and
 * `fetch`.
 */

import { Worker } from 'node:worker_threads'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { HostWorker } from './_protocol.ts'
import { quickJSBuild, type QuickJSBuild } from './quickjs/_build.ts'

/**
 * Bounds of the worker's own V8 heap (kernels, message buffers; guests live in bounded wasm
 * memory). With them, a worker that runs out of heap is terminated with ERR_WORKER_OUT_OF_MEMORY
 * and the host sees a crashed sandbox; without them V8 would abort the whole process.
 */
export const WORKER_RESOURCE_LIMITS = Object.freeze({
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 64,
  codeRangeSizeMb: 64,
  stackSizeMb: 4,
})

/**
 * The Worker's entry. Compiled (the published package), it is the worker's main module itself: no
 * TypeScript loader in the Worker. From the TypeScript sources (development), a small entry
 * registers tsx first.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./_node_worker_entry.js', import.meta.url)
  : new URL('./_node_worker_main.js', import.meta.url)

/** Spawns a sandbox Worker thread. */
export function spawnNodeWorker(): HostWorker {
  return hostWorker(
    new Worker(WORKER_ENTRY, {
      resourceLimits: { ...WORKER_RESOURCE_LIMITS },
      // The guest must not inherit the host's environment or stdin.
      env: {},
      stdin: false,
    }),
  )
}

/** The host's handle on a `worker_threads` Worker (exported for tests that bring their own). */
export function hostWorker(worker: Worker): HostWorker {
  worker.unref()
  let exitHandler: ((reason: string) => void) | undefined
  let exited = false
  const exit = (reason: string): void => {
    if (exited) return
    exited = true
    exitHandler?.(reason)
  }
  worker.on('error', (e) => exit(e instanceof Error ? e.message : String(e)))
  worker.on('exit', (code) => exit(`worker exited with code ${code}`))
  return {
    post: (message, transfer) => worker.postMessage(message, transfer as ArrayBuffer[]),
    onMessage: (handler) => {
      worker.on('message', handler)
    },
    onExit: (handler) => {
      exitHandler = handler
    },
    terminate: async () => {
      exited = true
      await worker.terminate()
    },
  }
}

/** Compiles the QuickJS RELEASE_SYNC wasm shipped in node_modules. */
export async function loadQuickJSWasmNode(): Promise<QuickJSBuild> {
  const require = createRequire(import.meta.url)
  const path = require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')
  return quickJSBuild(await readFile(path))
}

/**
 * The Worker's garbage collector, for freeing a large view's buffers right after its run
 * (`serveSandbox`). Node has no API for it: the V8 flag that exposes `gc` is set just long enough
 * to read the function from a new context, then unset, so no later context of the process sees a
 * `gc` global. Undefined where that does not work.
 */
export function collectorNode(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? () => void gc() : undefined
  } catch {
    return undefined
  } finally {
    setFlagsFromString('--no-expose-gc')
  }
}
