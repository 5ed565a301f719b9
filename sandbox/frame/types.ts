/**
 * The columnar frame: how a consented view of one collection crosses into a sandbox. The same
 * description serves the QuickJS engine (typed arrays moved into the guest) and the wasm engine
 * (the same bytes copied into linear memory).
 *
 * Missing values: NaN in number/time columns, -1 in category codes, 255 in bool columns, and an
 * empty string in text columns.
 */

/** How a field is stored, from the collection schema's `x-kind`. */
export type ColumnKind = 'time' | 'number' | 'category' | 'text' | 'bool'

/** Times (ms since epoch) and numbers: one float64 per row. */
export interface NumericColumn {
  readonly kind: 'time' | 'number'
  readonly values: Float64Array
}

/** Low-cardinality strings: one int32 code per row into `dictionary` (-1 = missing). */
export interface CategoryColumn {
  readonly kind: 'category'
  readonly codes: Int32Array
  readonly dictionary: readonly string[]
}

/** Free text: UTF-8 bytes of all rows back to back; row i is `bytes[offsets[i] .. offsets[i+1])`. */
export interface TextColumn {
  readonly kind: 'text'
  readonly offsets: Uint32Array
  readonly bytes: Uint8Array
}

/** Booleans: 0 false, 1 true, 255 missing. */
export interface BoolColumn {
  readonly kind: 'bool'
  readonly values: Uint8Array
}

export type Column = NumericColumn | CategoryColumn | TextColumn | BoolColumn

/** One collection's consented view: only the consented fields, only rows inside the window. */
export interface Frame {
  readonly collection: string
  readonly length: number
  readonly columns: Readonly<Record<string, Column>>
}

/** Missing-value markers, exported so codecs and guests agree. */
export const MISSING_CODE = -1
export const MISSING_BOOL = 255
