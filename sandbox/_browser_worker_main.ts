/**
 * Browser worker side of the sandbox: wires the Worker's own message port and a `fetch` of the
 * QuickJS wasm (its URL resolved by Vite at build time) into the platform-neutral loop. This
 * Worker holds no privileged object: no vault, no keys, no comlink endpoint, only the jobs it is sent.
 */

import quickjsWasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url'
import { serveSandbox } from './worker_main.ts'
import { quickJSBuild, type QuickJSBuild } from './quickjs/_build.ts'
import type { WorkerRequest, WorkerResponse } from './_protocol.ts'

/** Compiles the QuickJS RELEASE_SYNC wasm (its bytes also give the layout snapshots rely on). */
async function loadQuickJSWasmBrowser(): Promise<QuickJSBuild> {
  const response = await fetch(quickjsWasmUrl)
  if (!response.ok) throw new Error(`the QuickJS engine did not load (HTTP ${response.status})`)
  return quickJSBuild(new Uint8Array(await response.arrayBuffer()))
}

await serveSandbox(
  {
    post: (message: WorkerResponse) => self.postMessage(message),
    onMessage: (handler) =>
      self.addEventListener('message', (e: MessageEvent<WorkerRequest>) => handler(e.data)),
  },
  loadQuickJSWasmBrowser,
)
