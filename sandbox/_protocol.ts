/**
 * Messages between the host and the sandbox Worker. Plain data only: frames travel as typed arrays
 * whose buffers are transferred, never as objects with behaviour.
 */

import type { Frame } from './frame/types.ts'
import type { SandboxLimits } from './limits.ts'

export type EngineName = 'quickjs' | 'wasm'

/** Everything one run needs, and nothing else. */
export interface GuestJob {
  readonly engine: EngineName
  /** JS module source (quickjs) or wasm bytes (wasm). */
  readonly code: string | Uint8Array
  readonly frames: readonly Frame[]
  /** The run's logical time, ms since epoch: the only clock a guest sees. */
  readonly now: number
  /** The bundle's static assets (JSON values), exposed as `input.params`. */
  readonly params: unknown
  /**
   * `params` as JSON text; when present the engines use it instead of `params`. The host sends
   * assets this way: a string crosses to the Worker as one copy, an object is cloned node by node
   * (70 µs against 2 µs for coffee-trigger's lexicon).
   */
  readonly paramsJson?: string | undefined
  /** For trigger runs: which collection fired and the row range of the new records. */
  readonly trigger?: { readonly collection: string; readonly firstRow: number } | undefined
  readonly limits: SandboxLimits
  /**
   * Runs with the same key (and the same code, assets and limits) start from the key's pristine
   * snapshot: an instance in which the prelude and the module were evaluated and nothing else
   * ran, restored byte for byte after every run (docs/sandbox-instances.md). The pipeline passes
   * partner id + bundle digest, so a snapshot never serves two bundles or two partners. Absent:
   * a fresh instance, dropped after the run.
   */
  readonly reuseKey?: string | undefined
}

export interface GuestStats {
  /** Time inside the engine, ms (instantiate excluded when a warm spare was ready). */
  readonly runMs: number
  /** Whether a warm, pre-instantiated engine instance served the run. */
  readonly warm: boolean
  /** Whether the run started from its reuse key's pristine snapshot (no module evaluation). */
  readonly reused: boolean
  /** Kernel calls made by the guest. */
  readonly kernelCalls: number
  /** Columns copied into the guest (each at most once, on first access). */
  readonly columnsCopied: number
}

export interface SerializedError {
  readonly code: string
  readonly message: string
}

export type WorkerRequest = {
  readonly type: 'run'
  readonly id: number
  readonly job: GuestJob
  /**
   * One Int32 the Worker sets to 1 once guest code no longer runs: the moment the soft deadline
   * stops the guest, and when the run is over (shared memory, so the host reads it even while the
   * Worker's thread is busy or off the CPU). Absent where
   * SharedArrayBuffer is not available (a browser page that is not cross-origin isolated).
   */
  readonly stopped?: SharedArrayBuffer
}

export type WorkerResponse =
  | { readonly type: 'ready' }
  /**
   * The job's guest code starts now (engine instance ready, module compiled and admitted): the
   * host arms the hard deadline from here, so waiting, compiling and instantiating on a loaded
   * machine never eat into the time the guest is given.
   */
  | { readonly type: 'started'; readonly id: number }
  | {
      readonly type: 'result'
      readonly id: number
      readonly ok: true
      readonly output: string
      readonly stats: GuestStats
    }
  | {
      readonly type: 'result'
      readonly id: number
      readonly ok: false
      readonly error: SerializedError
    }

/** The job as it crosses to the Worker: its assets as JSON text (see `GuestJob.paramsJson`). */
export function wireJob(job: GuestJob): GuestJob {
  if (job.paramsJson !== undefined) return job
  return { ...job, params: null, paramsJson: paramsJsonOf(job) }
}

/** The job's assets as JSON text. */
export function paramsJsonOf(job: GuestJob): string {
  return job.paramsJson ?? JSON.stringify(job.params ?? null)
}

/** The transferable buffers of a job's frames (so posting moves them instead of copying). */
export function frameBuffers(frames: readonly Frame[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  for (const f of frames) {
    for (const col of Object.values(f.columns)) {
      const arrays =
        col.kind === 'category'
          ? [col.codes]
          : col.kind === 'text'
            ? [col.offsets, col.bytes]
            : [col.values]
      for (const a of arrays) if (a.buffer instanceof ArrayBuffer) out.add(a.buffer)
    }
  }
  return [...out]
}

/** The host side of a sandbox Worker. */
export interface HostWorker {
  post(message: WorkerRequest, transfer: readonly ArrayBuffer[]): void
  onMessage(handler: (message: WorkerResponse) => void): void
  /** Called once if the worker dies on its own (crash, exit). */
  onExit(handler: (reason: string) => void): void
  terminate(): Promise<void>
}
