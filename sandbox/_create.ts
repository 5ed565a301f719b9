/** Creates a sandbox with the Node Worker adapter (`#platform/sandbox`; browsers get `_create_browser.ts`). */

import { spawnNodeWorker } from './_node_platform.ts'
import { Sandbox, type SandboxOptions } from './host.ts'

const DEFAULT_STARTUP_TIMEOUT_MS = 30_000

/** A sandbox backed by a `worker_threads` Worker; call `dispose()` when done. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  return new Sandbox(
    options.spawn ?? spawnNodeWorker,
    options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    options.admissionTimeoutMs,
  )
}
