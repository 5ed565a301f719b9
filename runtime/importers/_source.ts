/**
 * Platform-neutral helpers over an `ImportSource`: bounded whole reads, text decoding with BOM and
 * legacy-charset handling, and line splitting, all chunk by chunk.
 */
import { ImportFormatError, ImportTooLargeError } from './errors.ts'
import type { ImportSource } from './types.ts'

/** Default cap for formats that must be parsed as one document (OFX, FIT). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

/** Reads the whole source into one buffer, refusing more than `maxBytes`. */
export async function readAll(
  source: ImportSource,
  format: string,
  maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let total = 0
  for await (const chunk of source.chunks()) {
    total += chunk.length
    if (total > maxBytes) throw new ImportTooLargeError(format, source.name, maxBytes)
    parts.push(chunk)
  }
  return concatBytes(parts, total)
}

/** Joins byte chunks into one array of `total` bytes. */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  const out = new Uint8Array(total ?? parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Text encodings the importers accept; legacy bank exports are often Windows-1252. */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be'

/** Picks an encoding from a BOM, else UTF-8 when `head` is valid UTF-8, else Windows-1252. */
export function guessEncoding(head: Uint8Array): TextEncodingName {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return isUtf8Prefix(head) ? 'utf-8' : 'windows-1252'
}

/** True when `bytes` is valid UTF-8, allowing a truncated sequence at the very end. */
export function isUtf8Prefix(bytes: Uint8Array): boolean {
  let end = bytes.length
  // Drop up to 3 trailing bytes of an incomplete sequence: the head may cut a character in two.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back] ?? 0
    if ((b & 0xc0) === 0xc0) {
      end -= back
      break
    }
    if ((b & 0x80) === 0) break
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end))
    return true
  } catch {
    return false
  }
}

/**
 * Decodes the source to text chunk by chunk. The encoding is `encoding` when given, else guessed
 * from the first chunk (see `guessEncoding`). A BOM is dropped. Invalid UTF-8 later in the file is
 * reported as `ImportFormatError` rather than silently replaced.
 */
export async function* decodeText(
  source: ImportSource,
  format: string,
  encoding?: TextEncodingName,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined
  let offset = 0
  for await (const chunk of source.chunks()) {
    decoder ??= new TextDecoder(encoding ?? guessEncoding(chunk), { fatal: true })
    yield decodeOrFail(decoder, chunk, true, format, offset)
    offset += chunk.length
  }
  if (decoder !== undefined) {
    const rest = decodeOrFail(decoder, new Uint8Array(0), false, format, offset)
    if (rest.length > 0) yield rest
  }
}

function decodeOrFail(
  decoder: TextDecoder,
  chunk: Uint8Array,
  stream: boolean,
  format: string,
  offset: number,
): string {
  try {
    return decoder.decode(chunk, { stream })
  } catch (cause) {
    throw new ImportFormatError(
      format,
      `text is not valid ${decoder.encoding}`,
      { byteOffset: offset },
      { cause },
    )
  }
}

/** One line of text and its 1-based line number. */
export interface NumberedLine {
  readonly text: string
  readonly line: number
}

/** Splits decoded text into lines (LF, CRLF or lone CR), without the terminators. */
export async function* splitLines(text: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let pending = ''
  let line = 0
  for await (const piece of text) {
    pending += piece
    let start = 0
    for (let i = 0; i < pending.length; i++) {
      const c = pending.charCodeAt(i)
      if (c !== 10 && c !== 13) continue
      // A CR at the end of the buffered text may be the first half of CRLF: wait for more.
      if (c === 13 && i === pending.length - 1) break
      yield { text: pending.slice(start, i), line: ++line }
      if (c === 13 && pending.charCodeAt(i + 1) === 10) i++
      start = i + 1
    }
    pending = pending.slice(start)
  }
  if (pending.endsWith('\r')) pending = pending.slice(0, -1)
  if (pending.length > 0) yield { text: pending, line: ++line }
}

/** Decodes the first bytes of a file for sniffing (lossy, never throws). */
export function headText(head: Uint8Array): string {
  return new TextDecoder(guessEncoding(head)).decode(head)
}
