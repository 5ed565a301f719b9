/**
 * Creates a sandbox with the browser Worker adapter. The `browser` condition of `#platform/sandbox`
 * (package.json `imports`) picks this file, so `createSandbox` from `sandbox/index.ts` spawns module
 * Workers in browser builds.
 */

import { spawnBrowserWorker } from './_browser_platform.ts'
import { Sandbox, type SandboxOptions } from './host.ts'

const DEFAULT_STARTUP_TIMEOUT_MS = 30_000

/** Browser options: where the host serves the sandbox Worker file, when not beside this module. */
export interface BrowserSandboxOptions extends SandboxOptions {
  /** URL of `sealpost/sandbox-worker` (its `quickjs.wasm` must sit beside it). */
  readonly workerUrl?: string | URL
}

/** A sandbox backed by a browser module Worker; call `dispose()` when done. */
export function createSandbox(options: BrowserSandboxOptions = {}): Sandbox {
  const { workerUrl } = options
  return new Sandbox(
    options.spawn ?? (() => spawnBrowserWorker(workerUrl)),
    options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    options.admissionTimeoutMs,
  )
}
