/**
 * CSV rows from decoded text through csv-parse's streaming API (a web `TransformStream`), with the
 * line number of each row and csv-parse errors turned into `ImportFormatError`.
 */
import { CsvError, parse } from '#platform/csv-parse'
import { ImportFormatError, ImportLimitError } from './errors.ts'

/** One parsed CSV row: its fields and the 1-based line where it ends. */
export interface CsvRow {
  readonly fields: readonly string[]
  readonly line: number
}

interface InfoRecord {
  readonly record: string[]
  readonly info: { readonly lines: number }
}

// csv-parse's Node build reads Buffers; in browsers (no Buffer) the browser stand-in takes bytes.
const csvChunk = (bytes: Uint8Array): Uint8Array =>
  typeof Buffer === 'function' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : bytes

/** Default longest CSV record, in characters (csv-parse `max_record_size`): 1 MiB. */
export const DEFAULT_MAX_CSV_RECORD_CHARS = 1024 * 1024

/**
 * Streams rows of `text` split on `delimiter`; empty lines are skipped. A record longer than
 * `maxRecordChars` (an unclosed quote swallowing the rest of the file, say) is refused with
 * `ImportLimitError` instead of being buffered whole.
 */
export async function* csvRows(
  text: AsyncIterable<string>,
  format: string,
  delimiter: string,
  maxRecordChars: number = DEFAULT_MAX_CSV_RECORD_CHARS,
): AsyncGenerator<CsvRow> {
  const stream = parse({
    delimiter,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // Real exports put stray quotes inside unquoted fields (a Rabobank line starts `NL77…",`).
    relax_quotes: true,
    max_record_size: maxRecordChars,
  })
  const writer = stream.writable.getWriter()
  const reader = stream.readable.getReader()
  const encoder = new TextEncoder()
  // The writer side runs concurrently with the reader below; its failure errors the readable side.
  const pump = (async () => {
    try {
      for await (const piece of text) {
        await writer.ready
        await writer.write(csvChunk(encoder.encode(piece)))
      }
      await writer.close()
    } catch (error) {
      await writer.abort(error).catch(() => undefined)
    }
  })()
  try {
    for (;;) {
      let next: ReadableStreamReadResult<InfoRecord>
      try {
        next = (await reader.read()) as ReadableStreamReadResult<InfoRecord>
      } catch (error) {
        throw asFormatError(error, format, maxRecordChars)
      }
      if (next.done) break
      yield { fields: next.value.record, line: next.value.info.lines }
    }
  } finally {
    await reader.cancel().catch(() => undefined)
    await pump
  }
}

function asFormatError(error: unknown, format: string, maxRecordChars: number): Error {
  if (error instanceof ImportFormatError || error instanceof ImportLimitError) return error
  if (error instanceof CsvError) {
    const lines = typeof error['lines'] === 'number' ? error['lines'] : undefined
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      return new ImportLimitError(
        format,
        'csv-record-size',
        maxRecordChars,
        `a CSV record is longer than ${maxRecordChars} characters`,
        lines === undefined ? {} : { line: lines },
        { cause: error },
      )
    }
    const message = error.message.replace(/^Invalid [^:]*: /, '')
    return new ImportFormatError(
      format,
      `malformed CSV: ${message}`,
      lines === undefined ? {} : { line: lines },
      { cause: error },
    )
  }
  return error instanceof Error ? error : new Error(String(error))
}
