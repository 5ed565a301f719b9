/**
 * The importer contract: every format reader turns a person's export file into records of one or more
 * vault collections, in source order, and throws `ImportFormatError` on malformed input.
 */

/** The vault collections an importer may yield into (one JSON Schema each in `schemas/collections`). */
export type CollectionName =
  | 'transactions'
  | 'purchases'
  | 'posts'
  | 'follows'
  | 'messages'
  | 'activities'
  | 'locations'
  | 'flights'
  | 'health'
  | 'browsing'
  | 'profile'

/** One imported record and the collection it belongs to. */
export interface ImportedRecord {
  readonly collection: CollectionName
  readonly record: Readonly<Record<string, unknown>>
}

/** Reads of any part of a file, for formats whose index is at the end (ZIP's central directory). */
export interface RandomAccess {
  /** The file's size in bytes. */
  readonly size: number
  /** `length` bytes from `offset` (fewer only at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>
  /** Releases the file; reads after it fail. */
  close(): Promise<void>
}

/** A file as bytes, or a stream of chunks for large files. */
export interface ImportSource {
  /** File name (used for detection hints and error messages). */
  readonly name: string
  chunks(): AsyncIterable<Uint8Array>
  /** Where the file can be read at any offset (a file on disk, bytes in memory); else undefined. */
  randomAccess?(): Promise<RandomAccess>
}

/** A reader for one export format. */
export interface Importer {
  /** Stable format name: 'ofx', 'bank-csv', 'gpx', 'whatsapp', ... */
  readonly format: string
  readonly description: string
  /**
   * Cheap content sniff on the first bytes (≤ 64 KiB) and the name; higher = more certain, 0 = not mine.
   * Scale 0..100: 90+ the format's signature is in the content, 50–80 likely from content shape,
   * 1–10 only the file name suggests it.
   */
  sniff(head: Uint8Array, name: string): number
  /** Yields records in source order; throws ImportFormatError with a position on malformed input. */
  read(
    source: ImportSource,
    options?: Readonly<Record<string, unknown>>,
  ): AsyncIterable<ImportedRecord>
}

/** Rows of a file left out, and why ('not completed (PENDING)'). */
export interface SkippedRows {
  readonly reason: string
  readonly rows: number
}

/** What an importer says about one file once it has read it to the end (`options.onReport`). */
export interface ImportReport {
  /** The file's name (an archive entry's base name: `vault import` puts the entry's path in). */
  readonly file: string
  readonly format: string
  /** The layout's stable name: a preset ('revolut'), 'inferred-de', 'custom' … */
  readonly layout: string
  /** How it was read, for people: 'Revolut', 'a layout inferred from its German header'. */
  readonly readAs: string
  /** Records yielded. */
  readonly records: number
  /** Rows left out, by reason; empty when every row was read. */
  readonly skipped: readonly SkippedRows[]
}
