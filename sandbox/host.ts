/**
 * The host's handle on the sandbox: one Worker that runs guest jobs one after another. The hard
 * deadline lives here: a run that has not answered by deadline + grace gets its Worker terminated
 * (native builtins such as a huge JSON.stringify cannot be interrupted from inside), and the next
 * run gets a new Worker.
 */

import {
  GuestError,
  GuestMemoryError,
  GuestPendingError,
  GuestStackError,
  GuestTimeoutError,
  ModuleRejectedError,
  OutputTooLargeError,
  SandboxCrashError,
  SealpostError,
} from './errors.ts'
import {
  frameBuffers,
  wireJob,
  type GuestJob,
  type GuestStats,
  type SerializedError,
} from './_protocol.ts'
import type { HostWorker } from './_protocol.ts'

export type { HostWorker }

/** What a run returns: guest failures are values, not exceptions. */
export type SandboxResult =
  | { readonly ok: true; readonly output: string; readonly stats: GuestStats }
  | { readonly ok: false; readonly error: SealpostError }

export interface SandboxOptions {
  /** Creates a Worker; defaults to the platform's (Node: worker_threads). */
  readonly spawn?: () => HostWorker
  /** Time allowed for a new Worker to load its engine, ms. */
  readonly startupTimeoutMs?: number
  /**
   * Time allowed between handing a job to the Worker and its guest code starting (engine
   * instance ready, wasm compiled and admitted), ms. The hard deadline counts from the start.
   */
  readonly admissionTimeoutMs?: number
}

/** Default of `SandboxOptions.admissionTimeoutMs`: compiling a 4 MiB module on a loaded machine. */
export const DEFAULT_ADMISSION_TIMEOUT_MS = 15_000

export interface RunOptions {
  /**
   * Move the frames' buffers to the Worker instead of copying them (default true). The caller's
   * frames are unusable afterwards.
   */
  readonly transfer?: boolean
}

interface Pending {
  readonly id: number
  readonly resolve: (r: SandboxResult) => void
  /** The hard deadline once the guest started; before that, the admission timeout. */
  timer?: ReturnType<typeof setTimeout>
  /** Arms the hard deadline; called when the Worker says the guest code starts. */
  readonly start: () => void
}

/** A running sandbox Worker and its queue. Dispose it when done. */
export class Sandbox {
  readonly #spawn: () => HostWorker
  readonly #startupTimeoutMs: number
  readonly #admissionTimeoutMs: number
  #worker: HostWorker | undefined
  #ready: Promise<HostWorker> | undefined
  /** Ends a startup still in progress: clears its timer and rejects its promise. */
  #abortStartup: ((reason: string) => void) | undefined
  #pending: Pending | undefined
  #queue: Promise<unknown> = Promise.resolve()
  #nextId = 1
  #disposed = false
  /** Workers started so far (a fresh one after every hard timeout or crash). */
  workersStarted = 0

  constructor(
    spawn: () => HostWorker,
    startupTimeoutMs: number,
    admissionTimeoutMs: number = DEFAULT_ADMISSION_TIMEOUT_MS,
  ) {
    this.#spawn = spawn
    this.#startupTimeoutMs = startupTimeoutMs
    this.#admissionTimeoutMs = admissionTimeoutMs
  }

  /** Whether `dispose()` has not been called yet. */
  get alive(): boolean {
    return !this.#disposed
  }

  /**
   * Starts the Worker now rather than on the first run. A warm-up cut short by `dispose()` simply
   * ends (nothing is left running, no timer waits); a Worker that cannot start rejects.
   */
  async warmUp(): Promise<void> {
    try {
      await this.#readyWorker()
    } catch (e) {
      if (this.#disposed) return
      throw e
    }
  }

  /** Runs one guest job; resolves with its output or a named error, never rejects for guest faults. */
  run(job: GuestJob, options: RunOptions = {}): Promise<SandboxResult> {
    if (this.#disposed) throw new Error('Sandbox used after dispose()')
    const result = this.#queue.then(() => this.#runNow(job, options.transfer ?? true))
    this.#queue = result.catch(() => undefined)
    return result
  }

  async #runNow(job: GuestJob, transfer: boolean): Promise<SandboxResult> {
    let worker: HostWorker
    try {
      worker = await this.#readyWorker()
    } catch (e) {
      return { ok: false, error: new SandboxCrashError(`the sandbox did not start: ${String(e)}`) }
    }
    let wire: GuestJob
    try {
      wire = wireJob(job)
    } catch (e) {
      return {
        ok: false,
        error: new SandboxCrashError(`the job's params are not JSON: ${String(e)}`),
      }
    }
    return new Promise<SandboxResult>((resolve) => {
      const expire = (message: string): void => {
        if (this.#pending !== pending) return
        // A timer that fires late (the host thread was off the CPU on a loaded machine) can run
        // before an answer that is already waiting to be read: read those first, then decide.
        afterWaitingMessages(() => {
          if (this.#pending !== pending) return
          this.#pending = undefined
          this.#kill()
          resolve({ ok: false, error: new GuestTimeoutError(message, true) })
        })
      }
      const hardMs = job.limits.deadlineMs + job.limits.graceMs
      // Set by the Worker once guest code no longer runs (stopped by the soft deadline, or the run
      // is over): from then on it only cleans up and answers, and a Worker that is merely short
      // of CPU is not terminated for it.
      const stopped = sharedFlag()
      let cleanupWindows = 0
      const hardDeadline = (): void => {
        if (stopped && Atomics.load(stopped.flag, 0) === 1) {
          if (cleanupWindows++ < STOPPED_GUEST_CLEANUP_WINDOWS) {
            pending.timer = setTimeout(hardDeadline, job.limits.graceMs)
            return
          }
        }
        expire(
          `the module ran past its hard deadline of ${hardMs} ms and its worker was terminated`,
        )
      }
      let started = false
      const pending: Pending = {
        id: this.#nextId++,
        resolve,
        start: () => {
          if (started) return
          started = true
          clearTimeout(pending.timer)
          pending.timer = setTimeout(hardDeadline, hardMs)
        },
      }
      this.#pending = pending
      // Until the guest starts, only the admission timeout runs: a queue, an engine instance or a
      // compile that is slow on a loaded machine does not use up the guest's own deadline.
      pending.timer = setTimeout(
        () =>
          expire(
            `the module did not start within ${this.#admissionTimeoutMs} ms (compile and instantiate) and its worker was terminated`,
          ),
        this.#admissionTimeoutMs,
      )
      worker.post(
        { type: 'run', id: pending.id, job: wire, ...(stopped ? { stopped: stopped.buffer } : {}) },
        transfer ? frameBuffers(job.frames) : [],
      )
    })
  }

  #readyWorker(): Promise<HostWorker> {
    if (this.#ready) return this.#ready
    const worker = this.#spawn()
    this.workersStarted++
    this.#worker = worker
    this.#ready = new Promise<HostWorker>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#abortStartup = undefined
        this.#kill()
        reject(new Error('sandbox worker startup timed out'))
      }, this.#startupTimeoutMs)
      // A sandbox disposed (or killed) while its Worker starts must not leave this timer behind:
      // it would keep the process alive and then fail a startup nobody waits for.
      this.#abortStartup = (reason) => {
        clearTimeout(timer)
        this.#abortStartup = undefined
        reject(new Error(reason))
      }
      worker.onExit((reason) => {
        clearTimeout(timer)
        this.#abortStartup = undefined
        this.#onWorkerExit(worker, reason)
        reject(new Error(reason))
      })
      worker.onMessage((message) => {
        if (message.type === 'ready') {
          clearTimeout(timer)
          this.#abortStartup = undefined
          resolve(worker)
          return
        }
        const pending = this.#pending
        if (!pending || message.id !== pending.id) return
        if (message.type === 'started') {
          pending.start()
          return
        }
        clearTimeout(pending.timer)
        this.#pending = undefined
        pending.resolve(
          message.ok
            ? { ok: true, output: message.output, stats: message.stats }
            : { ok: false, error: toError(message.error) },
        )
      })
    })
    this.#ready.catch(() => undefined)
    return this.#ready
  }

  #onWorkerExit(worker: HostWorker, reason: string): void {
    if (worker !== this.#worker) return
    this.#worker = undefined
    this.#ready = undefined
    const pending = this.#pending
    if (pending) {
      clearTimeout(pending.timer)
      this.#pending = undefined
      pending.resolve({
        ok: false,
        // The Worker's own heap bound (resourceLimits) ended it: the run's doing, not a bug.
        error: /memory limit|out of memory/i.test(reason)
          ? new GuestMemoryError(
              `the sandbox worker reached its heap limit and was ended: ${reason}`,
            )
          : new SandboxCrashError(`the sandbox worker died: ${reason}`),
      })
    }
  }

  #kill(): void {
    this.#abortStartup?.('the sandbox worker was stopped while starting')
    const worker = this.#worker
    this.#worker = undefined
    this.#ready = undefined
    void worker?.terminate()
  }

  /** Terminates the Worker; further runs throw. */
  async dispose(): Promise<void> {
    if (this.#disposed) return
    this.#disposed = true
    this.#abortStartup?.('the sandbox was disposed while its worker was starting')
    const worker = this.#worker
    this.#worker = undefined
    this.#ready = undefined
    await worker?.terminate()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }
}

/**
 * Grace windows a Worker gets, after the hard deadline, to answer for a guest its soft deadline
 * already stopped (then it is short of CPU, not stuck). A guest that never reaches an interrupt
 * check (a native call, wasm) sets nothing and is terminated at the hard deadline itself.
 */
export const STOPPED_GUEST_CLEANUP_WINDOWS = 8

/** A shared Int32 flag, where threads can share memory (Node; cross-origin isolated pages). */
function sharedFlag(): { buffer: SharedArrayBuffer; flag: Int32Array } | undefined {
  if (typeof SharedArrayBuffer !== 'function') return undefined
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false)
    return undefined
  const buffer = new SharedArrayBuffer(4)
  return { buffer, flag: new Int32Array(buffer) }
}

/**
 * Runs `fn` after the messages that have already reached this thread. Node reads them in the poll
 * phase, before `setImmediate` callbacks; browsers run a message task queued before a timer task
 * of the same priority first.
 */
function afterWaitingMessages(fn: () => void): void {
  if (typeof setImmediate === 'function') setImmediate(fn)
  else setTimeout(fn, 0)
}

/** Rebuilds the named error class for a code that crossed the Worker boundary. */
export function toError(e: SerializedError): SealpostError {
  switch (e.code) {
    case 'SEALPOST_GUEST_TIMEOUT':
      return new GuestTimeoutError(e.message, false)
    case 'SEALPOST_GUEST_OUT_OF_MEMORY':
      return new GuestMemoryError(e.message)
    case 'SEALPOST_GUEST_STACK_OVERFLOW':
      return new GuestStackError(e.message)
    case 'SEALPOST_GUEST_PENDING':
      return new GuestPendingError(e.message)
    case 'SEALPOST_GUEST_ERROR':
      return new GuestError(e.message)
    case 'SEALPOST_MODULE_REJECTED':
      return new ModuleRejectedError(e.message)
    case 'SEALPOST_OUTPUT_TOO_LARGE': {
      const m = /(\d+) bytes, over the cap of (\d+)/.exec(e.message)
      return new OutputTooLargeError(Number(m?.[1] ?? 0), Number(m?.[2] ?? 0))
    }
    default:
      return new SandboxCrashError(e.message)
  }
}
