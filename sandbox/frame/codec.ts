/**
 * The frame codec: records → typed-array columns, columns ↔ self-describing bytes (the vault stores
 * exactly these bytes, sealed per column), and the row operations a view needs (concat, take).
 */

import type { Column, ColumnKind, Frame } from './types.ts'
import { MISSING_BOOL, MISSING_CODE } from './types.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** Number of rows in a column. */
export function columnLength(col: Column): number {
  switch (col.kind) {
    case 'time':
    case 'number':
    case 'bool':
      return col.values.length
    case 'category':
      return col.codes.length
    case 'text':
      return col.offsets.length - 1
  }
}

/** Builds one column of `kind` from row values; null, undefined and wrong types become missing. */
export function columnFromValues(kind: ColumnKind, values: readonly unknown[]): Column {
  const n = values.length
  switch (kind) {
    case 'time':
    case 'number': {
      const out = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const v = values[i]
        out[i] = typeof v === 'number' ? v : NaN
      }
      return { kind, values: out }
    }
    case 'bool': {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) {
        const v = values[i]
        out[i] = v === true ? 1 : v === false ? 0 : MISSING_BOOL
      }
      return { kind, values: out }
    }
    case 'category': {
      const codes = new Int32Array(n)
      const dictionary: string[] = []
      const index = new Map<string, number>()
      for (let i = 0; i < n; i++) {
        const v = values[i]
        if (typeof v !== 'string') {
          codes[i] = MISSING_CODE
          continue
        }
        let code = index.get(v)
        if (code === undefined) {
          code = dictionary.length
          dictionary.push(v)
          index.set(v, code)
        }
        codes[i] = code
      }
      return { kind, codes, dictionary }
    }
    case 'text': {
      const parts: Uint8Array[] = new Array(n)
      const offsets = new Uint32Array(n + 1)
      let total = 0
      for (let i = 0; i < n; i++) {
        const v = values[i]
        const bytes = typeof v === 'string' ? encoder.encode(v) : new Uint8Array(0)
        parts[i] = bytes
        offsets[i] = total
        total += bytes.length
      }
      offsets[n] = total
      const bytes = new Uint8Array(total)
      for (let i = 0; i < n; i++) bytes.set(parts[i]!, offsets[i]!)
      return { kind, offsets, bytes }
    }
  }
}

/** Reads row `i` of a column back as a plain value (undefined when missing). */
export function columnValue(col: Column, i: number): string | number | boolean | undefined {
  switch (col.kind) {
    case 'time':
    case 'number': {
      const v = col.values[i]!
      return Number.isNaN(v) ? undefined : v
    }
    case 'bool': {
      const v = col.values[i]!
      return v === MISSING_BOOL ? undefined : v === 1
    }
    case 'category': {
      const c = col.codes[i]!
      return c === MISSING_CODE ? undefined : col.dictionary[c]
    }
    case 'text':
      return decoder.decode(col.bytes.subarray(col.offsets[i]!, col.offsets[i + 1]!))
  }
}

/** A new column with the rows at `rows` (in that order). */
export function takeRows(col: Column, rows: Uint32Array): Column {
  const n = rows.length
  switch (col.kind) {
    case 'time':
    case 'number': {
      const out = new Float64Array(n)
      for (let i = 0; i < n; i++) out[i] = col.values[rows[i]!]!
      return { kind: col.kind, values: out }
    }
    case 'bool': {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) out[i] = col.values[rows[i]!]!
      return { kind: 'bool', values: out }
    }
    case 'category': {
      // Re-code densely so a filtered view does not reveal dictionary entries of rows outside it.
      const codes = new Int32Array(n)
      const dictionary: string[] = []
      const remap = new Map<number, number>()
      for (let i = 0; i < n; i++) {
        const c = col.codes[rows[i]!]!
        if (c === MISSING_CODE) {
          codes[i] = MISSING_CODE
          continue
        }
        let d = remap.get(c)
        if (d === undefined) {
          d = dictionary.length
          dictionary.push(col.dictionary[c]!)
          remap.set(c, d)
        }
        codes[i] = d
      }
      return { kind: 'category', codes, dictionary }
    }
    case 'text': {
      const offsets = new Uint32Array(n + 1)
      let total = 0
      for (let i = 0; i < n; i++) {
        const r = rows[i]!
        offsets[i] = total
        total += col.offsets[r + 1]! - col.offsets[r]!
      }
      offsets[n] = total
      const bytes = new Uint8Array(total)
      for (let i = 0; i < n; i++) {
        const r = rows[i]!
        bytes.set(col.bytes.subarray(col.offsets[r]!, col.offsets[r + 1]!), offsets[i]!)
      }
      return { kind: 'text', offsets, bytes }
    }
  }
}

/** Concatenates columns of the same kind, in order. */
export function concatColumns(cols: readonly Column[]): Column {
  const first = cols[0]
  if (!first) throw new RangeError('concatColumns: cols must not be empty')
  if (cols.length === 1) return first
  for (const c of cols) {
    if (c.kind !== first.kind)
      throw new TypeError(`concatColumns: mixed kinds ${first.kind}/${c.kind}`)
  }
  const total = cols.reduce((s, c) => s + columnLength(c), 0)
  switch (first.kind) {
    case 'time':
    case 'number':
    case 'bool': {
      const out = first.kind === 'bool' ? new Uint8Array(total) : new Float64Array(total)
      let at = 0
      for (const c of cols as readonly (typeof first)[]) {
        out.set(c.values, at)
        at += c.values.length
      }
      return { kind: first.kind, values: out } as Column
    }
    case 'category': {
      const codes = new Int32Array(total)
      const dictionary: string[] = []
      const index = new Map<string, number>()
      let at = 0
      for (const c of cols) {
        if (c.kind !== 'category') continue
        const remap = c.dictionary.map((s) => {
          let d = index.get(s)
          if (d === undefined) {
            d = dictionary.length
            dictionary.push(s)
            index.set(s, d)
          }
          return d
        })
        for (let i = 0; i < c.codes.length; i++) {
          const code = c.codes[i]!
          codes[at++] = code === MISSING_CODE ? MISSING_CODE : remap[code]!
        }
      }
      return { kind: 'category', codes, dictionary }
    }
    case 'text': {
      const offsets = new Uint32Array(total + 1)
      const byteTotal = cols.reduce((s, c) => s + (c.kind === 'text' ? c.bytes.length : 0), 0)
      const bytes = new Uint8Array(byteTotal)
      let row = 0
      let base = 0
      for (const c of cols) {
        if (c.kind !== 'text') continue
        const n = c.offsets.length - 1
        for (let i = 0; i < n; i++) offsets[row + i] = base + c.offsets[i]!
        bytes.set(c.bytes, base)
        row += n
        base += c.bytes.length
      }
      offsets[total] = base
      return { kind: 'text', offsets, bytes }
    }
  }
}

// ---- bytes ------------------------------------------------------------------------------------
// Layout (little endian): u8 kind tag, u8 version(1), u16 reserved, u32 rows, then per kind:
//   time/number: rows × f64 (8-byte aligned from offset 8)
//   bool:        rows × u8
//   category:    rows × i32, u32 dictionary length, then per entry u32 byte length + UTF-8
//   text:        (rows+1) × u32 offsets, then the UTF-8 bytes
const KIND_TAGS: Record<ColumnKind, number> = { time: 1, number: 2, category: 3, text: 4, bool: 5 }
const TAG_KINDS: Record<number, ColumnKind> = {
  1: 'time',
  2: 'number',
  3: 'category',
  4: 'text',
  5: 'bool',
}
const HEADER = 8

/** Serialises a column to self-describing bytes (what the vault seals per column per chunk). */
export function encodeColumn(col: Column): Uint8Array {
  const rows = columnLength(col)
  let body: Uint8Array
  switch (col.kind) {
    case 'time':
    case 'number':
      body = new Uint8Array(col.values.buffer, col.values.byteOffset, col.values.byteLength)
      break
    case 'bool':
      body = col.values
      break
    case 'category': {
      const dict = col.dictionary.map((s) => encoder.encode(s))
      const size = rows * 4 + 4 + dict.reduce((s, d) => s + 4 + d.length, 0)
      body = new Uint8Array(size)
      const view = new DataView(body.buffer)
      for (let i = 0; i < rows; i++) view.setInt32(i * 4, col.codes[i]!, true)
      let at = rows * 4
      view.setUint32(at, dict.length, true)
      at += 4
      for (const d of dict) {
        view.setUint32(at, d.length, true)
        body.set(d, at + 4)
        at += 4 + d.length
      }
      break
    }
    case 'text': {
      body = new Uint8Array((rows + 1) * 4 + col.bytes.length)
      const view = new DataView(body.buffer)
      for (let i = 0; i <= rows; i++) view.setUint32(i * 4, col.offsets[i]!, true)
      body.set(col.bytes, (rows + 1) * 4)
      break
    }
  }
  const out = new Uint8Array(HEADER + body.length)
  const view = new DataView(out.buffer)
  out[0] = KIND_TAGS[col.kind]
  out[1] = 1
  view.setUint32(4, rows, true)
  out.set(body, HEADER)
  return out
}

/** Error for bytes that are not a column encoding; the vault wraps it in its own tamper error. */
export class ColumnDecodeError extends Error {
  override name = 'ColumnDecodeError'
}

/** Parses bytes written by `encodeColumn`; throws ColumnDecodeError on anything inconsistent. */
export function decodeColumn(bytes: Uint8Array): Column {
  if (bytes.length < HEADER) throw new ColumnDecodeError('column bytes shorter than header')
  const kind = TAG_KINDS[bytes[0]!]
  if (!kind || bytes[1] !== 1) throw new ColumnDecodeError('unknown column kind or version')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const rows = view.getUint32(4, true)
  const body = bytes.subarray(HEADER)
  const need = (n: number): void => {
    if (body.length < n) throw new ColumnDecodeError('column bytes truncated')
  }
  switch (kind) {
    case 'time':
    case 'number': {
      need(rows * 8)
      if (body.length !== rows * 8) throw new ColumnDecodeError('column has trailing bytes')
      const values = new Float64Array(rows)
      new Uint8Array(values.buffer).set(body)
      return { kind, values }
    }
    case 'bool': {
      if (body.length !== rows) throw new ColumnDecodeError('bool column length mismatch')
      return { kind, values: body.slice() }
    }
    case 'category': {
      need(rows * 4 + 4)
      const codes = new Int32Array(rows)
      for (let i = 0; i < rows; i++) codes[i] = view.getInt32(HEADER + i * 4, true)
      let at = rows * 4
      const count = view.getUint32(HEADER + at, true)
      at += 4
      const dictionary: string[] = []
      for (let d = 0; d < count; d++) {
        need(at + 4)
        const len = view.getUint32(HEADER + at, true)
        need(at + 4 + len)
        let entry: string
        try {
          entry = decoder.decode(body.subarray(at + 4, at + 4 + len))
        } catch {
          throw new ColumnDecodeError('category dictionary entry is not UTF-8')
        }
        dictionary.push(entry)
        at += 4 + len
      }
      if (at !== body.length) throw new ColumnDecodeError('category column has trailing bytes')
      for (const c of codes) {
        if (c !== MISSING_CODE && (c < 0 || c >= count)) {
          throw new ColumnDecodeError('category code out of range')
        }
      }
      return { kind, codes, dictionary }
    }
    case 'text': {
      need((rows + 1) * 4)
      const offsets = new Uint32Array(rows + 1)
      for (let i = 0; i <= rows; i++) offsets[i] = view.getUint32(HEADER + i * 4, true)
      const text = body.slice((rows + 1) * 4)
      for (let i = 0; i < rows; i++) {
        if (offsets[i]! > offsets[i + 1]!) throw new ColumnDecodeError('text offsets not monotonic')
      }
      if (offsets[0] !== 0 || offsets[rows] !== text.length) {
        throw new ColumnDecodeError('text offsets do not cover the bytes')
      }
      return { kind, offsets, bytes: text }
    }
  }
}

/** Field kinds of a collection schema (`x-kind` per property) and its time field (`x-time`). */
export interface CollectionLayout {
  readonly name: string
  readonly timeField: string
  readonly kinds: Readonly<Record<string, ColumnKind>>
}

/**
 * Builds a frame from plain records: only `fields`, only rows whose time lies in [from, to), in
 * time order. The in-memory reference path; the vault builds the same frame from sealed chunks.
 */
export function frameFromRecords(
  layout: CollectionLayout,
  records: readonly Readonly<Record<string, unknown>>[],
  fields: readonly string[],
  from: number,
  to: number,
): Frame {
  for (const f of fields) {
    if (!(f in layout.kinds)) throw new RangeError(`field '${f}' is not in ${layout.name}`)
  }
  const picked: number[] = []
  for (let i = 0; i < records.length; i++) {
    const t = records[i]![layout.timeField]
    if (typeof t === 'number' && t >= from && t < to) picked.push(i)
  }
  picked.sort(
    (a, b) =>
      (records[a]![layout.timeField] as number) - (records[b]![layout.timeField] as number) ||
      a - b,
  )
  const columns: Record<string, Column> = {}
  for (const f of fields) {
    columns[f] = columnFromValues(
      layout.kinds[f]!,
      picked.map((i) => records[i]![f]),
    )
  }
  return { collection: layout.name, length: picked.length, columns }
}
