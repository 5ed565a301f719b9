/**
 * The wasm engine, as it runs inside the sandbox Worker: WebAssembly modules compiled from
 * AssemblyScript (or anything that follows ABI.md). Each run validates and admits the module
 * before instantiating it (imports on the allow-list, one bounded memory), gets a fresh instance,
 * calls `analyze()` and reads the output after checking its length against the cap. Compiled
 * modules are cached by digest. A module that imports its memory gets the Worker's pooled memory
 * for that bound, all zeros: the pool is zeroed after every run (`tidy()`, off the answer's
 * latency), never handed out dirty, and dropped when a run grew it large. A fresh
 * `WebAssembly.Memory` per run would cost the page faults of touching it all again (~13 ms for
 * 2.8 MiB measured). A module that defines its own memory gets a new one with its instance.
 * There is no soft deadline: the host's hard deadline (Worker termination) ends endless loops.
 */

import type { GuestJob } from '../_protocol.ts'
import { memoryPages, type SandboxLimits } from '../limits.ts'
import type { GuestOutcome } from '../quickjs/engine.ts'
import { admitModule } from './_admit.ts'
import { createBridge } from './_bridge.ts'
import { classifyFailure } from './_failure.ts'
import { EXPORT_ANALYZE, EXPORT_MEMORY, EXPORT_OUTPUT_LEN, WASM_PAGE_BYTES } from './abi.ts'

/** Compiled modules kept per worker (by SHA-256 of the bytes). */
const DEFAULT_CACHED_MODULES = 16
/** A pooled memory larger than this after a run is dropped rather than zeroed. */
const DEFAULT_MAX_POOLED_BYTES = 32 << 20

const utf8 = new TextDecoder('utf-8', { fatal: true })

export interface WasmEngineOptions {
  /** How many compiled modules to keep, least recently used dropped first (default 16). */
  readonly cachedModules?: number
  /**
   * Largest pooled memory kept after a run, in bytes (default 32 MiB; 0: no pooling, a fresh
   * memory for every run).
   */
  readonly maxPooledBytes?: number
}

/** A pooled memory, by its maximum in pages. */
interface Pooled {
  readonly maximum: number
  readonly memory: WebAssembly.Memory
}

/** Runs wasm guests one at a time inside the current (worker) thread. */
export class WasmEngine {
  readonly #cache = new Map<string, WebAssembly.Module>()
  readonly #cachedModules: number
  readonly #maxPooledBytes: number
  /** The Worker's pooled memory, all zeros whenever no run holds it. */
  #pool: Pooled | undefined
  /** The zeroing owed by the last run, done by `tidy()`. */
  #untidy: Pooled | undefined

  /** `options.cachedModules` bounds the compiled-module cache. */
  constructor(options: WasmEngineOptions = {}) {
    const n = options.cachedModules ?? DEFAULT_CACHED_MODULES
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError('options.cachedModules must be a non-negative integer')
    }
    this.#cachedModules = n
    const pooled = options.maxPooledBytes ?? DEFAULT_MAX_POOLED_BYTES
    if (!Number.isInteger(pooled) || pooled < 0) {
      throw new RangeError('options.maxPooledBytes must be a non-negative integer')
    }
    this.#maxPooledBytes = pooled
  }

  /**
   * Zeroes the memory the last run used and puts it back in the pool (or drops it when it grew
   * past `maxPooledBytes`). The Worker calls this right after posting a result; `run()` calls it
   * first in any case, so no run is handed a memory an earlier run wrote.
   */
  tidy(): void {
    const used = this.#untidy
    this.#untidy = undefined
    if (!used) return
    const bytes = used.memory.buffer.byteLength
    if (bytes > this.#maxPooledBytes) return
    new Uint8Array(used.memory.buffer).fill(0)
    this.#pool = used
  }

  /** A zeroed memory of at least `initial` pages with this maximum: the pool's, or a new one. */
  #memory(initial: number, maximum: number): WebAssembly.Memory {
    const pooled = this.#pool
    this.#pool = undefined
    if (pooled && pooled.maximum === maximum) {
      const pages = pooled.memory.buffer.byteLength / WASM_PAGE_BYTES
      if (pages < initial) pooled.memory.grow(initial - pages)
      this.#untidy = pooled
      return pooled.memory
    }
    const memory = new WebAssembly.Memory({ initial, maximum })
    if (this.#maxPooledBytes > 0) this.#untidy = { maximum, memory }
    return memory
  }

  /**
   * Runs one job to completion; guest failures come back as `{ ok: false }`, never thrown.
   * `started` is called once the module is compiled and admitted, right before instantiation
   * (whose start function is already guest code).
   */
  async run(job: GuestJob, started?: () => void): Promise<GuestOutcome> {
    this.tidy()
    if (!(job.code instanceof Uint8Array)) {
      return fail('SEALPOST_MODULE_REJECTED', 'the wasm engine runs WebAssembly bytes only')
    }
    const bytes = ownBytes(job.code)
    const compiled = await this.#compile(bytes)
    if (!compiled.ok) return compiled.outcome
    const start = performance.now()
    try {
      const plan = admitModule(compiled.module, bytes, memoryPages(job.limits.memoryBytes))
      const memory =
        plan.kind === 'imported'
          ? this.#memory(Math.min(plan.maximum, plan.initial + framePages(job)), plan.maximum)
          : undefined
      const bridge = createBridge(job, memory)
      started?.()
      // The start function (global initialisers) runs here, already under the hard deadline.
      const instance = await WebAssembly.instantiate(compiled.module, bridge.imports)
      const exports = instance.exports
      const linear = memory ?? exports[EXPORT_MEMORY]
      if (!(linear instanceof WebAssembly.Memory)) {
        return fail('SEALPOST_MODULE_REJECTED', 'the module exports no linear memory')
      }
      if (!memory) bridge.attach(linear)
      const analyze = exports[EXPORT_ANALYZE] as () => unknown
      const outputLen = exports[EXPORT_OUTPUT_LEN] as () => unknown
      const ptr = analyze()
      const len = outputLen()
      const output = readOutput(linear, ptr, len, job.limits)
      if (!output.ok) return output.outcome
      return {
        ok: true,
        output: output.text,
        stats: {
          runMs: performance.now() - start,
          warm: compiled.cached,
          reused: false,
          kernelCalls: bridge.counters.kernels,
          columnsCopied: bridge.counters.columns,
        },
      }
    } catch (e) {
      return { ok: false, error: classifyFailure(e) }
    }
  }

  async #compile(
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<
    { ok: true; module: WebAssembly.Module; cached: boolean } | { ok: false; outcome: GuestOutcome }
  > {
    const digest = await sha256Hex(bytes)
    const hit = this.#cache.get(digest)
    if (hit) {
      this.#cache.delete(digest)
      this.#cache.set(digest, hit)
      return { ok: true, module: hit, cached: true }
    }
    if (!WebAssembly.validate(bytes)) {
      return {
        ok: false,
        outcome: fail('SEALPOST_MODULE_REJECTED', 'the code is not a valid WebAssembly module'),
      }
    }
    let module: WebAssembly.Module
    try {
      module = await WebAssembly.compile(bytes)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      return {
        ok: false,
        outcome: fail('SEALPOST_MODULE_REJECTED', `the module does not compile: ${message}`),
      }
    }
    if (this.#cachedModules > 0) {
      this.#cache.set(digest, module)
      while (this.#cache.size > this.#cachedModules) {
        this.#cache.delete(this.#cache.keys().next().value!)
      }
    }
    return { ok: true, module, cached: false }
  }
}

type Read = { ok: true; text: string } | { ok: false; outcome: GuestOutcome }

/** The output bytes, checked against the cap before they are decoded. */
function readOutput(
  memory: WebAssembly.Memory,
  ptr: unknown,
  len: unknown,
  limits: SandboxLimits,
): Read {
  if (typeof ptr !== 'number' || typeof len !== 'number') {
    return {
      ok: false,
      outcome: fail(
        'SEALPOST_GUEST_ERROR',
        'analyze() must return the output address and output_len() its length (i32)',
      ),
    }
  }
  const n = len >>> 0
  if (n > limits.outputBytes) {
    return {
      ok: false,
      outcome: fail(
        'SEALPOST_OUTPUT_TOO_LARGE',
        `output is ${n} bytes, over the cap of ${limits.outputBytes} bytes`,
      ),
    }
  }
  const start = ptr >>> 0
  const buffer = memory.buffer
  if (start + n > buffer.byteLength) {
    return {
      ok: false,
      outcome: fail('SEALPOST_GUEST_ERROR', 'the output lies outside the module’s memory'),
    }
  }
  try {
    return { ok: true, text: utf8.decode(new Uint8Array(buffer, start, n)) }
  } catch {
    return { ok: false, outcome: fail('SEALPOST_GUEST_ERROR', 'the output is not valid UTF-8') }
  }
}

/** The bytes on a plain ArrayBuffer (what the WebAssembly and digest APIs take). */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice()
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  let hex = ''
  for (const b of digest) hex += b.toString(16).padStart(2, '0')
  return hex
}

/**
 * Pages for the frames' columns plus allocator slack, added to the initial memory so copying the
 * columns in does not grow the memory step by step (untouched pages cost nothing).
 */
function framePages(job: GuestJob): number {
  let bytes = 0
  for (const frame of job.frames) {
    for (const col of Object.values(frame.columns)) {
      if (col.kind === 'category') bytes += col.codes.byteLength
      else if (col.kind === 'text') bytes += col.offsets.byteLength + col.bytes.byteLength
      else bytes += col.values.byteLength
    }
  }
  return Math.ceil((bytes * 1.25) / WASM_PAGE_BYTES) + 1
}

function fail(code: string, message: string): GuestOutcome {
  return { ok: false, error: { code, message } }
}
