/**
 * The host side of the wasm ABI for one run: the `sealpost.*` functions and `env.abort`, closed
 * over this run's frames only. Guests pass pointers into their own linear memory; every access is
 * bounds-checked against the memory's current size. Variable-length answers (dictionary entries,
 * params, kernel results) are staged and fetched with `take`, so the host never allocates inside
 * the guest.
 */

import type { Column, Frame } from '../frame/types.ts'
import { paramsJsonOf, type GuestJob } from '../_protocol.ts'
import {
  callKernel,
  checkKernelArgsLength,
  KernelArgumentError,
  MAX_KERNEL_NAME_CHARS,
} from '../kernels.ts'
import { ENV_ABORT, ENV_MODULE, HOST_MODULE, KIND_CODES, type HostFunctionName } from './abi.ts'

/** Thrown through the guest by `env.abort`: AssemblyScript's assertion failures and `throw`. */
export class GuestAbort extends Error {
  override name = 'GuestAbort'
}

/** Thrown through the guest when it calls a host function with arguments that cannot be served. */
export class BridgeMisuse extends Error {
  override name = 'BridgeMisuse'
}

/** Counts that become the run's GuestStats. */
export interface BridgeCounters {
  kernels: number
  columns: number
}

/** One run's imports and the state behind them. */
export interface Bridge {
  readonly imports: WebAssembly.Imports
  readonly counters: BridgeCounters
  /** Gives the bridge the module's own memory once the instance exists. */
  attach(memory: WebAssembly.Memory): void
}

const MAX_ABORT_CHARS = 300
const encoder = new TextEncoder()
const utf8 = new TextDecoder('utf-8', { fatal: true })
const utf16 = new TextDecoder('utf-16le')

interface FrameEntry {
  readonly frame: Frame
  readonly fields: readonly (readonly [string, Column])[]
}

function columnArrays(col: Column): readonly ArrayBufferView[] {
  if (col.kind === 'category') return [col.codes]
  if (col.kind === 'text') return [col.offsets, col.bytes]
  return [col.values]
}

/** Builds the imports for `job`; `memory` is the imported memory, if the module imports one. */
export function createBridge(job: GuestJob, memory: WebAssembly.Memory | undefined): Bridge {
  let mem = memory
  const entries: FrameEntry[] = job.frames.map((frame) => ({
    frame,
    fields: Object.entries(frame.columns),
  }))
  const frames = new Map(job.frames.map((f) => [f.collection, f]))
  const counters: BridgeCounters = { kernels: 0, columns: 0 }
  const copied = new Set<string>()
  let staged: Uint8Array | undefined

  const buffer = (): ArrayBuffer => {
    if (!mem) throw new BridgeMisuse('host functions are unavailable before the module starts')
    return mem.buffer
  }
  const span = (ptr: number, len: number): Uint8Array => {
    const buf = buffer()
    const start = ptr >>> 0
    const n = len >>> 0
    if (len < 0 || start + n > buf.byteLength) {
      throw new BridgeMisuse(`a host call pointed outside the module's memory (${start}+${n})`)
    }
    return new Uint8Array(buf, start, n)
  }
  const readString = (ptr: number, len: number): string => {
    try {
      return utf8.decode(span(ptr, len))
    } catch (e) {
      if (e instanceof BridgeMisuse) throw e
      throw new BridgeMisuse('a name passed to the host is not valid UTF-8')
    }
  }
  const entry = (coll: number): FrameEntry => {
    const e = entries[coll]
    if (!e) throw new BridgeMisuse(`no collection with index ${coll}`)
    return e
  }
  const column = (coll: number, field: number): readonly [string, Column] => {
    const f = entry(coll).fields[field]
    if (!f) throw new BridgeMisuse(`no field with index ${field} in collection ${coll}`)
    return f
  }
  const stage = (bytes: Uint8Array): number => {
    staged = bytes
    return bytes.length
  }
  const categories = (coll: number, field: number): readonly string[] => {
    const [name, col] = column(coll, field)
    if (col.kind !== 'category') throw new BridgeMisuse(`'${name}' is not a category field`)
    return col.dictionary
  }

  const host: Record<HostFunctionName, (...args: number[]) => number | void> = {
    now: () => job.now,
    collection: (ptr, len) => {
      const name = readString(ptr!, len!)
      return entries.findIndex((e) => e.frame.collection === name)
    },
    rows: (coll) => entry(coll!).frame.length,
    field: (coll, ptr, len) => {
      const name = readString(ptr!, len!)
      return entry(coll!).fields.findIndex(([n]) => n === name)
    },
    field_kind: (coll, field) => KIND_CODES[column(coll!, field!)[1].kind],
    column_bytes: (coll, field, part) => {
      const a = columnArrays(column(coll!, field!)[1])[part!]
      if (!a) throw new BridgeMisuse(`no part ${part} in this column`)
      return a.byteLength
    },
    column_copy: (coll, field, part, dest, len) => {
      const a = columnArrays(column(coll!, field!)[1])[part!]
      if (!a) throw new BridgeMisuse(`no part ${part} in this column`)
      if (len !== a.byteLength) {
        throw new BridgeMisuse(`column part is ${a.byteLength} bytes, the module asked for ${len}`)
      }
      span(dest!, len).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
      const key = `${coll}/${field}`
      if (!copied.has(key)) {
        copied.add(key)
        counters.columns++
      }
    },
    dict_size: (coll, field) => categories(coll!, field!).length,
    dict_entry: (coll, field, index) => {
      const value = categories(coll!, field!)[index!]
      if (value === undefined) throw new BridgeMisuse(`no dictionary entry ${index}`)
      return stage(encoder.encode(value))
    },
    params_json: () => stage(encoder.encode(paramsJsonOf(job))),
    trigger_row: () => job.trigger?.firstRow ?? -1,
    trigger_collection: () => (job.trigger ? stage(encoder.encode(job.trigger.collection)) : -1),
    kernel: (namePtr, nameLen, coll, argsPtr, argsLen) => {
      counters.kernels++
      try {
        // Lengths first: nothing of an oversize name or argument list is copied or decoded.
        if (nameLen! >>> 0 > MAX_KERNEL_NAME_CHARS) {
          throw new KernelArgumentError('kernel and collection names are short')
        }
        checkKernelArgsLength(argsLen! >>> 0)
        const name = readString(namePtr!, nameLen!)
        const collection = entry(coll!).frame.collection
        const args = readString(argsPtr!, argsLen!)
        return stage(encoder.encode(callKernel(frames, name, collection, args)))
      } catch (e) {
        // A bad pointer is the module's misuse, not a kernel complaint: it ends the run.
        if (e instanceof BridgeMisuse) throw e
        // Only the message crosses, as for QuickJS guests; the glue turns it into an abort.
        const message = e instanceof Error ? e.message : 'kernel failed'
        return -1 - stage(encoder.encode(message))
      }
    },
    take: (dest, len) => {
      if (!staged) throw new BridgeMisuse('take() called with nothing staged')
      if (len !== staged.length) {
        throw new BridgeMisuse(`the staged value is ${staged.length} bytes, take() asked ${len}`)
      }
      span(dest!, len).set(staged)
      staged = undefined
    },
  }

  const abort = (msgPtr: number, filePtr: number, line: number, col: number): never => {
    const message = readAsString(msgPtr) ?? 'abort'
    const file = readAsString(filePtr)
    throw new GuestAbort(file ? `${message} (${file}:${line >>> 0}:${col >>> 0})` : message)
  }
  /** An AssemblyScript string: UTF-16LE, its byte length in the u32 before it; null when 0. */
  const readAsString = (ptr: number): string | undefined => {
    const p = ptr >>> 0
    if (p === 0 || !mem || p < 4 || p > mem.buffer.byteLength) return undefined
    const bytes = new DataView(mem.buffer).getUint32(p - 4, true)
    const n = Math.min(bytes, MAX_ABORT_CHARS * 2, mem.buffer.byteLength - p) & ~1
    return utf16.decode(new Uint8Array(mem.buffer, p, n))
  }

  const sealpost: Record<string, unknown> = Object.create(null)
  for (const [name, fn] of Object.entries(host)) sealpost[name] = fn
  const env: Record<string, unknown> = Object.create(null)
  env[ENV_ABORT] = abort
  if (memory) env.memory = memory
  const imports: WebAssembly.Imports = Object.create(null)
  imports[HOST_MODULE] = sealpost as WebAssembly.ModuleImports
  imports[ENV_MODULE] = env as WebAssembly.ModuleImports
  return {
    imports,
    counters,
    attach: (m) => {
      mem = m
    },
  }
}
