/**
 * The types of what `analyze(input)` receives, for editors and type checkers (JSDoc in a `.js`
 * module: `/** @param {import('sealpost/guest').Input} input *\/`). Erased when bundled.
 */

/** The kind of a consented field. */
export type FieldKind = 'time' | 'number' | 'category' | 'text' | 'bool'

/** `where` of the kernels: rows with time in [from, to) on `on` (default: the first time field), `eq` filters. */
export interface Where {
  readonly from?: number
  readonly to?: number
  readonly on?: string
  readonly eq?: Readonly<
    Record<string, string | number | boolean | readonly (string | number | boolean)[]>
  >
}

/** Recency weighting: a row `halfLifeMs` older than `now` counts half. */
export interface Decay {
  readonly halfLifeMs: number
  readonly now: number
  readonly on?: string
}

/**
 * One consented collection: only the declared fields, only the rows inside the window, in time
 * order. Reading a field that is not declared throws an error naming it.
 */
export interface Frame {
  readonly length: number
  readonly collection: string
  readonly fields: readonly string[]
  has(field: string): boolean
  kind(field: string): FieldKind | undefined
  /** A time (ms since epoch) or number field; NaN = missing. */
  num(field: string): Float64Array
  /** Dictionary codes of a category field; -1 = missing. */
  codes(field: string): Int32Array
  dict(field: string): readonly string[]
  /** A bool field: 0, 1, 255 = missing. */
  bools(field: string): Uint8Array
  text(field: string, row: number): string
  get(field: string, row: number): string | number | boolean | undefined
  rows(): IterableIterator<Record<string, string | number | boolean | undefined>>
  count(where?: Where): number
  sum(field: string, where?: Where): number
  groupSum(
    key: string,
    value?: string | null,
    options?: { where?: Where; decay?: Decay },
  ): Record<string, number>
  groupMean(key: string, value: string, options?: { where?: Where }): Record<string, number>
  topK(
    key: string,
    k: number,
    options?: { where?: Where; by?: string; decay?: Decay },
  ): { key: string; value: number }[]
  histogram(
    field: string,
    spec: { min: number; max: number; bins: number; where?: Where },
  ): number[]
  nearest(
    latField: string,
    lonField: string,
    points: readonly { lat: number; lon: number }[],
    options?: { where?: Where },
  ): { row: number; index: number; meters: number } | null
  /** Word lists matched natively over a text field (docs/text-kernels.md). */
  textMatch(
    field: string,
    spec: TextMatchSpec | readonly TextMatchSpec[],
    options?: TextMatchOptions,
  ): TextMatchResult
  /** Plain values of up to 10,000 rows: `{ field: [value per row] }`, null when missing. */
  pick(
    fields: readonly string[],
    rows: readonly number[],
  ): Record<string, (string | number | boolean | null)[]>
}

/** What `textMatch` looks for; entries are folded and cut into words like the text. */
export interface TextMatchSpec {
  /** Label → words, phrases (consecutive words) or stems (`'fuck*'`: any word starting so). */
  readonly lists: Readonly<Record<string, readonly string[]>>
  /** `unicode` (default): words are runs of letters and digits; `ascii`: runs of a–z, 0–9, `join`. */
  readonly letters?: 'unicode' | 'ascii'
  readonly join?: string
  /** Lower-case letters folding keeps (`'ñ'`). */
  readonly keep?: string
  /** Words that negate an entry at most `reach` (default 3) words before it, same clause. */
  readonly negators?: readonly string[]
  readonly reach?: number
  /** Cut at . , ; : ! ? ¡ ¿ and line breaks first: phrases and negation stay inside a clause. */
  readonly clauses?: boolean
  /** Read only the first `maxChars` UTF-16 units of each row. */
  readonly maxChars?: number
}

export interface TextMatchOptions {
  readonly where?: Where
  /** Only rows from this one on (a trigger run's new rows: `input.trigger.firstRow`). */
  readonly startRow?: number
  /** Matching rows to list with their labels and terms (default 0, at most 10,000). */
  readonly hits?: number
  /** List the `last` (default) or the `first` matching rows. */
  readonly from?: 'first' | 'last'
  /** Every matching row: a sorted `list` of row numbers or a base64 `bitmap`. */
  readonly rows?: 'list' | 'bitmap'
}

export interface TextMatchResult {
  readonly scanned: number
  readonly matched: number
  readonly counts: Record<string, number>
  readonly negatedCounts: Record<string, number>
  readonly firstRow: Record<string, number>
  readonly lastRow: Record<string, number>
  readonly hits: { row: number; labels: string[]; negated: string[]; terms: string[] }[]
  readonly rows?: number[] | string
}

/** What `analyze(input)` receives. */
export interface Input {
  /** The run's logical time, ms since epoch: the only clock a module has. */
  readonly now: number
  /** The bundle's static assets (manifest `assets`), parsed JSON by file name. */
  readonly params: Readonly<Record<string, unknown>> | null
  /** Trigger runs: the newly ingested rows are `collections[collection]` from `firstRow` on. */
  readonly trigger: { readonly collection: string; readonly firstRow: number } | null
  /** One frame per collection the manifest reads. */
  readonly collections: Readonly<Record<string, Frame>>
}
