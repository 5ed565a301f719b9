/**
 * Everything browser-specific about the sandbox on the host side: the Worker is a module Worker
 * (`new Worker(url, { type: 'module' })`), bundled by Vite from `_browser_worker_main.ts`. The
 * Node adapter is `_node_platform.ts`; both give `host.ts` the same `HostWorker`.
 */

import type { HostWorker } from './_protocol.ts'
import type { WorkerResponse } from './_protocol.ts'

/**
 * Spawns a sandbox Worker in a browser (or in a browser Worker: sandboxes nest), from `workerUrl`
 * when the host serves the Worker file itself. The literal `new Worker(new URL(…))` is what
 * bundlers follow to emit the Worker.
 */
export function spawnBrowserWorker(workerUrl?: string | URL): HostWorker {
  // Bundlers read the options of `new Worker(new URL(…))` statically: they stay literals.
  const worker =
    workerUrl === undefined
      ? new Worker(new URL('./_browser_worker_main.ts', import.meta.url), {
          type: 'module',
          name: 'sealpost-sandbox',
        })
      : new Worker(workerUrl, { type: 'module', name: 'sealpost-sandbox' })
  let exitHandler: ((reason: string) => void) | undefined
  let exited = false
  const exit = (reason: string): void => {
    if (exited) return
    exited = true
    exitHandler?.(reason)
  }
  // A browser Worker has no exit event: an uncaught error or a message that cannot be cloned is
  // the closest thing, and the host treats both as a dead worker.
  worker.addEventListener('error', (e) => {
    e.preventDefault()
    exit(e.message || 'the sandbox worker failed to load or crashed')
  })
  worker.addEventListener('messageerror', () =>
    exit('a message from the sandbox worker was unreadable'),
  )
  return {
    post: (message, transfer) => worker.postMessage(message, [...transfer]),
    onMessage: (handler) => {
      worker.addEventListener('message', (e: MessageEvent<WorkerResponse>) => handler(e.data))
    },
    onExit: (handler) => {
      exitHandler = handler
    },
    terminate: async () => {
      exited = true
      worker.terminate()
    },
  }
}
