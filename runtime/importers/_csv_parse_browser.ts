/**
 * Browser stand-in for `_csv_parse_node.ts` (csv-parse's Node build imports `node:stream`).
 * The file is already in memory in a browser, so the stream collects its text and parses it in one
 * go with csv-parse's browser build (same options, same records, same `CsvError`).
 */

import { CsvError, parse as parseAll, type Options } from 'csv-parse/browser/esm/sync'

export { CsvError }

/** A web TransformStream of text (or UTF-8 bytes) in, parsed records out. */
export function parse(options: Options): TransformStream<string | Uint8Array, unknown> {
  const decoder = new TextDecoder()
  const parts: string[] = []
  return new TransformStream({
    transform(chunk) {
      parts.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
    },
    flush(controller) {
      parts.push(decoder.decode())
      for (const record of parseAll(parts.join(''), options) as unknown[])
        controller.enqueue(record)
    },
  })
}
