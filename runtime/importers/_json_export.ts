/**
 * Helpers for exports that are one JSON document (Takeout, FHIR, Instagram, X archive): a bounded
 * whole read, a parse whose errors carry a line and column, and small typed field readers.
 */
import { ImportFormatError } from './errors.ts'
import { DEFAULT_MAX_DOCUMENT_BYTES, headText, readAll } from './_source.ts'
import type { ImportSource } from './types.ts'

/** A parsed JSON object (never an array or a primitive). */
export type JsonObject = { readonly [key: string]: unknown }

/** Reads the option `maxBytes` (a positive integer) or the default document cap. */
export function maxBytesOption(options: Readonly<Record<string, unknown>> | undefined): number {
  const value = options?.['maxBytes']
  if (value === undefined) return DEFAULT_MAX_DOCUMENT_BYTES
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError('options.maxBytes must be a positive integer')
  }
  return value
}

/** Reads the whole source as UTF-8 text (BOM dropped), refusing more than `maxBytes`. */
export async function readDocumentText(
  source: ImportSource,
  format: string,
  maxBytes: number,
): Promise<string> {
  const bytes = await readAll(source, format, maxBytes)
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch (cause) {
    throw new ImportFormatError(format, 'file is not valid UTF-8 text', {}, { cause })
  }
}

/** Parses JSON text; a syntax error becomes an ImportFormatError with line and column. */
export function parseJsonText(text: string, format: string, offset = 0): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    // V8's messages do not always carry a position, so the error is located by a second scan.
    const at = jsonErrorOffset(text)
    const position = at < 0 ? {} : lineAndColumn(text, at, offset)
    throw new ImportFormatError(format, 'file is not valid JSON', position, { cause })
  }
}

const NUMBER_OR_WORD = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y
const WHITESPACE = /[ \t\n\r]*/y

/**
 * Offset of the first RFC 8259 syntax error in `text`, or -1 when it finds none. Iterative, so
 * deeply nested garbage cannot overflow the stack; only run after `JSON.parse` has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const stack: string[] = []
  const skip = () => {
    WHITESPACE.lastIndex = i
    WHITESPACE.exec(text)
    i = WHITESPACE.lastIndex
  }
  const readString = (): boolean => {
    i++ // opening quote
    for (;;) {
      const c = text.charCodeAt(i)
      if (Number.isNaN(c) || c < 0x20) return false
      if (c === 0x22) {
        i++
        return true
      }
      if (c === 0x5c) {
        const e = text[i + 1] ?? ''
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false
          i += 6
          continue
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') return false
        i += 2
        continue
      }
      i++
    }
  }
  const readKey = (): boolean => {
    skip()
    if (text[i] !== '"' || !readString()) return false
    skip()
    if (text[i] !== ':') return false
    i++
    return true
  }
  for (;;) {
    skip()
    const c = text[i]
    if (c === '{' || c === '[') {
      i++
      skip()
      if (text[i] === (c === '{' ? '}' : ']')) i++
      else {
        stack.push(c)
        if (c === '{' && !readKey()) return i
        continue
      }
    } else if (c === '"') {
      if (!readString()) return i
    } else {
      NUMBER_OR_WORD.lastIndex = i
      if (NUMBER_OR_WORD.exec(text) === null) return i
      i = NUMBER_OR_WORD.lastIndex
    }
    // After a value: close containers or move on to the next element.
    for (;;) {
      skip()
      const top = stack[stack.length - 1]
      if (top === undefined) return i < text.length ? i : -1
      if (text[i] === ',') {
        i++
        if (top === '{' && !readKey()) return i
        break
      }
      if (text[i] !== (top === '{' ? '}' : ']')) return i
      i++
      stack.pop()
    }
  }
}

/** Reads and parses a whole JSON document in one step (see `readDocumentText`). */
export async function readJsonDocument(
  source: ImportSource,
  format: string,
  maxBytes: number,
): Promise<unknown> {
  return parseJsonText(await readDocumentText(source, format, maxBytes), format)
}

function lineAndColumn(
  text: string,
  index: number,
  offset: number,
): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(index, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  // `offset` counts characters cut from the front (a JS prefix) that sit on line 1.
  return { line, column: index - lineStart + 1 + (line === 1 ? offset : 0) }
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The first characters of a head, without a BOM or leading whitespace, for sniffing. */
export function sniffText(head: Uint8Array): string {
  return headText(head)
    .replace(/^\uFEFF/, '')
    .trimStart()
}

/**
 * Typed field access that throws an ImportFormatError naming the field and the record number, so
 * that a file with the right shape but a wrong value is refused with a useful message.
 */
export class FieldReader {
  readonly #format: string
  readonly #record: number
  readonly #where: string
  constructor(format: string, record: number, where: string) {
    this.#format = format
    this.#record = record
    this.#where = where
  }

  /** An ImportFormatError about this record. */
  fail(message: string): ImportFormatError {
    return new ImportFormatError(this.#format, `${this.#where}: ${message}`, {
      record: this.#record,
    })
  }

  /** A string field, or undefined when absent; anything else than a string is an error. */
  optString(obj: JsonObject, key: string): string | undefined {
    const v = obj[key]
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'string') throw this.fail(`${key} must be a string`)
    return v
  }

  /** A required string field. */
  string(obj: JsonObject, key: string): string {
    const v = this.optString(obj, key)
    if (v === undefined) throw this.fail(`${key} is missing`)
    return v
  }

  /** A finite number field (numeric strings accepted, as Google writes E7 values both ways). */
  optNumber(obj: JsonObject, key: string): number | undefined {
    const v = obj[key]
    if (v === undefined || v === null) return undefined
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
    if (typeof n !== 'number' || !Number.isFinite(n)) throw this.fail(`${key} must be a number`)
    return n
  }

  /** A required finite number field. */
  number(obj: JsonObject, key: string): number {
    const v = this.optNumber(obj, key)
    if (v === undefined) throw this.fail(`${key} is missing`)
    return v
  }

  /** An object field, or undefined when absent. */
  optObject(obj: JsonObject, key: string): JsonObject | undefined {
    const v = obj[key]
    if (v === undefined || v === null) return undefined
    if (!isObject(v)) throw this.fail(`${key} must be an object`)
    return v
  }

  /** An array field, or an empty array when absent. */
  array(obj: JsonObject, key: string): readonly unknown[] {
    const v = obj[key]
    if (v === undefined || v === null) return []
    if (!Array.isArray(v)) throw this.fail(`${key} must be an array`)
    return v
  }

  /** An ISO 8601 date-time field as ms since epoch. */
  optIsoTime(obj: JsonObject, key: string): number | undefined {
    const s = this.optString(obj, key)
    if (s === undefined) return undefined
    const t = parseIsoTime(s)
    if (t === undefined) throw this.fail(`${key} is not an ISO 8601 time: ${JSON.stringify(s)}`)
    return t
  }

  /** A time in ms since epoch written as a number or a numeric string (`timestampMs`). */
  optEpochMs(obj: JsonObject, key: string): number | undefined {
    const n = this.optNumber(obj, key)
    if (n === undefined) return undefined
    if (!Number.isSafeInteger(n)) throw this.fail(`${key} must be an integer of milliseconds`)
    return n
  }
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Parses an ISO 8601 date or date-time to ms since epoch; a missing zone means UTC. Strict: the
 * date must exist ("2021-02-30" is refused), unlike `Date.parse`.
 */
export function parseIsoTime(text: string): number | undefined {
  const m = ISO_TIME.exec(text.trim())
  if (m === null) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60)
    return undefined
  const base = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59))
  if (new Date(base).getUTCDate() !== day) return undefined
  const ms = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000)
  let offsetMin = 0
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
  }
  return base + ms - offsetMin * 60_000
}

/** A record under construction: required keys `R` set, optional keys possibly undefined. */
export type Draft<T, R extends keyof T> = { [K in R]: T[K] } & {
  [K in Exclude<keyof T, R>]?: T[K] | undefined
}

/** Drops undefined optional fields (schemas refuse them; frames treat absence as missing). */
export function compact<T extends object>(draft: object): T {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(draft)) if (value !== undefined) out[key] = value
  return out as T
}

/**
 * Cuts `text` to at most `max` code points (JSON Schema's `maxLength` unit), so a huge mail body or
 * subject fits its collection's limit instead of failing the whole import.
 */
export function clip(text: string, max: number): string
export function clip(text: string | undefined, max: number): string | undefined
export function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.length <= max) return text
  let count = 0
  let i = 0
  while (i < text.length && count < max) {
    const c = text.charCodeAt(i)
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1
    count++
  }
  return text.slice(0, i)
}
