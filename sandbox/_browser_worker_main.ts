/**
 * Browser worker side of the sandbox: wires the Worker's own message port and a `fetch` of the
 * QuickJS wasm (its URL resolved by Vite at build time) into the platform-neutral loop. This
 * Worker holds no privileged object: no vault, no keys, no comlink endpoint, only the jobs it is sent.
 */

import quickjsWasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url'
import { serveSandbox } from './worker_main.ts'
import type { WorkerRequest, WorkerResponse } from './_protocol.ts'

/** Compiles the QuickJS RELEASE_SYNC wasm while it downloads (plain compile if the server's type is off). */
async function loadQuickJSWasmBrowser(): Promise<WebAssembly.Module> {
  const response = await fetch(quickjsWasmUrl)
  if (!response.ok) throw new Error(`the QuickJS engine did not load (HTTP ${response.status})`)
  if (response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response)
  }
  return WebAssembly.compile(await response.arrayBuffer())
}

await serveSandbox(
  {
    post: (message: WorkerResponse) => self.postMessage(message),
    onMessage: (handler) =>
      self.addEventListener('message', (e: MessageEvent<WorkerRequest>) => handler(e.data)),
  },
  loadQuickJSWasmBrowser,
)
