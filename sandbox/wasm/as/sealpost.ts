// @ts-nocheck: AssemblyScript, compiled by asc (sandbox/wasm/compile.ts), never by tsc.
/**
 * sealpost for AssemblyScript modules: typed access to the run's consented frames, its time, its
 * params, the native kernels, and the output. A module imports what it needs and re-exports
 * `output_len`:
 *
 *   import { Frame, now, output, jsonString } from 'sealpost/guest/as'
 *   export { output_len } from 'sealpost/guest/as'
 *
 *   export function analyze(): usize {
 *     const runs = Frame.open('activities')!
 *     return output('{"n":' + runs.length.toString() + '}')
 *   }
 *
 * The host functions below are imported from the module "sealpost" (this file's name); ABI.md
 * describes each. Columns are copied into linear memory on first access, once each.
 */

export declare function now(): f64
declare function collection(namePtr: usize, nameLen: i32): i32
declare function rows(coll: i32): i32
declare function field(coll: i32, namePtr: usize, nameLen: i32): i32
declare function field_kind(coll: i32, fieldIndex: i32): i32
declare function column_bytes(coll: i32, fieldIndex: i32, part: i32): i32
declare function column_copy(coll: i32, fieldIndex: i32, part: i32, dest: usize, len: i32): void
declare function dict_size(coll: i32, fieldIndex: i32): i32
declare function dict_entry(coll: i32, fieldIndex: i32, index: i32): i32
declare function params_json(): i32
declare function trigger_row(): i32
declare function trigger_collection(): i32
declare function kernel(namePtr: usize, nameLen: i32, coll: i32, argsPtr: usize, argsLen: i32): i32
declare function take(dest: usize, len: i32): void

/** Field kinds, as `Frame.kind` reports them. */
export const KIND_NONE: i32 = 0
export const KIND_TIME: i32 = 1
export const KIND_NUMBER: i32 = 2
export const KIND_CATEGORY: i32 = 3
export const KIND_TEXT: i32 = 4
export const KIND_BOOL: i32 = 5

/** Missing values: NaN in number/time columns, -1 category codes, 255 in bool columns. */
export const MISSING_CODE: i32 = -1
export const MISSING_BOOL: u8 = 255

/** Fetches `len` staged bytes from the host as a string. */
function takeString(len: i32): string {
  const buf = new ArrayBuffer(len)
  take(changetype<usize>(buf), len)
  return String.UTF8.decode(buf)
}

/** One collection's consented view: only the consented fields, only the rows in the window. */
export class Frame {
  private nums: Map<i32, Float64Array> = new Map<i32, Float64Array>()
  private codeArrays: Map<i32, Int32Array> = new Map<i32, Int32Array>()
  private boolArrays: Map<i32, Uint8Array> = new Map<i32, Uint8Array>()
  private dicts: Map<i32, string[]> = new Map<i32, string[]>()
  private offsets: Map<i32, Uint32Array> = new Map<i32, Uint32Array>()
  private texts: Map<i32, Uint8Array> = new Map<i32, Uint8Array>()

  constructor(
    readonly index: i32,
    readonly collection: string,
    readonly length: i32,
  ) {}

  /** The frame of a consented collection, or null when the run has none of that name. */
  static open(name: string): Frame | null {
    const utf = String.UTF8.encode(name)
    const i = collection(changetype<usize>(utf), utf.byteLength)
    if (i < 0) return null
    return new Frame(i, name, rows(i))
  }

  /**
   * The frame of a collection the manifest reads; aborts naming it (and where to declare it) when
   * the run has none of that name.
   */
  static read(name: string): Frame {
    const frame = Frame.open(name)
    if (!frame) {
      throw new Error(
        "collection '" +
          name +
          "' is not in this bundle's reads: add it to 'reads' in manifest.json",
      )
    }
    return frame
  }

  /** Index of a consented field, or -1. */
  fieldIndex(name: string): i32 {
    const utf = String.UTF8.encode(name)
    return field(this.index, changetype<usize>(utf), utf.byteLength)
  }

  /** Whether a field is in this view. */
  has(name: string): bool {
    return this.fieldIndex(name) >= 0
  }

  /** KIND_TIME, KIND_NUMBER, KIND_CATEGORY, KIND_TEXT, KIND_BOOL, or KIND_NONE. */
  kind(name: string): i32 {
    const f = this.fieldIndex(name)
    return f < 0 ? KIND_NONE : field_kind(this.index, f)
  }

  private copy(f: i32, part: i32): ArrayBuffer {
    const n = column_bytes(this.index, f, part)
    const buf = new ArrayBuffer(n)
    column_copy(this.index, f, part, changetype<usize>(buf), n)
    return buf
  }

  /** Float64Array of a time (ms since epoch) or number field; NaN = missing. */
  num(name: string): Float64Array | null {
    const f = this.fieldIndex(name)
    if (f < 0) return null
    const k = field_kind(this.index, f)
    if (k != KIND_TIME && k != KIND_NUMBER) return null
    if (!this.nums.has(f)) this.nums.set(f, Float64Array.wrap(this.copy(f, 0)))
    return this.nums.get(f)
  }

  /** Int32Array of dictionary codes of a category field; -1 = missing. */
  codes(name: string): Int32Array | null {
    const f = this.fieldIndex(name)
    if (f < 0 || field_kind(this.index, f) != KIND_CATEGORY) return null
    if (!this.codeArrays.has(f)) this.codeArrays.set(f, Int32Array.wrap(this.copy(f, 0)))
    return this.codeArrays.get(f)
  }

  /** The dictionary of a category field: codes index into it. */
  dict(name: string): string[] | null {
    const f = this.fieldIndex(name)
    if (f < 0 || field_kind(this.index, f) != KIND_CATEGORY) return null
    if (!this.dicts.has(f)) {
      const n = dict_size(this.index, f)
      const out = new Array<string>(n)
      for (let i = 0; i < n; i++) out[i] = takeString(dict_entry(this.index, f, i))
      this.dicts.set(f, out)
    }
    return this.dicts.get(f)
  }

  /** Uint8Array of a bool field: 0, 1, 255 = missing. */
  bools(name: string): Uint8Array | null {
    const f = this.fieldIndex(name)
    if (f < 0 || field_kind(this.index, f) != KIND_BOOL) return null
    if (!this.boolArrays.has(f)) this.boolArrays.set(f, Uint8Array.wrap(this.copy(f, 0)))
    return this.boolArrays.get(f)
  }

  /** Row `row` of a text field as a string (null when the field is not a consented text field). */
  text(name: string, row: i32): string | null {
    const f = this.fieldIndex(name)
    if (f < 0 || field_kind(this.index, f) != KIND_TEXT) return null
    if (!this.offsets.has(f)) {
      this.offsets.set(f, Uint32Array.wrap(this.copy(f, 0)))
      this.texts.set(f, Uint8Array.wrap(this.copy(f, 1)))
    }
    const offsets = this.offsets.get(f)
    const bytes = this.texts.get(f)
    const start = offsets[row]
    const end = offsets[row + 1]
    return String.UTF8.decodeUnsafe(bytes.dataStart + <usize>start, <usize>(end - start))
  }

  /**
   * Runs a native kernel over this frame: `name` is count, sum, groupSum, groupMean, topK or
   * histogram, `argsJson` its arguments as a JSON array (as in the JavaScript API). Returns the
   * result as JSON; a refused call aborts the module with the kernel's message.
   */
  call(name: string, argsJson: string): string {
    const n = String.UTF8.encode(name)
    const a = String.UTF8.encode(argsJson)
    const r = kernel(
      changetype<usize>(n),
      n.byteLength,
      this.index,
      changetype<usize>(a),
      a.byteLength,
    )
    if (r < 0) throw new Error('kernel ' + name + ': ' + takeString(-1 - r))
    return takeString(r)
  }
}

/** The bundle's static assets as JSON text (`null` when it has none). */
export function params(): string {
  return takeString(params_json())
}

/** For trigger runs, the first newly ingested row; -1 otherwise. */
export function triggerRow(): i32 {
  return trigger_row()
}

/** For trigger runs, the collection whose new rows fired the run; null otherwise. */
export function triggerCollection(): string | null {
  const len = trigger_collection()
  return len < 0 ? null : takeString(len)
}

/** A string as a JSON string literal (quotes and escapes included). */
export function jsonString(s: string): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c == 0x22) out += '\\"'
    else if (c == 0x5c) out += '\\\\'
    else if (c < 0x20) {
      const hex = c.toString(16)
      out += '\\u' + (hex.length == 1 ? '000' : '00') + hex
    } else out += String.fromCharCode(c)
  }
  return out + '"'
}

let outputBytes: ArrayBuffer | null = null

/** Sets the run's output (JSON text); `analyze` returns what this returns. */
export function output(json: string): usize {
  const bytes = String.UTF8.encode(json)
  outputBytes = bytes // kept reachable until the host has read it
  return changetype<usize>(bytes)
}

/** Length in bytes of the output; every module re-exports this for the host. */
export function output_len(): i32 {
  const bytes = outputBytes
  return bytes ? bytes.byteLength : 0
}
