/**
 * The QuickJS engine, as it runs inside the sandbox Worker. Every run gets a fresh QuickJS
 * WebAssembly instance whose linear memory is a bounded `WebAssembly.Memory` (setMemoryLimit alone
 * is bypassed by large strings and typed arrays), a fresh runtime and context, a stack bound and an
 * interrupt-driven soft deadline. Instances are never reused: one is prepared ahead of time (a warm
 * spare) so a run does not wait for instantiation.
 */

import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core'
import releaseSyncImport from '@jitl/quickjs-wasmfile-release-sync'
import type { Frame } from '../frame/types.ts'
import type { GuestJob, GuestStats, SerializedError } from '../_protocol.ts'
import {
  callKernel,
  KernelArgumentError,
  MAX_KERNEL_ARGS_CHARS,
  MAX_KERNEL_NAME_CHARS,
} from '../kernels.ts'
import { memoryPages, type SandboxLimits } from '../limits.ts'
import { GUEST_PRELUDE } from './_prelude.ts'
import { oneLine } from '../errors.ts'

export type GuestOutcome =
  | { readonly ok: true; readonly output: string; readonly stats: GuestStats }
  | { readonly ok: false; readonly error: SerializedError }

// The package's type declarations describe its CommonJS shape; under ESM the default export is
// the variant itself.
const RELEASE_SYNC = ((releaseSyncImport as { default?: unknown }).default ??
  releaseSyncImport) as unknown as QuickJSSyncVariant

interface Instance {
  readonly module: QuickJSWASMModule
  readonly memory: WebAssembly.Memory
  readonly pages: number
}

const MAX_GUEST_ERROR = 300

/**
 * The prelude is parsed on every run, so its doc comments and indentation are dropped once, here
 * (about a third less to parse). Lines stay lines: the source relies on ASI.
 */
const PRELUDE_SOURCE = GUEST_PRELUDE.split('\n')
  .filter((line) => !/^\s*(\/\/|\/\*\*|\* |\*\/)/.test(line))
  .map((line) => line.trim())
  .filter((line) => line !== '')
  .join('\n')

/** Runs QuickJS guests one at a time inside the current (worker) thread. */
export class QuickJSEngine {
  readonly #wasm: WebAssembly.Module
  #spare: Promise<Instance> | undefined
  #sparePages = 0
  /** The instance of the last successful run that had a reuse key. */
  #reusable: { readonly key: string; readonly instance: Instance } | undefined

  /** `wasm` is the compiled QuickJS RELEASE_SYNC module (compiled once per worker). */
  constructor(wasm: WebAssembly.Module) {
    this.#wasm = wasm
  }

  /** Prepares a spare instance for runs with this memory bound, so the next run starts warm. */
  prepare(memoryBytes: number): void {
    const pages = memoryPages(memoryBytes)
    if (this.#spare && this.#sparePages === pages) return
    this.#sparePages = pages
    this.#spare = this.#instantiate(pages)
    this.#spare.catch(() => undefined)
  }

  async #instantiate(pages: number): Promise<Instance> {
    const memory = new WebAssembly.Memory({ initial: Math.min(pages, 256), maximum: pages })
    const variant = newVariant(RELEASE_SYNC, { wasmModule: this.#wasm, wasmMemory: memory })
    const module = await newQuickJSWASMModuleFromVariant(variant)
    return { module, memory, pages }
  }

  /**
   * Runs one job to completion; guest failures come back as `{ ok: false }`, never thrown.
   * `started` is called once the instance is ready, right before guest code runs; `stopped` the
   * moment the soft deadline stops the guest (the host then knows the Worker is only cleaning up).
   */
  async run(job: GuestJob, started?: () => void, stopped?: () => void): Promise<GuestOutcome> {
    if (typeof job.code !== 'string') {
      return fail('SEALPOST_MODULE_REJECTED', 'the quickjs engine runs JavaScript source only')
    }
    const pages = memoryPages(job.limits.memoryBytes)
    let warm = false
    let reused = false
    let instance: Instance
    const reusable = this.#reusable
    this.#reusable = undefined
    if (
      job.reuseKey !== undefined &&
      reusable?.key === job.reuseKey &&
      reusable.instance.pages === pages
    ) {
      instance = reusable.instance
      warm = reused = true
    } else {
      const spare = this.#spare
      this.#spare = undefined
      if (spare && this.#sparePages === pages) {
        instance = await spare
        warm = true
      } else {
        instance = await this.#instantiate(pages)
      }
    }
    started?.()
    const start = performance.now()
    const counters: Counters = { kernels: 0, columns: 0 }
    let outcome: GuestOutcome
    try {
      outcome = this.#runIn(instance, job, counters, stopped)
      if (outcome.ok) {
        outcome = {
          ok: true,
          output: outcome.output,
          stats: {
            runMs: performance.now() - start,
            warm,
            reused,
            kernelCalls: counters.kernels,
            columnsCopied: counters.columns,
          },
        }
      }
    } catch (e) {
      // A trap or abort inside the engine itself: the instance is poisoned and is dropped here.
      outcome = classifyHostError(e)
    }
    // After any failure the instance is dropped; after a success it may serve the next run with
    // the same key only. The spare is refilled for everyone else.
    if (outcome.ok && job.reuseKey !== undefined) this.#reusable = { key: job.reuseKey, instance }
    this.prepare(job.limits.memoryBytes)
    return outcome
  }

  #runIn(
    instance: Instance,
    job: GuestJob,
    counters: Counters,
    stopped: (() => void) | undefined,
  ): GuestOutcome {
    const rt = instance.module.newRuntime()
    const limits = job.limits
    rt.setMaxStackSize(limits.stackBytes)
    // A QuickJS-level limit below the wasm bound turns most bombs into a clean guest error.
    rt.setMemoryLimit(Math.max(8 << 20, limits.memoryBytes - (8 << 20)))
    const deadline = Date.now() + limits.deadlineMs
    let interrupted = false
    rt.setInterruptHandler(() => {
      if (!interrupted && Date.now() > deadline) {
        interrupted = true
        stopped?.()
      }
      return interrupted
    })
    const initialBytes = instance.memory.buffer.byteLength
    const state = (): FailureState => ({
      interrupted,
      grew: instance.memory.buffer.byteLength > initialBytes,
    })
    const ctx = rt.newContext({
      intrinsics: {
        BaseObjects: true,
        Date: false,
        Eval: true,
        StringNormalize: true,
        RegExp: true,
        JSON: true,
        Proxy: true,
        MapSet: true,
        TypedArrays: true,
        Promise: true,
      },
    })
    const owned: QuickJSHandle[] = []
    try {
      const frames = new Map<string, Frame>(job.frames.map((f) => [f.collection, f]))
      const run = installPrelude(ctx, job, frames, counters)
      if (!run.ok) return run.outcome
      owned.push(run.handle)
      const mod = ctx.evalCode(job.code as string, 'module.js', { type: 'module', strict: true })
      if (mod.error) return guestFailure(ctx, mod.error, state())
      const ns = settle(ctx, rt, mod.value, state)
      if (!ns.ok) return ns.outcome
      owned.push(ns.handle)
      const called = ctx.callFunction(run.handle, ctx.undefined, ns.handle)
      if (called.error) return guestFailure(ctx, called.error, state())
      const result = settle(ctx, rt, called.value, state)
      if (!result.ok) return result.outcome
      owned.push(result.handle)
      return readOutput(ctx, result.handle, limits)
    } finally {
      try {
        for (const h of owned) if (h.alive) h.dispose()
        ctx.dispose()
        rt.dispose()
      } catch {
        // After an OOM the heap may be inconsistent; the instance is dropped either way.
      }
    }
  }
}

interface Counters {
  kernels: number
  columns: number
}

type Step = { ok: true; handle: QuickJSHandle } | { ok: false; outcome: GuestOutcome }

function installPrelude(
  ctx: QuickJSContext,
  job: GuestJob,
  frames: ReadonlyMap<string, Frame>,
  counters: Counters,
): Step {
  const desc = {
    now: job.now,
    params: job.params ?? null,
    trigger: job.trigger ?? null,
    frames: job.frames.map((f) => ({
      collection: f.collection,
      length: f.length,
      columns: Object.entries(f.columns).map(([name, col]) => ({
        name,
        kind: col.kind,
        ...(col.kind === 'category' ? { dictionary: col.dictionary } : {}),
      })),
    })),
  }
  using descStr = ctx.newString(JSON.stringify(desc))
  ctx.setProp(ctx.global, '__sp_desc', descStr)
  // Columns cross on first access, one copy each: host bytes → the guest's heap.
  using columnFn = ctx.newFunction('column', (collH, fieldH) => {
    const frame = frames.get(ctx.getString(collH))
    const col = frame ? frame.columns[ctx.getString(fieldH)] : undefined
    if (!frame || !col || !Object.hasOwn(frame.columns, ctx.getString(fieldH))) {
      return { error: ctx.newError({ name: 'TypeError', message: 'no such column' }) }
    }
    counters.columns++
    const arrays =
      col.kind === 'category'
        ? [col.codes]
        : col.kind === 'text'
          ? [col.offsets, col.bytes]
          : [col.values]
    const parts = ctx.newArray()
    arrays.forEach((a, i) => {
      using ab = ctx.newArrayBuffer(exactBuffer(a))
      ctx.setProp(parts, i, ab)
    })
    return parts
  })
  ctx.setProp(ctx.global, '__sp_column', columnFn)
  using kernelFn = ctx.newFunction('kernel', (nameH, collH, argsH) => {
    counters.kernels++
    try {
      // Lengths first, read inside the guest: an oversize string is never copied to the host.
      for (const [h, max] of [
        [nameH, MAX_KERNEL_NAME_CHARS],
        [collH, MAX_KERNEL_NAME_CHARS],
        [argsH, MAX_KERNEL_ARGS_CHARS],
      ] as const) {
        if (ctx.typeof(h) !== 'string')
          throw new KernelArgumentError('kernel arguments are strings')
        using lengthH = ctx.getProp(h, 'length')
        const chars = ctx.getNumber(lengthH)
        if (chars > max) {
          throw new KernelArgumentError(
            `a kernel argument is ${chars} characters, over the cap of ${max}`,
          )
        }
      }
      const result = callKernel(
        frames,
        ctx.getString(nameH),
        ctx.getString(collH),
        ctx.getString(argsH),
      )
      return ctx.newString(result)
    } catch (e) {
      // Only the message crosses; never a host object or stack.
      const message = e instanceof Error ? e.message : 'kernel failed'
      return { error: ctx.newError({ name: 'TypeError', message }) }
    }
  })
  ctx.setProp(ctx.global, '__sp_kernel', kernelFn)
  const prelude = ctx.evalCode(PRELUDE_SOURCE, 'sealpost-prelude.js')
  if (prelude.error) {
    return {
      ok: false,
      outcome: guestFailure(ctx, prelude.error, { interrupted: false, grew: false }),
    }
  }
  prelude.value.dispose()
  return { ok: true, handle: ctx.getProp(ctx.global, '__sp_run') }
}

/** A buffer holding exactly the array's bytes (the array's own when it spans it). */
function exactBuffer(a: ArrayBufferView): ArrayBufferLike {
  if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) return a.buffer
  return a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)
}

/**
 * Resolves a value that may be a promise by draining the job queue; takes ownership of `handle`
 * and returns the settled value (which the caller then owns). A promise that cannot settle fails.
 */
function settle(
  ctx: QuickJSContext,
  rt: QuickJSRuntime,
  handle: QuickJSHandle,
  state: () => FailureState,
): Step {
  const first = ctx.getPromiseState(handle)
  if (first.type === 'fulfilled' && first.notAPromise) return { ok: true, handle }
  if (first.type === 'fulfilled') first.value.dispose()
  if (first.type === 'rejected') first.error.dispose()
  try {
    for (;;) {
      const s = ctx.getPromiseState(handle)
      if (s.type === 'fulfilled') return { ok: true, handle: s.value }
      if (s.type === 'rejected') return { ok: false, outcome: guestFailure(ctx, s.error, state()) }
      const jobs = rt.executePendingJobs()
      if (jobs.error) return { ok: false, outcome: guestFailure(ctx, jobs.error, state()) }
      if (jobs.value === 0) {
        // No timers or I/O exist in the guest: with an empty job queue it can never settle.
        return {
          ok: false,
          outcome: fail('SEALPOST_GUEST_PENDING', 'analyze returned a promise that never settles'),
        }
      }
    }
  } finally {
    handle.dispose()
  }
}

function readOutput(ctx: QuickJSContext, out: QuickJSHandle, limits: SandboxLimits): GuestOutcome {
  if (ctx.typeof(out) !== 'string') {
    return fail('SEALPOST_GUEST_ERROR', 'analyze(input) must return a JSON value')
  }
  // Check the length before reading: a UTF-16 length over the cap means at least that many bytes.
  using lengthH = ctx.getProp(out, 'length')
  const units = ctx.getNumber(lengthH)
  if (units > limits.outputBytes) {
    return fail(
      'SEALPOST_OUTPUT_TOO_LARGE',
      `output is at least ${units} bytes, over the cap of ${limits.outputBytes} bytes`,
    )
  }
  const output = ctx.getString(out)
  const bytes = new TextEncoder().encode(output).length
  if (bytes > limits.outputBytes) {
    return fail(
      'SEALPOST_OUTPUT_TOO_LARGE',
      `output is ${bytes} bytes, over the cap of ${limits.outputBytes} bytes`,
    )
  }
  return {
    ok: true,
    output,
    stats: { runMs: 0, warm: false, reused: false, kernelCalls: 0, columnsCopied: 0 },
  }
}

function fail(code: string, message: string): GuestOutcome {
  return { ok: false, error: { code, message } }
}

/** What the engine knows about a failed run besides the thrown value. */
interface FailureState {
  /** The interrupt handler fired. */
  readonly interrupted: boolean
  /** The wasm memory grew past its initial size during the run. */
  readonly grew: boolean
}

/** Maps a guest exception to a stable error code; the handle is consumed. */
function guestFailure(
  ctx: QuickJSContext,
  errorHandle: QuickJSHandle,
  { interrupted, grew }: FailureState,
): GuestOutcome {
  let name = 'Error'
  let message = ''
  let where = ''
  try {
    const dumped: unknown = ctx.dump(errorHandle)
    if (dumped && typeof dumped === 'object') {
      const d = dumped as { name?: unknown; message?: unknown; stack?: unknown }
      name = typeof d.name === 'string' ? d.name : name
      message = typeof d.message === 'string' ? d.message : String(dumped)
      // Where in the module it threw (its own code, so nothing of the host): the first frame
      // in module.js, which `bundle test` maps back to the partner's file:line.
      const at =
        typeof d.stack === 'string' ? /\(module\.js:(\d+)(?::(\d+))?\)/.exec(d.stack) : null
      if (at) where = ` (at module.js:${at[1]}${at[2] ? `:${at[2]}` : ''})`
    } else {
      name = 'thrown value'
      message = String(dumped)
    }
  } finally {
    errorHandle.dispose()
  }
  if (interrupted || (name === 'InternalError' && message === 'interrupted')) {
    return fail('SEALPOST_GUEST_TIMEOUT', 'the module ran past its deadline and was stopped')
  }
  // When QuickJS cannot even allocate the error object, the exception is null. A guest may throw
  // null itself, so only a run whose memory grew past its initial size counts as out of memory.
  const nothingThrown = name === 'thrown value' && (message === 'null' || message === 'undefined')
  if (
    (nothingThrown && grew) ||
    /out of memory|string too long|invalid array (buffer )?length/i.test(message)
  ) {
    return fail(
      'SEALPOST_GUEST_OUT_OF_MEMORY',
      `the module ran out of memory (${oneLine(message, MAX_GUEST_ERROR)})`,
    )
  }
  if (/stack overflow|call stack/i.test(message)) {
    return fail('SEALPOST_GUEST_STACK_OVERFLOW', 'the module recursed past its stack bound')
  }
  const text = oneLine(`${name}: ${message}`, MAX_GUEST_ERROR)
  return fail('SEALPOST_GUEST_ERROR', `the module failed: ${text}${oneLine(where, 200)}`)
}

function classifyHostError(e: unknown): GuestOutcome {
  const message = e instanceof Error ? e.message : String(e)
  if (/memory|Aborted|OOM/i.test(message)) {
    return fail('SEALPOST_GUEST_OUT_OF_MEMORY', 'the module exhausted its memory bound')
  }
  if (/stack/i.test(message)) {
    return fail('SEALPOST_GUEST_STACK_OVERFLOW', 'the module exhausted its stack bound')
  }
  return fail('SEALPOST_GUEST_ERROR', `the engine trapped: ${oneLine(message, MAX_GUEST_ERROR)}`)
}
