/**
 * Gathering rows of many columns into one: the last step of a view, which copies the rows inside
 * the window of each decrypted chunk (typed-array views from `columnView`) straight into the
 * frame's arrays, allocated once at their final size. No per-row objects, no intermediate columns.
 *
 * Categories are re-coded densely in order of first appearance, so the frame's dictionary names
 * exactly the values of its own rows, never one that only rows outside it hold.
 */

import type { Column, ColumnKind } from './types.ts'
import { MISSING_CODE } from './types.ts'

/** Rows appended so far into arrays sized for `capacity` rows; `finish()` gives the column. */
export class ColumnGather {
  readonly kind: ColumnKind
  #rows = 0
  #capacity: number
  #values: Float64Array | Uint8Array | undefined
  #codes: Int32Array | undefined
  #dictionary: string[] = []
  #index = new Map<string, number>()
  #offsets: Uint32Array | undefined
  #bytes: Uint8Array | undefined
  #byteLength = 0

  /**
   * `capacity` rows (and, for text, `textBytes` bytes) are allocated up front; appending more
   * is a RangeError for rows and grows the byte buffer for text.
   */
  constructor(kind: ColumnKind, capacity: number, textBytes = 0) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError('capacity must be an integer >= 0')
    }
    this.kind = kind
    this.#capacity = capacity
    switch (kind) {
      case 'time':
      case 'number':
        this.#values = new Float64Array(capacity)
        break
      case 'bool':
        this.#values = new Uint8Array(capacity)
        break
      case 'category':
        this.#codes = new Int32Array(capacity)
        break
      case 'text':
        this.#offsets = new Uint32Array(capacity + 1)
        this.#bytes = new Uint8Array(textBytes)
        break
    }
  }

  /** Rows appended so far. */
  get length(): number {
    return this.#rows
  }

  /** Appends rows [start, end) of `col` (same kind). */
  append(col: Column, start: number, end: number): void {
    if (col.kind !== this.kind) throw new TypeError(`append: ${col.kind} into ${this.kind}`)
    const n = end - start
    if (n <= 0) return
    if (this.#rows + n > this.#capacity) throw new RangeError('append: over capacity')
    const at = this.#rows
    switch (col.kind) {
      case 'time':
      case 'number':
      case 'bool':
        this.#values!.set(col.values.subarray(start, end), at)
        break
      case 'category': {
        const remap = this.#remap(col.dictionary)
        const codes = this.#codes!
        const src = col.codes
        for (let i = start; i < end; i++) {
          const c = src[i]!
          const d = c >= 0 ? remap[c]! : MISSING_CODE
          codes[at + i - start] = d >= 0 || c === MISSING_CODE ? d : this.#code(remap, c, col)
        }
        break
      }
      case 'text': {
        const from = col.offsets[start]!
        const to = col.offsets[end]!
        const base = this.#byteLength - from
        this.#reserve(to - from)
        const offsets = this.#offsets!
        for (let i = start; i < end; i++) offsets[at + i - start] = base + col.offsets[i]!
        this.#bytes!.set(col.bytes.subarray(from, to), this.#byteLength)
        this.#byteLength += to - from
        break
      }
    }
    this.#rows += n
  }

  /** Appends the rows of `col` listed in `rows`, in that order. */
  appendRows(col: Column, rows: Uint32Array): void {
    if (col.kind !== this.kind) throw new TypeError(`appendRows: ${col.kind} into ${this.kind}`)
    const n = rows.length
    if (this.#rows + n > this.#capacity) throw new RangeError('appendRows: over capacity')
    const at = this.#rows
    switch (col.kind) {
      case 'time':
      case 'number':
      case 'bool': {
        const out = this.#values!
        for (let i = 0; i < n; i++) out[at + i] = col.values[rows[i]!]!
        break
      }
      case 'category': {
        const remap = this.#remap(col.dictionary)
        const codes = this.#codes!
        for (let i = 0; i < n; i++) codes[at + i] = this.#code(remap, col.codes[rows[i]!]!, col)
        break
      }
      case 'text': {
        const offsets = this.#offsets!
        for (let i = 0; i < n; i++) {
          const r = rows[i]!
          const from = col.offsets[r]!
          const to = col.offsets[r + 1]!
          this.#reserve(to - from)
          offsets[at + i] = this.#byteLength
          this.#bytes!.set(col.bytes.subarray(from, to), this.#byteLength)
          this.#byteLength += to - from
        }
        break
      }
    }
    this.#rows += n
  }

  /** The gathered column; its arrays are exactly as long as the rows appended. */
  finish(): Column {
    const n = this.#rows
    const exact = n === this.#capacity
    switch (this.kind) {
      case 'time':
      case 'number': {
        const values = this.#values as Float64Array
        return { kind: this.kind, values: exact ? values : values.slice(0, n) }
      }
      case 'bool': {
        const values = this.#values as Uint8Array
        return { kind: 'bool', values: exact ? values : values.slice(0, n) }
      }
      case 'category': {
        const codes = this.#codes!
        return {
          kind: 'category',
          codes: exact ? codes : codes.slice(0, n),
          dictionary: this.#dictionary,
        }
      }
      case 'text': {
        const offsets = exact ? this.#offsets! : this.#offsets!.slice(0, n + 1)
        offsets[n] = this.#byteLength
        const bytes = this.#bytes!
        return {
          kind: 'text',
          offsets,
          bytes: bytes.length === this.#byteLength ? bytes : bytes.slice(0, this.#byteLength),
        }
      }
    }
  }

  /** Output code per input code of one appended column; -2 until its first row is seen. */
  #remap(dictionary: readonly string[]): Int32Array {
    return new Int32Array(dictionary.length).fill(-2)
  }

  #code(remap: Int32Array, c: number, col: Column & { kind: 'category' }): number {
    if (c === MISSING_CODE) return MISSING_CODE
    let d = remap[c]
    if (d === undefined) throw new RangeError('category code out of range')
    if (d === -2) {
      const value = col.dictionary[c]!
      d = this.#index.get(value) ?? -1
      if (d === -1) {
        d = this.#dictionary.length
        this.#dictionary.push(value)
        this.#index.set(value, d)
      }
      remap[c] = d
    }
    return d
  }

  #reserve(more: number): void {
    const bytes = this.#bytes!
    if (this.#byteLength + more <= bytes.length) return
    const grown = new Uint8Array(Math.max(this.#byteLength + more, bytes.length * 2))
    grown.set(bytes.subarray(0, this.#byteLength))
    this.#bytes = grown
  }
}
