/**
 * Text kernels: word and phrase matching over a consented text column, run natively in the sandbox
 * worker instead of decoding and folding every row inside the interpreter. Folding is the guest
 * library's own `fold` (guest/text.ts), so a module gets the same words whether it folds in the
 * guest or asks a kernel. Like every kernel they see only this run's frames, return small plain
 * data, and stop at the run's deadline.
 */

import { clauses } from '../guest/text.ts'
import { fastFolder } from './_fold.ts'
import { TextRows } from './_text_rows.ts'
import { screenAscii, type ScreenSpec } from './_ascii_screen.ts'
import { hashWord, Tokens, tokenizer, type Tokenizer } from './_tokens.ts'
import type { Frame } from './frame/types.ts'
import { KernelArgumentError, selectRows, type Where } from './kernels.ts'

/** How a text is cut into words, after folding (lower case, accents removed). */
export interface TokenSpec {
  /**
   * `unicode` (default): words are runs of letters and digits of any script (`\p{L}\p{N}`).
   * `ascii`: runs of `a`–`z` and `0`–`9` (plus `join`); every other character separates words.
   */
  readonly letters?: 'unicode' | 'ascii'
  /** With `ascii`: more characters that belong to words, for example `"'"`, `'_'` or `'_@#'`. */
  readonly join?: string
  /** Lower-case letters folding keeps as they are (`'ñ'`: in Spanish 'año' is not 'ano'). */
  readonly keep?: string
}

/** What to look for. Entries are folded and cut into words like the text. */
export interface TextMatchSpec extends TokenSpec {
  /**
   * Label → entries: a word (`'shit'`), a phrase matched as consecutive words (`'piss off'`), or a
   * stem, one word then `*`, matching any word that starts with it (`'fuck*'`).
   */
  readonly lists: Readonly<Record<string, readonly string[]>>
  /** Words that negate an entry when they come at most `reach` words before it (same clause). */
  readonly negators?: readonly string[]
  /** How many words before an entry a negator reaches (default 3, at most 64). */
  readonly reach?: number
  /** Cut each text at clause punctuation (. , ; : ! ? ¡ ¿ and line breaks) before matching. */
  readonly clauses?: boolean
  /** Read only the first `maxChars` UTF-16 units of each text. */
  readonly maxChars?: number
}

export interface TextMatchOptions {
  readonly where?: Where
  /** Only rows from this one on (a trigger run's new rows start at `input.trigger.firstRow`). */
  readonly startRow?: number
  /** Up to this many matching rows come back with their labels and terms (default 0). */
  readonly hits?: number
  /** Which matching rows `hits` lists: the `last` (newest, default) or the `first`. */
  readonly from?: 'first' | 'last'
  /** Every matching row: as a sorted `list` of row numbers, or a base64 `bitmap` (bit i = row i). */
  readonly rows?: 'list' | 'bitmap'
}

/** One matching row, as listed in `hits`. */
export interface TextHit {
  readonly row: number
  /** Labels with a match not negated, in the order of `lists`. */
  readonly labels: string[]
  /** Labels found only negated. */
  readonly negated: string[]
  /** Distinct entries that matched, as folded, in text order (a stem gives the whole word). */
  readonly terms: string[]
}

export interface TextMatchResult {
  /** Rows considered (after `where`). */
  readonly scanned: number
  /** Rows with at least one match not negated. */
  readonly matched: number
  /** Label → rows where it matched, not negated (every label present, 0 when none). */
  readonly counts: Record<string, number>
  /** Label → rows where it matched only negated. */
  readonly negatedCounts: Record<string, number>
  /** Label → first and last row where it matched not negated (absent when none). */
  readonly firstRow: Record<string, number>
  readonly lastRow: Record<string, number>
  readonly hits: TextHit[]
  readonly rows?: number[] | string
}

/** Caps on what a guest may ask, so the host's work stays proportional to the consented text. */
export const TEXT_LIMITS = {
  /** Labels in one call. */
  labels: 64,
  /** Entries over all labels. */
  entries: 20_000,
  /** Words in one phrase. */
  phraseWords: 16,
  /** `reach` of a negator. */
  reach: 64,
  /** Rows listed in `hits`. */
  hits: 10_000,
  /** Specs (tokenisations) in one call. */
  specs: 4,
  /** Rows in one `pick`. */
  pickRows: 10_000,
} as const

/** Rows between two looks at the clock. */
const DEADLINE_STRIDE = 512

/** What a kernel call gets besides its arguments: the run's deadline and the instance's caches. */
export interface KernelContext {
  /** The run's deadline, when called from a run (ms since epoch, `Date.now()`). */
  readonly deadline?: number
  /** Compiled match specs kept by the calling sandbox instance (`SpecCache`). */
  readonly specs?: SpecCache
}

/** Default of `SpecCache`'s bound: match specs kept per sandbox instance. */
const DEFAULT_CACHED_SPECS = 8

/**
 * Compiled `textMatch` specs by their JSON, least recently used dropped first. A trigger module
 * asks for the same word lists on every run; compiling them (folding and cutting every entry,
 * building the tokenizer) cost more than scanning the new rows. A compiled spec is a function of
 * the spec's JSON alone, and its lazily filled tables (folded characters, word characters) are
 * memos of pure functions, so a cached one gives exactly the answer a fresh one would. One cache
 * belongs to one sandbox instance (one bundle of one partner), never to the Worker as a whole.
 */
export class SpecCache {
  readonly #max: number
  readonly #byJson = new Map<string, Matcher[]>()
  /** Calls that found their spec compiled, and calls that compiled it. */
  hits = 0
  misses = 0

  constructor(max: number = DEFAULT_CACHED_SPECS) {
    if (!Number.isInteger(max) || max < 0) throw new RangeError('max must be a whole number')
    this.#max = max
  }

  /** The compiled matchers of `spec`, compiled now when not kept (or when they do not compile). */
  matchers(spec: TextMatchSpec | readonly TextMatchSpec[]): Matcher[] {
    const key = JSON.stringify(spec)
    const kept = this.#byJson.get(key)
    if (kept) {
      this.hits++
      this.#byJson.delete(key)
      this.#byJson.set(key, kept)
      return kept
    }
    this.misses++
    const compiled = compileAll(spec)
    if (this.#max > 0) {
      this.#byJson.set(key, compiled)
      if (this.#byJson.size > this.#max) this.#byJson.delete(this.#byJson.keys().next().value!)
    }
    return compiled
  }
}

/** A kernel stopped at the run's deadline; the run then fails as timed out. */
export class KernelDeadlineError extends Error {
  override name = 'KernelDeadlineError'
}

interface Entry {
  readonly label: number
  readonly tokens: readonly string[]
  readonly term: string
}
interface Stem {
  readonly label: number
  readonly stem: string
}

/** Checks a spec's tokenisation options and makes its tokenizer. */
function tokenizerOf(spec: TokenSpec): Tokenizer {
  const keep = spec.keep ?? ''
  if (typeof keep !== 'string' || keep.length > 16) {
    throw new KernelArgumentError('keep: up to 16 letters')
  }
  const join = spec.join ?? ''
  if (typeof join !== 'string' || join.length > 16 || /[a-z0-9\s]/.test(join)) {
    throw new KernelArgumentError('join: up to 16 characters, not letters, digits or spaces')
  }
  const letters = spec.letters ?? 'unicode'
  if (letters !== 'unicode' && letters !== 'ascii') {
    throw new KernelArgumentError("letters: 'unicode' or 'ascii'")
  }
  if (letters === 'unicode' && join !== '') {
    throw new KernelArgumentError("join needs letters: 'ascii'")
  }
  return tokenizer(letters, join)
}

function asStrings(x: unknown, what: string): readonly string[] {
  if (!Array.isArray(x) || x.some((s) => typeof s !== 'string')) {
    throw new KernelArgumentError(`${what} must be an array of strings`)
  }
  return x as string[]
}

/** A compiled `TextMatchSpec`: the labels, the entries by first word, the stems by first letter. */
interface Matcher {
  /** This spec's labels, and where each sits in the call's label list. */
  readonly labels: readonly string[]
  readonly global: readonly number[]
  /** Entries by the hash of their first word. */
  readonly byFirst: Map<number, Entry[]>
  /** Stems by their first UTF-16 unit. */
  readonly stems: Map<number, Stem[]>
  readonly hasStems: boolean
  /** Negators by hash. */
  readonly negators: Map<number, string[]>
  readonly reach: number
  readonly clauses: boolean
  readonly maxChars: number
  readonly fold: (text: string) => string
  readonly tokenizer: Tokenizer
  /** Screens ASCII rows from their bytes (absent with `clauses`, whose cuts it does not model). */
  readonly screen: ScreenSpec | undefined
}

function compile(spec: TextMatchSpec): Matcher {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new KernelArgumentError('the match spec must be an object')
  }
  if (typeof spec.lists !== 'object' || spec.lists === null || Array.isArray(spec.lists)) {
    throw new KernelArgumentError('lists must be an object: label → entries')
  }
  const labels = Object.keys(spec.lists)
  if (labels.length > TEXT_LIMITS.labels) {
    throw new KernelArgumentError(`at most ${TEXT_LIMITS.labels} labels`)
  }
  const tok = tokenizerOf(spec)
  const foldText = fastFolder(spec.keep ?? '')
  const words = (s: string): string[] => tok.words(foldText(s))
  const reach = spec.reach ?? 3
  if (!Number.isInteger(reach) || reach < 0 || reach > TEXT_LIMITS.reach) {
    throw new KernelArgumentError(`reach must be 0..${TEXT_LIMITS.reach}`)
  }
  const maxChars = spec.maxChars ?? Infinity
  if (!(maxChars === Infinity || (Number.isInteger(maxChars) && maxChars >= 0))) {
    throw new KernelArgumentError('maxChars must be a whole number')
  }
  const byFirst = new Map<number, Entry[]>()
  const stems = new Map<number, Stem[]>()
  let total = 0
  let hasStems = false
  labels.forEach((name, label) => {
    for (const raw of asStrings(spec.lists[name], `lists.${name}`)) {
      if (++total > TEXT_LIMITS.entries) {
        throw new KernelArgumentError(`at most ${TEXT_LIMITS.entries} entries`)
      }
      if (raw.endsWith('*')) {
        const w = words(raw.slice(0, -1))
        if (w.length !== 1) throw new KernelArgumentError(`'${raw}': a * follows one word`)
        const stem = w[0]!
        const list = stems.get(stem.charCodeAt(0)) ?? []
        list.push({ label, stem })
        stems.set(stem.charCodeAt(0), list)
        hasStems = true
        continue
      }
      const tokens = words(raw)
      if (tokens.length === 0) continue
      if (tokens.length > TEXT_LIMITS.phraseWords) {
        throw new KernelArgumentError(`'${raw}': at most ${TEXT_LIMITS.phraseWords} words`)
      }
      const first = hashWord(tokens[0]!)
      const list = byFirst.get(first) ?? []
      list.push({ label, tokens, term: tokens.join(' ') })
      byFirst.set(first, list)
    }
  })
  const negators = new Map<number, string[]>()
  for (const n of asStrings(spec.negators ?? [], 'negators')) {
    for (const w of words(n)) {
      const list = negators.get(hashWord(w)) ?? []
      if (!list.includes(w)) list.push(w)
      negators.set(hashWord(w), list)
    }
  }
  return {
    labels,
    global: labels.map((_, k) => k),
    byFirst,
    stems,
    hasStems,
    negators,
    reach,
    clauses: spec.clauses === true,
    maxChars,
    fold: foldText,
    tokenizer: tok,
    screen:
      spec.clauses === true
        ? undefined
        : { wordCodes: tok.asciiWordCodes, firstWords: new Set(byFirst.keys()), stems },
  }
}

/** Per-row state, reused across rows: which labels matched (1) or matched only negated (2). */
interface RowState {
  readonly state: Uint8Array
  readonly touched: number[]
  /** Whether this row may be listed in `hits` (then its terms are kept). */
  wantTerms: boolean
  terms: string[] | undefined
}

function negatedAt(t: Tokens, k: number, m: Matcher): boolean {
  for (let j = Math.max(0, k - m.reach); j < k; j++) {
    const list = m.negators.get(t.hash[j]!)
    if (list) for (const w of list) if (t.is(j, w)) return true
  }
  return false
}

function note(row: RowState, m: Matcher, local: number, t: Tokens, k: number, term: () => string) {
  const label = m.global[local]!
  const negated = m.negators.size > 0 && negatedAt(t, k, m)
  const before = row.state[label]!
  if (before === 0) row.touched.push(label)
  if (!negated) row.state[label] = 1
  else if (before === 0) row.state[label] = 2
  if (row.wantTerms) {
    const w = term()
    if (!row.terms) row.terms = [w]
    else if (!row.terms.includes(w)) row.terms.push(w)
  }
}

/** Notes every entry and stem found among the words of `t`. */
function matchTokens(t: Tokens, m: Matcher, row: RowState): void {
  for (let k = 0; k < t.count; k++) {
    const entries = m.byFirst.get(t.hash[k]!)
    if (entries) {
      for (const e of entries) {
        if (!t.is(k, e.tokens[0]!)) continue
        let j = 1
        while (j < e.tokens.length && k + j < t.count && t.is(k + j, e.tokens[j]!)) j++
        if (j === e.tokens.length) note(row, m, e.label, t, k, () => e.term)
      }
    }
    if (m.hasStems) {
      const stems = m.stems.get(t.text.charCodeAt(t.start[k]!))
      if (stems) {
        for (const s of stems) {
          if (t.end[k]! - t.start[k]! >= s.stem.length && t.text.startsWith(s.stem, t.start[k])) {
            note(row, m, s.label, t, k, () => t.word(k))
          }
        }
      }
    }
  }
}

function textColumn(frame: Frame, field: string): { offsets: Uint32Array; bytes: Uint8Array } {
  const col = frame.columns[field]
  if (!col || !Object.hasOwn(frame.columns, field)) {
    throw new KernelArgumentError(`no field '${field}' in ${frame.collection}`)
  }
  if (col.kind !== 'text') throw new KernelArgumentError(`'${field}' is not a text field`)
  return col
}

function checkDeadline(context: KernelContext): void {
  if (context.deadline !== undefined && Date.now() > context.deadline) {
    throw new KernelDeadlineError('the kernel stopped at the run deadline')
  }
}

/**
 * One spec, or several whose labels merge by name: each row is folded and cut by every spec, and
 * a label matches when any spec finds it (words and @handles of one brand, say).
 */
function compileAll(spec: TextMatchSpec | readonly TextMatchSpec[]): Matcher[] {
  const specs = Array.isArray(spec) ? (spec as readonly TextMatchSpec[]) : [spec as TextMatchSpec]
  if (specs.length < 1 || specs.length > TEXT_LIMITS.specs) {
    throw new KernelArgumentError(`1..${TEXT_LIMITS.specs} match specs`)
  }
  const names: string[] = []
  const matchers = specs.map((one) => {
    const m = compile(one)
    const global = m.labels.map((l) => {
      const at = names.indexOf(l)
      return at >= 0 ? at : names.push(l) - 1
    })
    return { ...m, global }
  })
  if (names.length > TEXT_LIMITS.labels) {
    throw new KernelArgumentError(`at most ${TEXT_LIMITS.labels} labels`)
  }
  return matchers
}

function labelsOf(matchers: readonly Matcher[]): string[] {
  const out: string[] = []
  for (const m of matchers) for (const l of m.labels) if (!out.includes(l)) out.push(l)
  return out
}

/** Row numbers → a base64 bitmap, bit `i % 8` of byte `i >> 3` set for row i. */
function bitmapOf(rows: readonly number[], length: number): string {
  const bits = new Uint8Array((length + 7) >> 3)
  for (const r of rows) bits[r >> 3] = bits[r >> 3]! | (1 << (r & 7))
  let s = ''
  for (let i = 0; i < bits.length; i += 0x8000) {
    s += String.fromCharCode(...bits.subarray(i, i + 0x8000))
  }
  return btoa(s)
}

/**
 * Matches word lists against every row of a text field: per-label row counts, the first and last
 * matching row per label, up to `hits` matching rows with their labels and terms, and optionally
 * every matching row. Deterministic: the same frame and spec give the same answer.
 */
export function textMatch(
  frame: Frame,
  field: string,
  spec: TextMatchSpec | readonly TextMatchSpec[],
  options: TextMatchOptions = {},
  context: KernelContext = {},
): TextMatchResult {
  if (typeof options !== 'object' || options === null) {
    throw new KernelArgumentError('options must be an object')
  }
  const col = textColumn(frame, field)
  const matchers = context.specs ? context.specs.matchers(spec) : compileAll(spec)
  const labels = labelsOf(matchers)
  const limit = options.hits ?? 0
  if (!Number.isInteger(limit) || limit < 0 || limit > TEXT_LIMITS.hits) {
    throw new KernelArgumentError(`hits must be 0..${TEXT_LIMITS.hits}`)
  }
  const fromLast = (options.from ?? 'last') === 'last'
  if (options.from !== undefined && options.from !== 'first' && options.from !== 'last') {
    throw new KernelArgumentError("from: 'first' or 'last'")
  }
  if (options.rows !== undefined && options.rows !== 'list' && options.rows !== 'bitmap') {
    throw new KernelArgumentError("rows: 'list' or 'bitmap'")
  }
  const startRow = options.startRow ?? 0
  if (!Number.isInteger(startRow) || startRow < 0) {
    throw new KernelArgumentError('startRow must be a row number')
  }
  let selected = selectRows(frame, options.where)
  // Without `where`, rows startRow… are scanned by number (no list of every row is made).
  let base = 0
  if (selected) {
    if (startRow > 0) selected = selected.filter((i) => i >= startRow)
  } else base = Math.min(startRow, frame.length)
  const n = selected ? selected.length : frame.length - base
  const counts = new Float64Array(labels.length)
  const negatedCounts = new Float64Array(labels.length)
  const first = new Int32Array(labels.length).fill(-1)
  const last = new Int32Array(labels.length).fill(-1)
  const matchedRows: number[] = []
  const hits: TextHit[] = []
  const row: RowState = {
    state: new Uint8Array(labels.length),
    touched: [],
    wantTerms: false,
    terms: undefined,
  }
  // Made at the first row the screens let through: most trigger runs never decode a row.
  let reader: TextRows | undefined
  let tokens: Tokens | undefined
  let matched = 0
  for (let k = 0; k < n; k++) {
    if (k % DEADLINE_STRIDE === 0) checkDeadline(context)
    const j = fromLast ? n - 1 - k : k
    const i = selected ? selected[j]! : base + j
    // Most rows are ASCII and match nothing: the screen rules them out from their bytes.
    let screened = true
    for (const m of matchers) {
      if (
        !m.screen ||
        screenAscii(col.bytes, col.offsets[i]!, col.offsets[i + 1]!, m.screen) !== false
      ) {
        screened = false
        break
      }
    }
    if (screened) continue
    reader ??= new TextRows(col, frame.length, fromLast)
    tokens ??= new Tokens()
    const raw = reader.at(i)
    row.wantTerms = hits.length < limit
    row.terms = undefined
    for (const m of matchers) {
      const folded = m.fold(raw.length > m.maxChars ? raw.slice(0, m.maxChars) : raw)
      if (m.clauses) {
        for (const clause of clauses(folded)) {
          m.tokenizer.cut(clause, tokens)
          matchTokens(tokens, m, row)
        }
      } else {
        m.tokenizer.cut(folded, tokens)
        matchTokens(tokens, m, row)
      }
    }
    if (row.touched.length === 0) continue
    let any = false
    row.touched.sort((a, b) => a - b)
    for (const label of row.touched) {
      if (row.state[label] === 1) {
        any = true
        counts[label]!++
        if (first[label]! < 0 || i < first[label]!) first[label] = i
        if (i > last[label]!) last[label] = i
      } else {
        negatedCounts[label]!++
      }
    }
    if (any) {
      matched++
      if (options.rows) matchedRows.push(i)
      if (row.wantTerms) {
        hits.push({
          row: i,
          labels: row.touched.filter((l) => row.state[l] === 1).map((l) => labels[l]!),
          negated: row.touched.filter((l) => row.state[l] === 2).map((l) => labels[l]!),
          terms: row.terms ?? [],
        })
      }
    }
    for (const label of row.touched) row.state[label] = 0
    row.touched.length = 0
  }
  const byLabel = (values: ArrayLike<number>, skip: number | undefined) => {
    const out: Record<string, number> = {}
    labels.forEach((l, k) => {
      if (values[k] !== skip) out[l] = values[k]!
    })
    return out
  }
  const result: TextMatchResult = {
    scanned: n,
    matched,
    counts: byLabel(counts, undefined),
    negatedCounts: byLabel(negatedCounts, undefined),
    firstRow: byLabel(first, -1),
    lastRow: byLabel(last, -1),
    hits,
  }
  if (!options.rows) return result
  matchedRows.sort((a, b) => a - b)
  return {
    ...result,
    rows: options.rows === 'list' ? matchedRows : bitmapOf(matchedRows, frame.length),
  }
}

/**
 * Plain values of a few rows: `{ field: [value per row] }`, as `get(field, i)` would give them
 * (missing values as null). For reading the rows a kernel found without copying whole columns in.
 */
export function pick(
  frame: Frame,
  fields: readonly string[],
  rows: readonly number[],
): Record<string, unknown[]> {
  const names = asStrings(fields, 'fields')
  if (!Array.isArray(rows) || rows.length > TEXT_LIMITS.pickRows) {
    throw new KernelArgumentError(`rows must be an array of at most ${TEXT_LIMITS.pickRows}`)
  }
  for (const r of rows) {
    if (!Number.isInteger(r) || r < 0 || r >= frame.length) {
      throw new KernelArgumentError(`rows must be row numbers 0..${frame.length - 1}`)
    }
  }
  const decoder = new TextDecoder()
  const out: Record<string, unknown[]> = {}
  for (const name of names) {
    const col = frame.columns[name]
    if (!col || !Object.hasOwn(frame.columns, name)) {
      throw new KernelArgumentError(`no field '${name}' in ${frame.collection}`)
    }
    out[name] = rows.map((i): unknown => {
      switch (col.kind) {
        case 'time':
        case 'number': {
          const v = col.values[i]!
          return v === v ? v : null
        }
        case 'bool': {
          const v = col.values[i]!
          return v === 255 ? null : v === 1
        }
        case 'category': {
          const c = col.codes[i]!
          return c < 0 ? null : col.dictionary[c]!
        }
        case 'text':
          return decoder.decode(col.bytes.subarray(col.offsets[i]!, col.offsets[i + 1]!))
      }
    })
  }
  return out
}
