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

/** A file as bytes, or a stream of chunks for large files. */
export interface ImportSource {
  /** File name (used for detection hints and error messages). */
  readonly name: string
  chunks(): AsyncIterable<Uint8Array>
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
