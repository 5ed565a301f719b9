/**
 * CSV rows from decoded text through csv-parse's streaming API (a web `TransformStream`), with the
 * line number of each row and csv-parse errors turned into `ImportFormatError`.
 */
import { CsvError, parse } from '#platform/csv-parse'
import { ImportFormatError } from './errors.ts'

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

/** Streams rows of `text` split on `delimiter`; empty lines are skipped. */
export async function* csvRows(
  text: AsyncIterable<string>,
  format: string,
  delimiter: string,
): AsyncGenerator<CsvRow> {
  const stream = parse({ delimiter, info: true, skip_empty_lines: true, relax_column_count: true })
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
        throw asFormatError(error, format)
      }
      if (next.done) break
      yield { fields: next.value.record, line: next.value.info.lines }
    }
  } finally {
    await reader.cancel().catch(() => undefined)
    await pump
  }
}

function asFormatError(error: unknown, format: string): Error {
  if (error instanceof ImportFormatError) return error
  if (error instanceof CsvError) {
    const lines = typeof error['lines'] === 'number' ? error['lines'] : undefined
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
