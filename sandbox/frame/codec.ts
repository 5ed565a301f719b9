/**
 * The frame codec: records → typed-array columns, and the row operations a view needs (concat,
 * take, gather). Columns ↔ self-describing bytes (what the vault seals per column) live in
 * `column_bytes.ts` and are re-exported here.
 */

import type { Column, ColumnKind, Frame, TextColumn } from './types.ts'
import { MISSING_BOOL, MISSING_CODE } from './types.ts'

export { ColumnDecodeError, decodeColumn, encodeColumn } from './column_bytes.ts'

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

const lenient = new TextDecoder()

/**
 * Every row of a text column as a string (invalid UTF-8 becomes U+FFFD). When the bytes are all
 * ASCII, byte offsets are string indices: one decode of the whole column and a slice per row,
 * instead of a decoder call per row.
 */
export function textRows(col: TextColumn): string[] {
  const n = col.offsets.length - 1
  const out = new Array<string>(n)
  let ascii = true
  for (let i = 0; i < col.bytes.length; i++) {
    if (col.bytes[i]! >= 0x80) {
      ascii = false
      break
    }
  }
  if (ascii) {
    const all = lenient.decode(col.bytes)
    for (let i = 0; i < n; i++) out[i] = all.slice(col.offsets[i]!, col.offsets[i + 1]!)
  } else {
    for (let i = 0; i < n; i++) {
      out[i] = lenient.decode(col.bytes.subarray(col.offsets[i]!, col.offsets[i + 1]!))
    }
  }
  return out
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
