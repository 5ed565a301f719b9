/**
 * Column bytes: the self-describing encoding the vault seals per column per chunk, both ways.
 *
 * - `encodeColumn` / `decodeColumn`: a column ↔ bytes, with copies (the general form).
 * - `columnView`: the same checks as `decodeColumn`, without copying: the column's typed arrays are
 *   views into the bytes (a view gathers decrypted chunks straight into its frame from these).
 * - `encodeField`: one field of many records straight into the encoding, with no intermediate
 *   column (the import hot path).
 *
 * Layout (little endian): u8 kind tag, u8 version (1), u16 reserved, u32 rows, then per kind:
 *   time/number: rows × f64 (8-byte aligned from offset 8)
 *   bool:        rows × u8 (0 false, 1 true, 255 missing)
 *   category:    rows × i32, u32 dictionary length, then per entry u32 byte length + UTF-8
 *   text:        (rows+1) × u32 offsets, then the UTF-8 bytes
 */

import type { Column, ColumnKind } from './types.ts'
import { MISSING_BOOL, MISSING_CODE } from './types.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

const KIND_TAGS: Record<ColumnKind, number> = { time: 1, number: 2, category: 3, text: 4, bool: 5 }
const TAG_KINDS: Record<number, ColumnKind> = {
  1: 'time',
  2: 'number',
  3: 'category',
  4: 'text',
  5: 'bool',
}
/** Bytes before a column's body. */
export const COLUMN_HEADER_BYTES = 8
const HEADER = COLUMN_HEADER_BYTES

// Typed-array views read the host's byte order; every engine we run on is little endian, and the
// big-endian path below (DataView, with copies) keeps the format right anywhere else.
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

/** Error for bytes that are not a column encoding; the vault wraps it in its own tamper error. */
export class ColumnDecodeError extends Error {
  override name = 'ColumnDecodeError'
}

function rowCount(col: Column): number {
  switch (col.kind) {
    case 'category':
      return col.codes.length
    case 'text':
      return col.offsets.length - 1
    default:
      return col.values.length
  }
}

function header(kind: ColumnKind, rows: number, bodyBytes: number): Uint8Array {
  const out = new Uint8Array(HEADER + bodyBytes)
  out[0] = KIND_TAGS[kind]
  out[1] = 1
  new DataView(out.buffer).setUint32(4, rows, true)
  return out
}

function dictionaryBytes(dictionary: readonly string[]): { parts: Uint8Array[]; size: number } {
  const parts = dictionary.map((s) => encoder.encode(s))
  return { parts, size: 4 + parts.reduce((s, d) => s + 4 + d.length, 0) }
}

function writeDictionary(out: Uint8Array, at: number, parts: readonly Uint8Array[]): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  view.setUint32(at, parts.length, true)
  at += 4
  for (const d of parts) {
    view.setUint32(at, d.length, true)
    out.set(d, at + 4)
    at += 4 + d.length
  }
}

function writeInts(out: Uint8Array, at: number, ints: Int32Array | Uint32Array): void {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(ints.buffer, ints.byteOffset, ints.byteLength), at)
    return
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  for (let i = 0; i < ints.length; i++) view.setUint32(at + i * 4, ints[i]! >>> 0, true)
}

/** Serialises a column to self-describing bytes (what the vault seals per column per chunk). */
export function encodeColumn(col: Column): Uint8Array {
  const rows = rowCount(col)
  switch (col.kind) {
    case 'time':
    case 'number': {
      const out = header(col.kind, rows, rows * 8)
      if (LITTLE_ENDIAN) {
        out.set(new Uint8Array(col.values.buffer, col.values.byteOffset, col.values.byteLength), 8)
      } else {
        const view = new DataView(out.buffer)
        for (let i = 0; i < rows; i++) view.setFloat64(HEADER + i * 8, col.values[i]!, true)
      }
      return out
    }
    case 'bool': {
      const out = header('bool', rows, rows)
      out.set(col.values, HEADER)
      return out
    }
    case 'category': {
      const dict = dictionaryBytes(col.dictionary)
      const out = header('category', rows, rows * 4 + dict.size)
      writeInts(out, HEADER, col.codes)
      writeDictionary(out, HEADER + rows * 4, dict.parts)
      return out
    }
    case 'text': {
      const out = header('text', rows, (rows + 1) * 4 + col.bytes.length)
      writeInts(out, HEADER, col.offsets)
      out.set(col.bytes, HEADER + (rows + 1) * 4)
      return out
    }
  }
}

/**
 * Parses bytes written by `encodeColumn` without copying: the typed arrays of the result are views
 * into `bytes` (a copy only where `bytes` is misaligned or the host is big endian), so they live
 * as long as `bytes` and change with it. Throws ColumnDecodeError on anything inconsistent.
 */
export function columnView(bytes: Uint8Array): Column {
  if (bytes.length < HEADER) throw new ColumnDecodeError('column bytes shorter than header')
  const kind = TAG_KINDS[bytes[0]!]
  if (!kind || bytes[1] !== 1) throw new ColumnDecodeError('unknown column kind or version')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const rows = view.getUint32(4, true)
  const bodyBytes = bytes.length - HEADER
  const start = bytes.byteOffset + HEADER
  const need = (n: number): void => {
    if (bodyBytes < n) throw new ColumnDecodeError('column bytes truncated')
  }
  switch (kind) {
    case 'time':
    case 'number': {
      need(rows * 8)
      if (bodyBytes !== rows * 8) throw new ColumnDecodeError('column has trailing bytes')
      if (LITTLE_ENDIAN && start % 8 === 0) {
        return { kind, values: new Float64Array(bytes.buffer, start, rows) }
      }
      const values = new Float64Array(rows)
      for (let i = 0; i < rows; i++) values[i] = view.getFloat64(HEADER + i * 8, true)
      return { kind, values }
    }
    case 'bool': {
      if (bodyBytes !== rows) throw new ColumnDecodeError('bool column length mismatch')
      return { kind, values: bytes.subarray(HEADER) }
    }
    case 'category': {
      need(rows * 4 + 4)
      const codes = int32s(bytes, view, HEADER, rows)
      let at = HEADER + rows * 4
      const count = view.getUint32(at, true)
      at += 4
      const dictionary: string[] = []
      for (let d = 0; d < count; d++) {
        need(at - HEADER + 4)
        const len = view.getUint32(at, true)
        need(at - HEADER + 4 + len)
        try {
          dictionary.push(decoder.decode(bytes.subarray(at + 4, at + 4 + len)))
        } catch {
          throw new ColumnDecodeError('category dictionary entry is not UTF-8')
        }
        at += 4 + len
      }
      if (at !== bytes.length) throw new ColumnDecodeError('category column has trailing bytes')
      for (let i = 0; i < rows; i++) {
        const c = codes[i]!
        if (c !== MISSING_CODE && (c < 0 || c >= count)) {
          throw new ColumnDecodeError('category code out of range')
        }
      }
      return { kind, codes, dictionary }
    }
    case 'text': {
      need((rows + 1) * 4)
      const signed = int32s(bytes, view, HEADER, rows + 1)
      const offsets = new Uint32Array(signed.buffer, signed.byteOffset, rows + 1)
      const text = bytes.subarray(HEADER + (rows + 1) * 4)
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

/** `n` little-endian 32-bit integers at byte `at` of `bytes`: a view when aligned, else a copy. */
function int32s(bytes: Uint8Array, view: DataView, at: number, n: number): Int32Array {
  const start = bytes.byteOffset + at
  if (LITTLE_ENDIAN && start % 4 === 0) return new Int32Array(bytes.buffer, start, n)
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = view.getInt32(at + i * 4, true)
  return out
}

/** Parses bytes written by `encodeColumn` into a column that owns its arrays (a copy). */
export function decodeColumn(bytes: Uint8Array): Column {
  const col = columnView(bytes)
  switch (col.kind) {
    case 'time':
    case 'number':
      return { kind: col.kind, values: col.values.slice() }
    case 'bool':
      return { kind: 'bool', values: col.values.slice() }
    case 'category':
      return { kind: 'category', codes: col.codes.slice(), dictionary: col.dictionary }
    case 'text':
      return { kind: 'text', offsets: col.offsets.slice(), bytes: col.bytes.slice() }
  }
}

/** UTF-8 length of `s` as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) n += 1
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2 // 4 bytes for 2 UTF-16 units
        i++
      } else n += 2
    } else n += 2
  }
  return n
}

/**
 * Encodes `records[i][field]` for every record as one column of `kind`, byte-identical to
 * `encodeColumn(columnFromValues(kind, records.map((r) => r[field])))` without building either:
 * null, undefined and values of the wrong type become missing.
 */
export function encodeField(
  kind: ColumnKind,
  records: readonly Readonly<Record<string, unknown>>[],
  field: string,
): Uint8Array {
  const n = records.length
  switch (kind) {
    case 'time':
    case 'number': {
      const out = header(kind, n, n * 8)
      const values = LITTLE_ENDIAN ? new Float64Array(out.buffer, HEADER, n) : new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const v = records[i]![field]
        values[i] = typeof v === 'number' ? v : NaN
      }
      if (!LITTLE_ENDIAN) {
        const view = new DataView(out.buffer)
        for (let i = 0; i < n; i++) view.setFloat64(HEADER + i * 8, values[i]!, true)
      }
      return out
    }
    case 'bool': {
      const out = header('bool', n, n)
      for (let i = 0; i < n; i++) {
        const v = records[i]![field]
        out[HEADER + i] = v === true ? 1 : v === false ? 0 : MISSING_BOOL
      }
      return out
    }
    case 'category': {
      const codes = new Int32Array(n)
      const dictionary: string[] = []
      const index = new Map<string, number>()
      for (let i = 0; i < n; i++) {
        const v = records[i]![field]
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
      const dict = dictionaryBytes(dictionary)
      const out = header('category', n, n * 4 + dict.size)
      writeInts(out, HEADER, codes)
      writeDictionary(out, HEADER + n * 4, dict.parts)
      return out
    }
    case 'text': {
      const offsets = new Uint32Array(n + 1)
      let total = 0
      for (let i = 0; i < n; i++) {
        offsets[i] = total
        const v = records[i]![field]
        if (typeof v === 'string') total += utf8Length(v)
      }
      offsets[n] = total
      const base = HEADER + (n + 1) * 4
      const out = header('text', n, (n + 1) * 4 + total)
      writeInts(out, HEADER, offsets)
      for (let i = 0; i < n; i++) {
        const v = records[i]![field]
        if (typeof v !== 'string') continue
        let at = base + offsets[i]!
        let j = 0
        // ASCII inline (ids, most names); the rest of a string with anything else via encodeInto.
        for (; j < v.length; j++) {
          const c = v.charCodeAt(j)
          if (c >= 0x80) break
          out[at++] = c
        }
        if (j < v.length) encoder.encodeInto(v.slice(j), out.subarray(at, base + offsets[i + 1]!))
      }
      return out
    }
  }
}
