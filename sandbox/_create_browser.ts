/**
 * Creates a sandbox with the browser Worker adapter. The browser build aliases `_create.ts` to this
 * file (see `web/vite.config.ts`), so `createSandbox` from `sandbox/index.ts` spawns module Workers.
 */

import { spawnBrowserWorker } from './_browser_platform.ts'
import { Sandbox, type SandboxOptions } from './host.ts'

const DEFAULT_STARTUP_TIMEOUT_MS = 30_000

/** A sandbox backed by a browser module Worker; call `dispose()` when done. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  return new Sandbox(
    options.spawn ?? spawnBrowserWorker,
    options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    options.admissionTimeoutMs,
  )
}
