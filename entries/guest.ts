/**
 * `sealpost/guest`: types of the module contract, for partners' editors. A `quickjs` module is
 * plain JavaScript run inside the sandbox; it imports nothing, so these are types only. In a
 * module: `/** @type {import('sealpost/guest').Analyze} *\/ export function analyze(input) {…}`.
 * The contract itself is docs/contracts.md "Module contract".
 */

/** Rows selected by time and field values (`from` inclusive, `to` exclusive, ms since epoch). */
export interface Where {
  /** Time field `from`/`to` apply to; the frame's first time field when omitted. */
  readonly on?: string
  readonly from?: number
  readonly to?: number
  /** Field equals value; an array means any of them. */
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

/** Storage kind of a field. */
export type FieldKind = 'time' | 'number' | 'category' | 'text' | 'bool'

/** A plain value of one field of one row. */
export type FieldValue = number | string | boolean | undefined

/**
 * One consented collection: only the declared fields, only the rows inside the window, in time
 * order. Asking for anything else returns `undefined`.
 */
export interface GuestFrame {
  readonly length: number
  readonly collection: string
  readonly fields: readonly string[]
  has(field: string): boolean
  kind(field: string): FieldKind | undefined
  /** A time (ms since epoch) or number field; `NaN` marks a missing value. */
  num(field: string): Float64Array | undefined
  /** Dictionary codes of a category field (`-1` missing), and the dictionary. */
  codes(field: string): Int32Array | undefined
  dict(field: string): readonly string[] | undefined
  /** A bool field: `0`, `1`, `255` missing. */
  bools(field: string): Uint8Array | undefined
  text(field: string, row: number): string | undefined
  get(field: string, row: number): FieldValue
  /** One plain object per row: convenient, slower than the columns. */
  rows(): IterableIterator<Readonly<Record<string, FieldValue>>>

  // Kernels: native scans over the consented columns, small plain results.
  count(where?: Where): number
  sum(field: string, where?: Where): number
  groupSum(
    key: string,
    value?: string | null,
    options?: { readonly where?: Where; readonly decay?: Decay },
  ): Record<string, number>
  groupMean(
    key: string,
    value: string,
    options?: { readonly where?: Where },
  ): Record<string, number>
  topK(
    key: string,
    k: number,
    options?: { readonly where?: Where; readonly by?: string; readonly decay?: Decay },
  ): { key: string; value: number }[]
  histogram(
    field: string,
    spec: {
      readonly min: number
      readonly max: number
      readonly bins: number
      readonly where?: Where
    },
  ): number[]
  nearest(
    latField: string,
    lonField: string,
    points: readonly { readonly lat: number; readonly lon: number }[],
    options?: { readonly where?: Where },
  ): { row: number; index: number; meters: number } | null
}

/** What `analyze(input)` receives. */
export interface ModuleInput {
  /** The run's logical time, ms since epoch: the module's only clock. */
  readonly now: number
  /** The bundle's static assets, by file name. */
  readonly params: Readonly<Record<string, unknown>>
  /** Trigger runs: the newly ingested rows (`firstRow` onwards); otherwise null. */
  readonly trigger: { readonly collection: string; readonly firstRow: number } | null
  /** One frame per consented collection; undeclared collections are absent. */
  readonly collections: Readonly<Record<string, GuestFrame | undefined>>
}

/** A JSON value a module may return. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }

/** The function a `quickjs` module exports; `null` from a trigger run means nothing to report. */
export type Analyze = (input: ModuleInput) => JsonValue | Promise<JsonValue>
