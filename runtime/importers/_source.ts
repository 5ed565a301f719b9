/**
 * Platform-neutral helpers over an `ImportSource`: bounded whole reads, text decoding with BOM and
 * legacy-charset handling, and line splitting, all chunk by chunk.
 */
import { ImportFormatError, ImportLimitError, ImportTooLargeError } from './errors.ts'
import type { ImportSource, RandomAccess } from './types.ts'

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

/** How many leading bytes `decodeText` looks at to guess the encoding. */
const GUESS_BYTES = 64 * 1024

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
  let decoder: ChunkDecoder | undefined
  let offset = 0
  // The encoding is guessed from the first GUESS_BYTES, not the first chunk: a stream cut into small
  // chunks may start with pure ASCII and reach a Latin-1 'é' only later.
  let held: Uint8Array[] = []
  let heldBytes = 0
  const flush = function* (): Generator<string> {
    const head = concatBytes(held, heldBytes)
    held = []
    decoder ??= chunkDecoder(encoding ?? guessEncoding(head))
    if (head.length > 0) yield decodeOrFail(decoder, head, true, format, offset)
    offset += head.length
  }
  for await (const chunk of source.chunks()) {
    if (decoder === undefined) {
      held.push(chunk)
      heldBytes += chunk.length
      if (heldBytes >= GUESS_BYTES) yield* flush()
      continue
    }
    yield decodeOrFail(decoder, chunk, true, format, offset)
    offset += chunk.length
  }
  if (decoder === undefined && heldBytes > 0) yield* flush()
  if (decoder !== undefined) {
    const rest = decodeOrFail(decoder, new Uint8Array(0), false, format, offset)
    if (rest.length > 0) yield rest
  }
}

/** The part of TextDecoder the importers use. */
interface ChunkDecoder {
  readonly encoding: string
  decode(chunk: Uint8Array, options: { stream: boolean }): string
}

/** A fatal decoder for `encoding`; Windows-1252 is decoded here (see `decodeWindows1252`). */
export function chunkDecoder(encoding: string): ChunkDecoder {
  if (encoding.toLowerCase() === 'windows-1252') {
    return { encoding: 'windows-1252', decode: (chunk) => decodeWindows1252(chunk) }
  }
  return new TextDecoder(encoding, { fatal: true })
}

// Windows-1252 0x80–0x9F (WHATWG Encoding index); 0 marks the five unassigned bytes, read as C1.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
] as const

/**
 * Decodes Windows-1252. Node's TextDecoder (small ICU builds) treats this label as Latin-1 and
 * turns 0x80 into U+0080 instead of '€', so the 32 differing bytes are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b,
    )
    out += String.fromCharCode(...codes)
  }
  return out
}

function decodeOrFail(
  decoder: ChunkDecoder,
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

/** Default longest line `splitLines` accepts, in UTF-16 code units (a 32 MiB chat message). */
export const DEFAULT_MAX_LINE_CHARS = 32 * 1024 * 1024

/**
 * Splits decoded text into lines (LF, CRLF or lone CR), without the terminators. Linear in the text:
 * each character is scanned once however long the line (a line is kept as a list of pieces until it
 * ends), and a line longer than `maxLineChars` is refused with `ImportLimitError`.
 */
export async function* splitLines(
  text: AsyncIterable<string>,
  format = 'text',
  maxLineChars: number = DEFAULT_MAX_LINE_CHARS,
): AsyncGenerator<NumberedLine> {
  let pieces: string[] = []
  let pendingLength = 0
  let line = 0
  // A CR ended the previous piece: an LF at the start of the next one belongs to it.
  let afterCr = false
  const tooLong = (): never => {
    throw new ImportLimitError(
      format,
      'line-length',
      maxLineChars,
      `a line is longer than ${maxLineChars} characters`,
      { line: line + 1 },
    )
  }
  for await (const piece of text) {
    let start = 0
    if (afterCr && piece.charCodeAt(0) === 10) start = 1
    afterCr = false
    for (let i = start; i < piece.length; i++) {
      const c = piece.charCodeAt(i)
      if (c !== 10 && c !== 13) continue
      if (pendingLength + (i - start) > maxLineChars) tooLong()
      pieces.push(piece.slice(start, i))
      yield { text: pieces.join(''), line: ++line }
      pieces = []
      pendingLength = 0
      if (c === 13) {
        if (i + 1 < piece.length) {
          if (piece.charCodeAt(i + 1) === 10) i++
        } else {
          afterCr = true
        }
      }
      start = i + 1
    }
    if (start < piece.length) {
      pendingLength += piece.length - start
      if (pendingLength > maxLineChars) tooLong()
      pieces.push(piece.slice(start))
    }
  }
  if (pendingLength > 0) yield { text: pieces.join(''), line: ++line }
}

/** Decodes the first bytes of a file for sniffing (lossy, never throws). */
export function headText(head: Uint8Array): string {
  const encoding = guessEncoding(head)
  return encoding === 'windows-1252'
    ? decodeWindows1252(head)
    : new TextDecoder(encoding).decode(head)
}

/** Random access over bytes already in memory. */
export function bytesRandomAccess(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    async read(offset, length) {
      return bytes.subarray(offset, Math.min(bytes.length, offset + length))
    },
    async close() {},
  }
}

/**
 * Reads up to `bytes` from a source and returns them with a source that replays them before the
 * rest, so a one-shot stream is read once. Random access, where the source has it, is kept.
 */
export async function peekHead(
  source: ImportSource,
  bytes: number,
): Promise<{ head: Uint8Array; replay: ImportSource }> {
  const iterator = source.chunks()[Symbol.asyncIterator]()
  const buffered: Uint8Array[] = []
  let size = 0
  let done = false
  try {
    while (size < bytes) {
      const next = await iterator.next()
      if (next.done === true) {
        done = true
        break
      }
      buffered.push(next.value)
      size += next.value.length
    }
  } catch (error) {
    void iterator.return?.()?.catch(() => undefined)
    throw error
  }
  const head = concatBytes(buffered, size).subarray(0, bytes)
  let used = false
  const replay: ImportSource = {
    name: source.name,
    async *chunks() {
      if (used) throw new Error('this source can be read only once')
      used = true
      try {
        yield* buffered
        buffered.length = 0
        if (done) return
        for (;;) {
          const next = await iterator.next()
          if (next.done === true) {
            done = true
            return
          }
          yield next.value
        }
      } finally {
        if (!done) void iterator.return?.()?.catch(() => undefined)
      }
    },
  }
  if (source.randomAccess !== undefined) {
    const randomAccess = source.randomAccess.bind(source)
    return {
      head,
      replay: {
        ...replay,
        chunks: replay.chunks,
        randomAccess: async () => {
          // The stream is not going to be read: let it go.
          if (!used) {
            used = true
            if (!done) void iterator.return?.()?.catch(() => undefined)
          }
          return randomAccess()
        },
      },
    }
  }
  return { head, replay }
}
