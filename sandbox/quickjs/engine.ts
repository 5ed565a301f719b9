/**
 * The QuickJS engine, as it runs inside the sandbox Worker. Each QuickJS WebAssembly instance has
 * its own bounded `WebAssembly.Memory` (setMemoryLimit alone is bypassed by large strings and
 * typed arrays), a runtime with a stack bound and an interrupt-driven soft deadline, and one
 * context.
 *
 * Runs of a bundle (same reuse key, code, assets and limits) start from a pristine snapshot: the
 * first run evaluates the prelude and the module in an instance that has run nothing else, the
 * engine copies the bytes a run can change (`_snapshot.ts`), and after every run puts them back,
 * so the next run starts from bytes no earlier run touched. The snapshot never serves another key;
 * an instance whose engine trapped, whose memory grew far, or whose restore cannot be vouched for
 * is dropped. Runs without a reuse key get a fresh instance (a warm spare prepared ahead of time)
 * that is dropped afterwards.
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
import { paramsJsonOf, type GuestJob, type GuestStats } from '../_protocol.ts'
import {
  callKernel,
  KernelArgumentError,
  MAX_KERNEL_ARGS_CHARS,
  MAX_KERNEL_NAME_CHARS,
} from '../kernels.ts'
import { memoryPages, type SandboxLimits } from '../limits.ts'
import { SpecCache } from '../text_kernels.ts'
import { GUEST_PRELUDE } from './_prelude.ts'
import {
  classifyHostError,
  fail,
  guestFailure,
  type Failure,
  type FailureState,
} from './_failure.ts'
import {
  MemorySnapshot,
  probeEngineLayout,
  type EngineImage,
  type EngineLayout,
} from './_snapshot.ts'

export type GuestOutcome =
  { readonly ok: true; readonly output: string; readonly stats: GuestStats } | Failure

// The package's type declarations describe its CommonJS shape; under ESM the default export is
// the variant itself.
const RELEASE_SYNC = ((releaseSyncImport as { default?: unknown }).default ??
  releaseSyncImport) as unknown as QuickJSSyncVariant

/**
 * The prelude is parsed once per instance, so its doc comments and indentation are dropped once,
 * here. Lines stay lines: the source relies on ASI.
 */
const PRELUDE_SOURCE = GUEST_PRELUDE.split('\n')
  .filter((line) => !/^\s*(\/\/|\/\*\*|\* |\*\/)/.test(line))
  .map((line) => line.trim())
  .filter((line) => line !== '')
  .join('\n')

/** Default of `QuickJSEngineOptions.snapshots`. */
const DEFAULT_SNAPSHOTS = 4
/** Default of `QuickJSEngineOptions.auditEvery`. */
const DEFAULT_AUDIT_EVERY = 256
/**
 * A run whose heap grew more than this past the snapshot's memory drops its instance instead of
 * zeroing the growth: a fresh instance is cheaper than a large fill, and gives the memory back.
 */
const MAX_ZEROED_GROWTH = 16 << 20
/** Stack restored above QuickJS's own stack bound: native frames below its last check. */
const STACK_SLACK_BYTES = 128 * 1024

const INTRINSICS = {
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
} as const

export interface QuickJSEngineOptions {
  /**
   * Layout facts read from the engine's binary (`readEngineImage`). Without them runs never
   * restore a snapshot: each gets a fresh instance.
   */
  readonly image?: EngineImage | undefined
  /** Bundles whose pristine instance is kept, least recently used dropped first (default 4). */
  readonly snapshots?: number
  /**
   * After this many restores of an instance, the next restore also compares its whole memory
   * with the snapshot (0: never; default 256). A difference drops the instance.
   */
  readonly auditEvery?: number
}

/** Counters for tests and benchmarks. */
export interface QuickJSEngineCounters {
  /** Snapshots taken (first runs of a bundle in a fresh instance). */
  snapshots: number
  /** Restores done after runs. */
  restores: number
  /** Full-memory audits done, and how many found a difference. */
  audits: number
  auditFailures: number
  /** Instances dropped after a trap, a refused restore, a large growth or a failed audit. */
  dropped: number
  /**
   * Bytes of instance memories let go (dropped, or fresh instances after their run): garbage the
   * Worker may collect at once rather than leave beside the next run's.
   */
  releasedBytes: number
}

interface Instance {
  readonly module: QuickJSWASMModule
  readonly memory: WebAssembly.Memory
  readonly pages: number
}

/** What the bridges and the interrupt handler of an instance read: the current run's. */
interface RunState {
  frames: ReadonlyMap<string, Frame>
  counters: Counters
  deadline: number
  interrupted: boolean
  /** Memory size when the current run started (to tell an OOM from a thrown null). */
  startBytes: number
  /** `textMatch` specs compiled by this instance's runs (pure functions of the spec's JSON). */
  readonly specs: SpecCache
}

interface Counters {
  kernels: number
  columns: number
}

/** An instance with the prelude and one bundle's module evaluated in it, ready to call. */
interface Prepared {
  readonly instance: Instance
  readonly rt: QuickJSRuntime
  readonly ctx: QuickJSContext
  readonly run: QuickJSHandle
  readonly ns: QuickJSHandle
  readonly state: RunState
}

/** A prepared instance with the snapshot it is restored to after every run. */
interface Pristine extends Prepared {
  readonly code: string
  readonly paramsJson: string
  readonly snapshot: MemorySnapshot
  readonly hostRefs: HostRefState
  restores: number
}

type Step = { ok: true; handle: QuickJSHandle } | { ok: false; outcome: Failure }

/** Runs QuickJS guests one at a time inside the current (worker) thread. */
export class QuickJSEngine {
  readonly #wasm: WebAssembly.Module
  readonly #image: EngineImage | undefined
  readonly #maxSnapshots: number
  readonly #auditEvery: number
  #layout: Promise<EngineLayout | undefined> | undefined
  /** Told the moment the soft deadline stops the current run's guest (see `run`). */
  #stopped: (() => void) | undefined
  /** The calibrated layout once known; null when snapshots are unavailable. */
  #layoutKnown: EngineLayout | null | undefined
  #spare: Promise<Instance> | undefined
  #sparePages = 0
  /** The restore owed by the last run, done by `tidy()`. */
  #untidy: (() => void) | undefined
  /** Pristine instances by key (insertion order = least recently used first). */
  readonly #pristine = new Map<string, Pristine>()
  readonly counters: QuickJSEngineCounters = {
    snapshots: 0,
    restores: 0,
    audits: 0,
    auditFailures: 0,
    dropped: 0,
    releasedBytes: 0,
  }

  /** `wasm` is the compiled QuickJS RELEASE_SYNC module (compiled once per worker). */
  constructor(wasm: WebAssembly.Module, options: QuickJSEngineOptions = {}) {
    this.#wasm = wasm
    this.#image = options.image
    const snapshots = options.snapshots ?? DEFAULT_SNAPSHOTS
    const auditEvery = options.auditEvery ?? DEFAULT_AUDIT_EVERY
    if (!Number.isInteger(snapshots) || snapshots < 0) {
      throw new RangeError('options.snapshots must be a non-negative integer')
    }
    if (!Number.isInteger(auditEvery) || auditEvery < 0) {
      throw new RangeError('options.auditEvery must be a non-negative integer')
    }
    this.#maxSnapshots = snapshots
    this.#auditEvery = auditEvery
  }

  /**
   * Finds where the engine build keeps its allocator state, in a throwaway instance. Resolves to
   * whether snapshots are available; runs call it themselves when needed.
   */
  async calibrate(): Promise<boolean> {
    const image = this.#image
    if (!image || this.#maxSnapshots === 0) {
      this.#layoutKnown = null
      return false
    }
    this.#layout ??= (async () => {
      const probe = await this.#instantiate(memoryPages(0))
      const em = emscriptenOf(probe.module)
      return probeEngineLayout(probe.memory, image, em._malloc, em._free)
    })().catch(() => undefined)
    this.#layoutKnown = (await this.#layout) ?? null
    return this.#layoutKnown !== null
  }

  /** Prepares a spare instance for runs with this memory bound, so the next run starts warm. */
  prepare(memoryBytes: number): void {
    const pages = memoryPages(memoryBytes)
    if (this.#spare && this.#sparePages === pages) return
    this.#sparePages = pages
    this.#spare = this.#instantiate(pages)
    this.#spare.catch(() => undefined)
  }

  /** The pristine instance kept for `key`, for tests that compare its memory with the snapshot. */
  pristineMemory(
    key: string,
  ): { readonly memory: WebAssembly.Memory; readonly snapshot: MemorySnapshot } | undefined {
    this.tidy()
    const p = this.#pristine.get(key)
    return p && { memory: p.instance.memory, snapshot: p.snapshot }
  }

  async #instantiate(pages: number): Promise<Instance> {
    const memory = new WebAssembly.Memory({ initial: Math.min(pages, 256), maximum: pages })
    const variant = newVariant(RELEASE_SYNC, { wasmModule: this.#wasm, wasmMemory: memory })
    const module = await newQuickJSWASMModuleFromVariant(variant)
    return { module, memory, pages }
  }

  async #freshInstance(pages: number): Promise<{ instance: Instance; warm: boolean }> {
    const spare = this.#spare
    this.#spare = undefined
    if (spare && this.#sparePages === pages) {
      try {
        return { instance: await spare, warm: true }
      } catch {
        // A spare that failed to instantiate: try once more below.
      }
    }
    return { instance: await this.#instantiate(pages), warm: false }
  }

  /**
   * Runs one job to completion; guest failures come back as `{ ok: false }`, never thrown.
   * `started` is called once the instance is ready, right before guest code runs; `stopped` the
   * moment the soft deadline stops the guest (the host then knows the Worker is only cleaning up).
   */
  async run(job: GuestJob, started?: () => void, stopped?: () => void): Promise<GuestOutcome> {
    this.tidy()
    this.#stopped = stopped
    try {
      return await this.#run(job, started)
    } finally {
      // The callback's closure may hold the job, frames and all: kept past the run, it kept the
      // last run's frames (a 1M-row view, 66 MiB) alive in the Worker until the next run.
      this.#stopped = undefined
    }
  }

  async #run(job: GuestJob, started: (() => void) | undefined): Promise<GuestOutcome> {
    if (typeof job.code !== 'string') {
      return fail('SEALPOST_MODULE_REJECTED', 'the quickjs engine runs JavaScript source only')
    }
    const code = job.code
    const pages = memoryPages(job.limits.memoryBytes)
    if (job.reuseKey !== undefined && this.#layoutKnown === undefined) await this.calibrate()
    const layout = job.reuseKey !== undefined ? (this.#layoutKnown ?? undefined) : undefined
    const paramsJson = paramsJsonOf(job)
    const key = layout && snapshotKey(job)
    let pristine = key === undefined ? undefined : this.#pristine.get(key)
    if (pristine && (pristine.code !== code || pristine.paramsJson !== paramsJson)) {
      this.#pristine.delete(key!)
      pristine = undefined
    }
    const counters: Counters = { kernels: 0, columns: 0 }
    const frames = new Map<string, Frame>(job.frames.map((f) => [f.collection, f]))
    let prepared: Prepared
    let warm = true
    const reused = pristine !== undefined
    let start: number
    if (pristine) {
      // Most recently used last.
      this.#pristine.delete(key!)
      this.#pristine.set(key!, pristine)
      started?.()
      start = performance.now()
      beginRun(pristine.state, job.limits, frames, counters, pristine.instance.memory)
      prepared = pristine
    } else {
      const fresh = await this.#freshInstance(pages)
      warm = fresh.warm
      started?.()
      start = performance.now()
      const made = this.#prepareIn(fresh.instance, job, paramsJson, frames, counters)
      if (!made.ok) {
        this.counters.releasedBytes += fresh.instance.memory.buffer.byteLength
        this.prepare(job.limits.memoryBytes)
        return made.outcome
      }
      prepared = made.prepared
      if (key !== undefined && layout) {
        try {
          pristine = this.#keep(key, prepared, code, paramsJson, layout, job.limits)
        } catch {
          // No snapshot (a layout this build does not match): the run goes on in a fresh instance.
        }
      }
    }
    let outcome: GuestOutcome
    let trapped = false
    try {
      outcome = callAnalyze(prepared, job)
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
      // A trap or abort inside the engine itself: the instance is poisoned (its stack pointer, a
      // wasm global, may be anywhere) and is dropped here.
      trapped = true
      outcome = classifyHostError(e)
    }
    if (pristine) {
      const kept = pristine
      this.#untidy = () => this.#afterRun(key!, kept, trapped)
    } else this.counters.releasedBytes += prepared.instance.memory.buffer.byteLength
    this.prepare(job.limits.memoryBytes)
    return outcome
  }

  /**
   * Puts the last run's instance back to its pristine snapshot (or drops it). The Worker calls
   * this right after posting a result, so the restore is off the run's latency; `run()` calls it
   * first in any case, so no run ever starts from a state an earlier run left.
   */
  tidy(): void {
    const owed = this.#untidy
    this.#untidy = undefined
    owed?.()
  }

  /** Puts a pristine instance back to its snapshot, or drops it. */
  #afterRun(key: string, p: Pristine, trapped: boolean): void {
    p.state.frames = new Map()
    const memory = p.instance.memory
    let ok =
      !trapped &&
      memory.buffer.byteLength - p.snapshot.byteLength <= MAX_ZEROED_GROWTH &&
      p.snapshot.currentBrk(memory) - p.snapshot.brk <= MAX_ZEROED_GROWTH
    if (ok) ok = p.snapshot.restore(memory)
    if (ok) {
      restoreHostRefs(p.rt, p.hostRefs)
      this.counters.restores++
      p.restores++
      if (this.#auditEvery > 0 && p.restores % this.#auditEvery === 0) {
        this.counters.audits++
        if (p.snapshot.firstDifference(memory) !== -1) {
          this.counters.auditFailures++
          ok = false
        }
      }
    }
    if (!ok) {
      this.counters.dropped++
      this.counters.releasedBytes += memory.buffer.byteLength
      if (this.#pristine.get(key) === p) this.#pristine.delete(key)
    }
  }

  #keep(
    key: string,
    prepared: Prepared,
    code: string,
    paramsJson: string,
    layout: EngineLayout,
    limits: SandboxLimits,
  ): Pristine {
    const snapshot = MemorySnapshot.capture(
      prepared.instance.memory,
      layout,
      limits.stackBytes + STACK_SLACK_BYTES,
    )
    const pristine: Pristine = {
      ...prepared,
      code,
      paramsJson,
      snapshot,
      hostRefs: saveHostRefs(prepared.rt),
      restores: 0,
    }
    this.counters.snapshots++
    this.#pristine.set(key, pristine)
    while (this.#pristine.size > this.#maxSnapshots) {
      this.#pristine.delete(this.#pristine.keys().next().value!)
    }
    return pristine
  }

  /**
   * Creates the runtime and context in `instance`, evaluates the prelude and the module, and
   * leaves everything a snapshot needs allocated: the handles the host keeps and the context's
   * lazily made values (`ctx.global`), so that nothing the host holds is made after the snapshot.
   */
  #prepareIn(
    instance: Instance,
    job: GuestJob,
    paramsJson: string,
    frames: ReadonlyMap<string, Frame>,
    counters: Counters,
  ): { ok: true; prepared: Prepared } | { ok: false; outcome: Failure } {
    const limits = job.limits
    const state: RunState = {
      frames,
      counters,
      deadline: 0,
      interrupted: false,
      startBytes: instance.memory.buffer.byteLength,
      specs: new SpecCache(),
    }
    beginRun(state, limits, frames, counters, instance.memory)
    try {
      const rt = instance.module.newRuntime()
      rt.setMaxStackSize(limits.stackBytes)
      // A QuickJS-level limit below the wasm bound turns most bombs into a clean guest error.
      rt.setMemoryLimit(Math.max(8 << 20, limits.memoryBytes - (8 << 20)))
      rt.setInterruptHandler(() => {
        if (!state.interrupted && Date.now() > state.deadline) {
          state.interrupted = true
          this.#stopped?.()
        }
        return state.interrupted
      })
      const ctx = rt.newContext({ intrinsics: INTRINSICS })
      void ctx.global
      void ctx.undefined
      const failure = (): FailureState => failureState(state, instance.memory)
      const run = installPrelude(ctx, state, paramsJson)
      if (!run.ok) return run
      const mod = ctx.evalCode(job.code as string, 'module.js', { type: 'module', strict: true })
      if (mod.error) return { ok: false, outcome: guestFailure(ctx, mod.error, failure()) }
      const ns = settle(ctx, rt, mod.value, failure)
      if (!ns.ok) return ns
      return { ok: true, prepared: { instance, rt, ctx, run: run.handle, ns: ns.handle, state } }
    } catch (e) {
      return { ok: false, outcome: classifyHostError(e) }
    }
  }
}

/** Key of a bundle's pristine instance: the caller's reuse key and every limit baked into it. */
function snapshotKey(job: GuestJob): string {
  const l = job.limits
  return `${job.reuseKey}\n${l.memoryBytes}/${l.stackBytes}`
}

/** Arms the state for a new run: its frames, counters and deadline. */
function beginRun(
  state: RunState,
  limits: SandboxLimits,
  frames: ReadonlyMap<string, Frame>,
  counters: Counters,
  memory: WebAssembly.Memory,
): void {
  state.frames = frames
  state.counters = counters
  state.interrupted = false
  state.deadline = Date.now() + limits.deadlineMs
  state.startBytes = memory.buffer.byteLength
}

function failureState(state: RunState, memory: WebAssembly.Memory): FailureState {
  return { interrupted: state.interrupted, grew: memory.buffer.byteLength > state.startBytes }
}

/** Calls `run(ns, desc)` in a prepared instance and reads the output. Engine traps throw. */
function callAnalyze(p: Prepared, job: GuestJob): GuestOutcome {
  const { ctx, rt, state } = p
  const failure = (): FailureState => failureState(state, p.instance.memory)
  const desc = {
    now: job.now,
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
  // Handles made during a run are never disposed one by one: the restore (or dropping the
  // instance) frees them all at once.
  const descStr = ctx.newString(JSON.stringify(desc))
  const called = ctx.callFunction(p.run, ctx.undefined, p.ns, descStr)
  if (called.error) return guestFailure(ctx, called.error, failure())
  const result = settle(ctx, rt, called.value, failure)
  if (!result.ok) return result.outcome
  return readOutput(ctx, result.handle, job.limits)
}

/**
 * Evaluates the prelude and calls it with the two bridges and the bundle's assets; returns the
 * handle of its `run` function. The bridges read the current run's frames from `state`.
 */
function installPrelude(ctx: QuickJSContext, state: RunState, paramsJson: string): Step {
  // Columns cross on first access, one copy each: host bytes → the guest's heap.
  using columnFn = ctx.newFunction('column', (collH, fieldH) => {
    const frame = state.frames.get(ctx.getString(collH))
    const col = frame ? frame.columns[ctx.getString(fieldH)] : undefined
    if (!frame || !col || !Object.hasOwn(frame.columns, ctx.getString(fieldH))) {
      return { error: ctx.newError({ name: 'TypeError', message: 'no such column' }) }
    }
    state.counters.columns++
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
  using kernelFn = ctx.newFunction('kernel', (nameH, collH, argsH) => {
    state.counters.kernels++
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
        state.frames,
        ctx.getString(nameH),
        ctx.getString(collH),
        ctx.getString(argsH),
        // Kernels stop at this run's deadline (the interrupt handler then fails the run).
        { deadline: state.deadline, specs: state.specs },
      )
      return ctx.newString(result)
    } catch (e) {
      // Only the message crosses; never a host object or stack.
      const message = e instanceof Error ? e.message : 'kernel failed'
      return { error: ctx.newError({ name: 'TypeError', message }) }
    }
  })
  const noState = { interrupted: false, grew: false }
  const prelude = ctx.evalCode(PRELUDE_SOURCE, 'sealpost-prelude.js')
  if (prelude.error) return { ok: false, outcome: guestFailure(ctx, prelude.error, noState) }
  using init = prelude.value
  using params = ctx.newString(paramsJson)
  const run = ctx.callFunction(init, ctx.undefined, kernelFn, columnFn, params)
  if (run.error) return { ok: false, outcome: guestFailure(ctx, run.error, noState) }
  return { ok: true, handle: run.value }
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

// ---- the host side of a runtime that a restore must put back ---------------------------------
// quickjs-emscripten keeps, beside the linear memory, a map from host-function ids to the host
// functions (`runtime.hostRefs`, 0.32). The ids live in the guest's memory, the functions here; a
// restore must bring both back to the same moment. The fields are private to the library, whose
// version is pinned: their absence is an error at snapshot time, not a silent difference.

interface HostRefMapFields {
  nextId: number
  freelist: number[]
  groups: Map<number, Map<number, object>>
}

interface HostRefState {
  readonly nextId: number
  readonly freelist: readonly number[]
  readonly groups: ReadonlyMap<number, ReadonlyMap<number, object>>
}

function hostRefFields(rt: QuickJSRuntime): HostRefMapFields {
  const map = (rt as unknown as { hostRefs?: Partial<HostRefMapFields> }).hostRefs
  if (
    !map ||
    typeof map.nextId !== 'number' ||
    !Array.isArray(map.freelist) ||
    !(map.groups instanceof Map)
  ) {
    throw new Error('quickjs-emscripten: unexpected host reference map')
  }
  return map as HostRefMapFields
}

function saveHostRefs(rt: QuickJSRuntime): HostRefState {
  const m = hostRefFields(rt)
  return {
    nextId: m.nextId,
    freelist: [...m.freelist],
    groups: new Map([...m.groups].map(([k, g]) => [k, new Map(g)])),
  }
}

function restoreHostRefs(rt: QuickJSRuntime, saved: HostRefState): void {
  const m = hostRefFields(rt)
  m.nextId = saved.nextId
  m.freelist = [...saved.freelist]
  m.groups = new Map([...saved.groups].map(([k, g]) => [k, new Map(g)]))
}

/** The emscripten module under a QuickJS module (its allocator, for calibration only). */
function emscriptenOf(module: QuickJSWASMModule): {
  _malloc(bytes: number): number
  _free(pointer: number): void
} {
  const em = (module as unknown as { module?: { _malloc?: unknown; _free?: unknown } }).module
  if (!em || typeof em._malloc !== 'function' || typeof em._free !== 'function') {
    throw new Error('quickjs-emscripten: the emscripten module is not reachable')
  }
  return em as { _malloc(bytes: number): number; _free(pointer: number): void }
}
