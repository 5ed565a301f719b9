/**
 * Streaming JSON (RFC 8259) for exports too large to read whole. Text is fed chunk by chunk; the
 * caller says, path by path, which values it wants whole (`value`), which containers it walks into
 * (`descend`, reported as `open` / `close` events) and which it does not need (`skip`: validated,
 * never built). Memory is bounded by the largest value taken whole, not by the file.
 *
 * A value taken whole is located by a scan that only follows strings and brackets, then built by
 * `JSON.parse` on its text, which also checks it strictly; everything else goes through a strict
 * character-level state machine. Both count lines, so every error has a line and column. Runs in
 * browsers and Node alike (no platform imports).
 */
import { ImportFormatError, ImportLimitError } from './errors.ts'
import { jsonErrorOffset } from './_json_export.ts'
import type { ImportSource } from './types.ts'

/** Where a value sits: object keys and array indices from the top. */
export type JsonPath = readonly (string | number)[]

/** What to do with the value at a path: build it whole, walk into it, or only validate it. */
export type JsonSelection = 'value' | 'descend' | 'skip'

/** One event of the stream, in document order. */
export type JsonEvent =
  | { readonly kind: 'value'; readonly path: JsonPath; readonly value: unknown }
  | { readonly kind: 'open'; readonly path: JsonPath; readonly container: 'object' | 'array' }
  | { readonly kind: 'close'; readonly path: JsonPath; readonly container: 'object' | 'array' }

/** Default nesting cap: far deeper than any export, shallow enough for any stack. */
export const DEFAULT_JSON_MAX_DEPTH = 128

/** Default cap on one value taken whole (and on one key), in UTF-8 bytes of its JSON text. */
export const DEFAULT_JSON_MAX_VALUE_BYTES = 64 * 1024 * 1024

/** Options of `JsonStreamParser` and `streamJson`. */
export interface JsonStreamOptions {
  /**
   * Called for the top value and for each child of a container it descended into. A scalar at a
   * `descend` path is reported as a `value`.
   */
  readonly select: (path: JsonPath) => JsonSelection
  /** Deepest nesting of arrays and objects accepted (default 128). */
  readonly maxDepth?: number
  /** Largest value taken whole, and largest key, in UTF-8 bytes of JSON text (default 64 MiB). */
  readonly maxValueBytes?: number
}

/**
 * A selector from patterns such as `'messages.*'` or `'chats.list.*.name'`: a step is an object key
 * or an array index, `*` any of them. A pattern's path is taken whole; its prefixes are descended
 * into; anything else is skipped. Compiled once into a tree.
 */
export function selectPaths(patterns: readonly string[]): (path: JsonPath) => JsonSelection {
  interface Node {
    whole: boolean
    readonly steps: Map<string, Node>
  }
  const root: Node = { whole: false, steps: new Map() }
  for (const pattern of patterns) {
    let node = root
    for (const step of pattern === '' ? [] : pattern.split('.')) {
      let next = node.steps.get(step)
      if (next === undefined) node.steps.set(step, (next = { whole: false, steps: new Map() }))
      node = next
    }
    node.whole = true
  }
  return (path) => {
    let states: Node[] = [root]
    for (const step of path) {
      const next: Node[] = []
      for (const s of states) {
        const exact = s.steps.get(String(step))
        if (exact !== undefined) next.push(exact)
        const any = s.steps.get('*')
        if (any !== undefined) next.push(any)
      }
      if (next.length === 0) return 'skip'
      states = next
    }
    if (states.some((s) => s.whole)) return 'value'
    return states.some((s) => s.steps.size > 0) ? 'descend' : 'skip'
  }
}

// What the parser expects next.
const S_VALUE = 0 // a value (top, after ':' or after ',' in an array)
const S_VALUE_OR_END = 1 // after '['
const S_KEY_OR_END = 2 // after '{'
const S_KEY = 3 // after ',' in an object
const S_COLON = 4
const S_AFTER = 5 // after a value inside a container
const S_DONE = 6 // after the top value: only whitespace
const S_STRING = 7 // inside a key or a skipped string
const S_NUMBER = 8 // inside a skipped number
const S_LITERAL = 9 // inside true / false / null
const S_TAKE = 10 // inside a value taken whole

// Number states (RFC 8259 §6); the accepting ones are N_ZERO, N_INT, N_FRAC, N_EXP.
const N_MINUS = 0
const N_ZERO = 1
const N_INT = 2
const N_DOT = 3
const N_FRAC = 4
const N_E = 5
const N_E_SIGN = 6
const N_EXP = 7

const OBJECT = 0x7b
const ARRAY = 0x5b

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHex = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
/** UTF-8 bytes of a UTF-16 code unit beyond the first (a surrogate half counts 2 of a pair's 4). */
const extraBytes = (c: number): number => (c < 0x800 ? 1 : (c & 0xf800) === 0xd800 ? 1 : 2)

/**
 * A push parser: `write` text chunks, `end`, and `take` the events each step produced. Throws
 * `ImportFormatError` (malformed or truncated JSON, with line and column) or `ImportLimitError`
 * (`json-depth`, `json-value-size`).
 */
export class JsonStreamParser {
  readonly #format: string
  readonly #select: (path: JsonPath) => JsonSelection
  readonly #maxDepth: number
  readonly #maxValueBytes: number
  #events: JsonEvent[] = []

  #state = S_VALUE
  /** Open containers, outermost first: OBJECT or ARRAY. */
  readonly #containers: number[] = []
  /** How many of the outermost containers were descended into (the rest are skipped). */
  #descended = 0
  /** Keys and indices down to the current value of the descended containers. */
  readonly #path: (string | number)[] = []

  // Position: characters before the current chunk, line number and where that line started.
  #base = 0
  #line = 1
  #lineStart = 0

  // A string in progress: escape state (0 none, 1 after '\', 2-5 hex digits read + 2), and for a
  // key of a descended object its text so far.
  #escape = 0
  #stringIsKey = false
  #keyText: string[] | undefined
  #keyStart = 0
  #keyBytes = 0
  // A number or literal in progress.
  #number = N_MINUS
  #literal = ''
  #literalAt = 0
  // A value taken whole: its text so far, bracket depth, string state, size and start.
  #take: string[] = []
  #takeDepth = 0
  #takeInString = false
  #takeEscape = false
  #takeScalar = false
  #takeChars = 0
  /** Exact UTF-8 size, counted only once the value is large enough to matter. */
  #takeBytes: number | undefined
  #takeOffset = 0
  #takeLine = 0
  #takeColumn = 0
  #takePath: JsonPath = []
  #takeStart = 0

  constructor(format: string, options: JsonStreamOptions) {
    this.#format = format
    this.#select = options.select
    this.#maxDepth = positive(options.maxDepth ?? DEFAULT_JSON_MAX_DEPTH, 'options.maxDepth')
    this.#maxValueBytes = positive(
      options.maxValueBytes ?? DEFAULT_JSON_MAX_VALUE_BYTES,
      'options.maxValueBytes',
    )
  }

  /** The events produced since the last call. */
  take(): JsonEvent[] {
    const out = this.#events
    this.#events = []
    return out
  }

  /** Feeds the next piece of text (any split: inside a string, an escape, a number). */
  write(text: string): void {
    let i = 0
    const n = text.length
    while (i < n) {
      switch (this.#state) {
        case S_TAKE:
          i = this.#scanTaken(text, i)
          continue
        case S_STRING:
          i = this.#scanString(text, i)
          continue
        case S_NUMBER:
          i = this.#scanNumber(text, i)
          continue
        case S_LITERAL:
          i = this.#scanLiteral(text, i)
          continue
      }
      const c = text.charCodeAt(i)
      if (isWhitespace(c)) {
        if (c === 0x0a) this.#newline(i)
        i++
        continue
      }
      i = this.#structural(text, i, c)
    }
    if (this.#state === S_TAKE) this.#takeChunkEnd(text, n)
    else if (this.#state === S_STRING && this.#keyText !== undefined) {
      this.#keyText.push(text.slice(this.#keyStart, n))
      this.#keyBytes += n - this.#keyStart
      this.#keyStart = 0
      this.#checkValueBytes(this.#keyBytes, n)
    }
    this.#base += n
  }

  /** Ends the input: a value still open, or no value at all, is a truncated file. */
  end(): void {
    if (this.#state === S_TAKE && this.#takeScalar && this.#containers.length === 0) {
      this.#finishTaken('', 0)
    } else if (this.#state === S_NUMBER && this.#containers.length === 0) {
      if (!accepting(this.#number)) this.#fail('a number is cut short', 0)
      this.#state = S_DONE
    }
    if (this.#state !== S_DONE) this.#fail('the file ends before its value is complete', 0)
  }

  #newline(i: number): void {
    this.#line++
    this.#lineStart = this.#base + i + 1
  }

  #fail(what: string, i: number, cause?: unknown): never {
    throw new ImportFormatError(
      this.#format,
      `file is not valid JSON: ${what}`,
      { line: this.#line, column: this.#base + i - this.#lineStart + 1 },
      cause === undefined ? undefined : { cause },
    )
  }

  #unexpected(c: number, i: number): never {
    const shown =
      c < 0x20 || c > 0x7e
        ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
        : `'${String.fromCharCode(c)}'`
    this.#fail(`unexpected ${shown}`, i)
  }

  /** One non-whitespace character outside strings, numbers and taken values. */
  #structural(text: string, i: number, c: number): number {
    switch (this.#state) {
      case S_VALUE:
        return this.#startValue(text, i, c)
      case S_VALUE_OR_END:
        if (c === 0x5d) return this.#close(i, c)
        return this.#startValue(text, i, c)
      case S_KEY_OR_END:
        if (c === 0x7d) return this.#close(i, c)
        return this.#startKey(i, c)
      case S_KEY:
        return this.#startKey(i, c)
      case S_COLON:
        if (c !== 0x3a) this.#unexpected(c, i)
        this.#state = S_VALUE
        return i + 1
      case S_AFTER: {
        const top = this.#containers[this.#containers.length - 1]
        if (c === 0x2c) {
          if (top === OBJECT) this.#state = S_KEY
          else {
            this.#state = S_VALUE
            if (this.#containers.length === this.#descended) {
              const k = this.#containers.length - 1
              this.#path[k] = (this.#path[k] as number) + 1
            }
          }
          return i + 1
        }
        if (c === 0x5d || c === 0x7d) return this.#close(i, c)
        return this.#unexpected(c, i)
      }
      default: // S_DONE
        return this.#unexpected(c, i)
    }
  }

  #startKey(i: number, c: number): number {
    if (c !== 0x22) this.#unexpected(c, i)
    this.#state = S_STRING
    this.#escape = 0
    this.#stringIsKey = true
    if (this.#containers.length === this.#descended) {
      this.#keyText = []
      this.#keyStart = i
      this.#keyBytes = 0
    } else this.#keyText = undefined
    return i + 1
  }

  #startValue(text: string, i: number, c: number): number {
    const depth = this.#containers.length
    let selection: JsonSelection = 'skip'
    if (depth === this.#descended) {
      if (depth > 0 && this.#containers[depth - 1] === ARRAY && this.#state === S_VALUE_OR_END) {
        this.#path[depth - 1] = 0
      }
      selection = this.#select(this.#path.slice(0, depth))
    }
    const container = c === OBJECT || c === ARRAY
    if (selection === 'value' || (selection === 'descend' && !container)) {
      if (
        !container &&
        c !== 0x22 &&
        c !== 0x2d &&
        !isDigit(c) &&
        c !== 0x74 &&
        c !== 0x66 &&
        c !== 0x6e
      )
        this.#unexpected(c, i)
      this.#state = S_TAKE
      this.#take = []
      this.#takeStart = i
      this.#takeDepth = container ? 1 : 0
      this.#takeInString = c === 0x22
      this.#takeEscape = false
      this.#takeScalar = !container && c !== 0x22
      this.#takeChars = 0
      this.#takeBytes = undefined
      this.#takeOffset = this.#base + i
      this.#takeLine = this.#line
      this.#takeColumn = this.#base + i - this.#lineStart + 1
      this.#takePath = this.#path.slice(0, depth)
      if (container) this.#checkDepth(depth + 1, i)
      return i + 1
    }
    if (container) {
      this.#checkDepth(depth + 1, i)
      this.#containers.push(c)
      if (selection === 'descend') {
        this.#descended++
        this.#path.length = depth
        this.#events.push({
          kind: 'open',
          path: this.#path.slice(0, depth),
          container: c === OBJECT ? 'object' : 'array',
        })
      }
      this.#state = c === OBJECT ? S_KEY_OR_END : S_VALUE_OR_END
      return i + 1
    }
    if (c === 0x22) {
      this.#state = S_STRING
      this.#escape = 0
      this.#stringIsKey = false
      this.#keyText = undefined
      return i + 1
    }
    if (c === 0x2d || isDigit(c)) {
      this.#state = S_NUMBER
      this.#number = c === 0x2d ? N_MINUS : c === 0x30 ? N_ZERO : N_INT
      return i + 1
    }
    const literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined
    if (literal === undefined) this.#unexpected(c, i)
    this.#state = S_LITERAL
    this.#literal = literal
    this.#literalAt = 1
    return i + 1
  }

  #checkDepth(depth: number, i: number): void {
    if (depth > this.#maxDepth) {
      throw new ImportLimitError(
        this.#format,
        'json-depth',
        this.#maxDepth,
        `JSON nests deeper than ${this.#maxDepth} levels`,
        { line: this.#line, column: this.#base + i - this.#lineStart + 1 },
      )
    }
  }

  #close(i: number, c: number): number {
    const depth = this.#containers.length
    const top = this.#containers[depth - 1]
    if (top === undefined || (c === 0x5d) !== (top === ARRAY)) this.#unexpected(c, i)
    this.#containers.pop()
    if (depth === this.#descended) {
      this.#descended--
      this.#path.length = depth - 1
      this.#events.push({
        kind: 'close',
        path: this.#path.slice(0, depth - 1),
        container: top === OBJECT ? 'object' : 'array',
      })
    }
    this.#valueDone()
    return i + 1
  }

  #valueDone(): void {
    this.#state = this.#containers.length === 0 ? S_DONE : S_AFTER
  }

  /** Inside a key or a skipped string: validates escapes and refuses control characters. */
  #scanString(text: string, i: number): number {
    const n = text.length
    let escape = this.#escape
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      if (escape === 0) {
        if (c === 0x22) break
        if (c === 0x5c) escape = 1
        else if (c < 0x20) this.#fail('a control character in a string', i)
        else if (c >= 0x80 && this.#keyText !== undefined) this.#keyBytes += extraBytes(c)
      } else if (escape === 1) {
        if (c === 0x75) escape = 2
        else if (
          c === 0x22 ||
          c === 0x5c ||
          c === 0x2f ||
          c === 0x62 ||
          c === 0x66 ||
          c === 0x6e ||
          c === 0x72 ||
          c === 0x74
        )
          escape = 0
        else this.#fail('an invalid escape in a string', i)
      } else {
        if (!isHex(c)) this.#fail('an invalid \\u escape in a string', i)
        escape = escape === 5 ? 0 : escape + 1
      }
    }
    this.#escape = escape
    if (i === n) return i
    // The closing quote.
    if (this.#keyText !== undefined) {
      this.#keyText.push(text.slice(this.#keyStart, i + 1))
      const raw = this.#keyText.join('')
      this.#keyText = undefined
      this.#checkValueBytes(this.#keyBytes + i + 1 - this.#keyStart, i)
      this.#path[this.#containers.length - 1] = JSON.parse(raw) as string
      this.#state = S_COLON
    } else if (this.#stringIsKey) this.#state = S_COLON
    else this.#valueDone()
    return i + 1
  }

  #scanNumber(text: string, i: number): number {
    const n = text.length
    let s = this.#number
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      const digit = isDigit(c)
      if (s === N_MINUS) {
        if (!digit) this.#fail('a number without digits', i)
        s = c === 0x30 ? N_ZERO : N_INT
      } else if (s === N_DOT || s === N_E_SIGN) {
        if (!digit) this.#fail('a number without digits', i)
        s = s === N_DOT ? N_FRAC : N_EXP
      } else if (s === N_E) {
        if (c === 0x2b || c === 0x2d) s = N_E_SIGN
        else if (digit) s = N_EXP
        else this.#fail('a number without exponent digits', i)
      } else if (digit && s !== N_ZERO) {
        // N_INT, N_FRAC, N_EXP: more digits
      } else if (c === 0x2e && (s === N_ZERO || s === N_INT)) s = N_DOT
      else if ((c === 0x65 || c === 0x45) && s !== N_EXP) s = N_E
      else {
        // The number ended; this character belongs to what follows.
        this.#number = s
        this.#valueDone()
        return i
      }
    }
    this.#number = s
    return i
  }

  #scanLiteral(text: string, i: number): number {
    const n = text.length
    const word = this.#literal
    for (; i < n && this.#literalAt < word.length; i++, this.#literalAt++) {
      if (text.charCodeAt(i) !== word.charCodeAt(this.#literalAt))
        this.#unexpected(text.charCodeAt(i), i)
    }
    if (this.#literalAt === word.length) this.#valueDone()
    return i
  }

  /** Inside a value taken whole: finds its end, following strings and brackets only. */
  #scanTaken(text: string, i: number): number {
    const n = text.length
    let end = -1
    if (this.#takeScalar) {
      // A number or a literal: up to the next delimiter (JSON.parse then checks it).
      for (; i < n; i++) {
        const c = text.charCodeAt(i)
        if (isWhitespace(c) || c === 0x2c || c === 0x5d || c === 0x7d) {
          end = i
          break
        }
      }
    } else {
      let depth = this.#takeDepth
      let inString = this.#takeInString
      let escape = this.#takeEscape
      while (i < n) {
        if (escape) {
          escape = false
          i++
          continue
        }
        // Runs of ordinary characters are skipped by the regex engine, not one by one here.
        const plain = inString ? PLAIN_IN_STRING : PLAIN_OUTSIDE
        plain.lastIndex = i
        plain.test(text)
        i = plain.lastIndex
        if (i >= n) break
        const c = text.charCodeAt(i++)
        if (inString) {
          if (c === 0x5c) escape = true
          else {
            inString = false
            if (depth === 0) {
              end = i
              break
            }
          }
        } else if (c === 0x22) inString = true
        else if (c === 0x7b || c === 0x5b) {
          depth++
          if (this.#takePath.length + depth > this.#maxDepth) {
            throw this.#takeLimit(text, i, 'json-depth', this.#maxDepth)
          }
        } else if ((c === 0x7d || c === 0x5d) && --depth === 0) {
          end = i
          break
        }
      }
      this.#takeDepth = depth
      this.#takeInString = inString
      this.#takeEscape = escape
    }
    if (end < 0) return n
    this.#finishTaken(text, end)
    return end
  }

  /** Adds a piece of the taken value's text and checks its size (exactly once it could matter). */
  #addTaken(piece: string, i: number, text: string): void {
    this.#take.push(piece)
    this.#takeChars += piece.length
    // A UTF-16 unit is 1 to 3 UTF-8 bytes: count bytes only for a value that may pass the cap.
    if (this.#takeBytes === undefined && this.#takeChars * 3 > this.#maxValueBytes) {
      this.#takeBytes = this.#take.reduce((sum, p) => sum + utf8Length(p), 0) - utf8Length(piece)
    }
    if (this.#takeBytes !== undefined) {
      this.#takeBytes += utf8Length(piece)
      if (this.#takeBytes > this.#maxValueBytes) {
        this.#take.pop()
        throw this.#takeLimit(text, i, 'json-value-size', this.#maxValueBytes)
      }
    }
  }

  /** At a chunk's end inside a taken value: keep its text. */
  #takeChunkEnd(text: string, n: number): void {
    this.#addTaken(text.slice(this.#takeStart, n), n, text)
    this.#takeStart = 0
  }

  #finishTaken(text: string, end: number): void {
    this.#addTaken(text.slice(this.#takeStart, end), end, text)
    const raw = this.#take.length === 1 ? (this.#take[0] as string) : this.#take.join('')
    this.#take = []
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (cause) {
      const position = positionIn(
        raw,
        Math.max(0, jsonErrorOffset(raw)),
        this.#takeLine,
        this.#takeColumn,
      )
      throw new ImportFormatError(this.#format, 'file is not valid JSON', position, { cause })
    }
    // Lines inside the value move the position on.
    let nl = raw.indexOf('\n')
    if (nl >= 0) {
      let last = nl
      while (nl >= 0) {
        this.#line++
        last = nl
        nl = raw.indexOf('\n', nl + 1)
      }
      this.#lineStart = this.#takeOffset + last + 1
    }
    this.#events.push({ kind: 'value', path: this.#takePath, value })
    this.#valueDone()
  }

  /** A cap passed inside a taken value, placed by counting lines in its text so far. */
  #takeLimit(
    text: string,
    i: number,
    limit: 'json-depth' | 'json-value-size',
    max: number,
  ): ImportLimitError {
    const sofar = this.#take.join('') + text.slice(this.#takeStart, i)
    const message =
      limit === 'json-depth'
        ? `JSON nests deeper than ${max} levels`
        : `one JSON value is larger than ${max} bytes`
    return new ImportLimitError(
      this.#format,
      limit,
      max,
      message,
      positionIn(sofar, sofar.length, this.#takeLine, this.#takeColumn),
    )
  }

  #checkValueBytes(bytes: number, i: number): void {
    if (bytes > this.#maxValueBytes) {
      throw new ImportLimitError(
        this.#format,
        'json-value-size',
        this.#maxValueBytes,
        `one JSON value is larger than ${this.#maxValueBytes} bytes`,
        { line: this.#line, column: this.#base + i - this.#lineStart + 1 },
      )
    }
  }
}

// Characters a taken value's scan passes over: all but quotes and backslashes in a string, and
// outside strings all but quotes, backslashes and brackets.
const PLAIN_IN_STRING = /[^"\\]*/y
const PLAIN_OUTSIDE = /[^"\\[\]{}]*/y

/** UTF-8 bytes of a string (lone surrogates count 3, as TextEncoder writes U+FFFD). */
function utf8Length(s: string): number {
  let bytes = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x80) bytes += extraBytes(c)
  }
  return bytes
}

/** Line and column of `index` in `text`, which starts at `line`, `column`. */
function positionIn(
  text: string,
  index: number,
  line: number,
  column: number,
): { line: number; column: number } {
  for (let k = 0; k < index; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++
      column = 1
    } else column++
  }
  return { line, column }
}

const accepting = (s: number): boolean => s === N_ZERO || s === N_INT || s === N_FRAC || s === N_EXP

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive integer`)
  return value
}

/**
 * Streams the events of a UTF-8 JSON source (a leading BOM dropped), a batch per chunk read (one
 * await per chunk rather than per event):
 *
 * ```ts
 * const select = selectPaths(['messages.*'])
 * for await (const events of streamJson(source, 'telegram', { select }))
 *   for (const e of events) if (e.kind === 'value') console.log(e.path, e.value)
 * ```
 */
export async function* streamJson(
  source: ImportSource,
  format: string,
  options: JsonStreamOptions,
): AsyncGenerator<readonly JsonEvent[]> {
  const parser = new JsonStreamParser(format, options)
  // RFC 8259 §8.1: UTF-8 only; fatal, so a bad byte is an error rather than U+FFFD.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  let offset = 0
  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream })
    } catch (cause) {
      throw new ImportFormatError(
        format,
        'file is not valid UTF-8 text',
        { byteOffset: offset },
        { cause },
      )
    }
  }
  for await (const chunk of source.chunks()) {
    parser.write(decode(chunk, true))
    offset += chunk.length
    const events = parser.take()
    if (events.length > 0) yield events
  }
  parser.write(decode(new Uint8Array(0), false))
  parser.end()
  const events = parser.take()
  if (events.length > 0) yield events
}
