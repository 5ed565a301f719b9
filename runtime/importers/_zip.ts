/**
 * ZIP (PKWARE APPNOTE 6.3.10) read from its central directory through random access (a file is
 * never read whole), ZIP64 included, with every entry's bytes streamed through fflate under caps: a declared size that lies, a compression ratio past the
 * bound, an entry or a total past its size cap, too many entries, or a path that leaves the archive
 * are `ImportLimitError`s before or while inflating, never an out-of-memory crash. gzip the same way.
 */
import { Gunzip, Inflate } from 'fflate'
import { ImportFormatError, ImportLimitError } from './errors.ts'
import { bytesRandomAccess } from './_source.ts'
import type { RandomAccess } from './types.ts'

/** Caps for reading an archive (all are checked; defaults in `DEFAULT_ARCHIVE_LIMITS`). */
export interface ArchiveLimits {
  /** Entries in the central directory. */
  readonly maxEntries: number
  /** Uncompressed bytes of one entry. */
  readonly maxEntryBytes: number
  /** Uncompressed bytes of all the entries that are read. */
  readonly maxTotalBytes: number
  /** Uncompressed ÷ compressed size, checked once an entry passes 1 MiB. */
  readonly maxRatio: number
}

/** Defaults: 100,000 entries, 1 GiB per entry, 4 GiB in all, ratio 1,000 (deflate's own limit is ~1,032). */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxRatio: 1000,
}

/** One entry of the central directory. */
export interface ZipEntry {
  /** The path inside the archive, '/'-separated, checked not to leave it. */
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly size: number
  readonly localHeaderOffset: number
  readonly encrypted: boolean
  readonly directory: boolean
}

const FORMAT = 'zip'
const RATIO_FLOOR_BYTES = 1024 * 1024
// Inflate in slices of this many compressed bytes: one slice can grow ~1,000× at most.
const SLICE = 16 * 1024
// Compressed bytes read from the file at a time.
const READ_BYTES = 256 * 1024

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8)
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x1_0000_0000

/** True when the bytes start like a ZIP file (a local header, or the end record of an empty one). */
export function isZip(head: Uint8Array): boolean {
  return (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 3 || head[2] === 5) &&
    (head[3] === 4 || head[3] === 6)
  )
}

/** True when the bytes start like gzip (RFC 1952 §2.3.1). */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b && head[2] === 8
}

/** Bytes the end-of-central-directory search reads from the end of the file. */
const TAIL_BYTES = 22 + 65535 + 20

/**
 * The entries of a ZIP file, from its central directory, read through `file` without touching the
 * entries' data; refuses unsafe paths and too many entries before anything is inflated.
 */
export async function readZipDirectory(
  file: RandomAccess,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ZipEntry[]> {
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message)
  }
  const tailStart = Math.max(0, file.size - TAIL_BYTES)
  const tail = await file.read(tailStart, file.size - tailStart)
  // End of central directory record: 22 bytes plus a comment of up to 65,535 bytes (§4.3.16).
  let eocd = -1
  for (let at = tail.length - 22; at >= 0; at--) {
    if (u32(tail, at) === 0x06054b50) {
      eocd = at
      break
    }
  }
  if (eocd < 0) fail('no end of central directory record: the archive is truncated or not a ZIP')
  let count = u16(tail, eocd + 10)
  let cdSize = u32(tail, eocd + 12)
  let cdOffset = u32(tail, eocd + 16)
  // ZIP64 end of central directory locator, just before the EOCD (§4.3.15).
  if (eocd >= 20 && u32(tail, eocd - 20) === 0x07064b50) {
    const z64 = u64(tail, eocd - 20 + 8)
    const record = await file.read(z64, 56)
    if (record.length < 56 || u32(record, 0) !== 0x06064b50) fail('ZIP64 end record is missing')
    count = u64(record, 32)
    cdSize = u64(record, 40)
    cdOffset = u64(record, 48)
  }
  if (count > limits.maxEntries) {
    throw new ImportLimitError(
      FORMAT,
      'archive-entries',
      limits.maxEntries,
      `the archive lists ${count} entries (at most ${limits.maxEntries})`,
    )
  }
  // A directory entry is 46 bytes plus a name, an extra field and a comment (≤ 3 × 65,535 each).
  const maxCdBytes = count * (46 + 3 * 65535)
  if (cdSize > maxCdBytes) fail(`the central directory is larger than ${count} entries can be`)
  if (cdOffset + cdSize > file.size)
    fail('the central directory lies past the end of the file: truncated')
  const cd = await file.read(cdOffset, cdSize)
  return parseCentralDirectory(cd, count, fail)
}

/** The entries of a ZIP file held in memory. */
export function zipEntries(
  zip: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ZipEntry[]> {
  return readZipDirectory(bytesRandomAccess(zip), limits)
}

function parseCentralDirectory(
  cd: Uint8Array,
  count: number,
  fail: (message: string) => never,
): ZipEntry[] {
  const entries: ZipEntry[] = []
  let at = 0
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || u32(cd, at) !== 0x02014b50)
      fail(`central directory entry ${i + 1} is damaged`)
    const flags = u16(cd, at + 8)
    const method = u16(cd, at + 10)
    let compressedSize = u32(cd, at + 20)
    let size = u32(cd, at + 24)
    const nameLength = u16(cd, at + 28)
    const extraLength = u16(cd, at + 30)
    const commentLength = u16(cd, at + 32)
    let localHeaderOffset = u32(cd, at + 42)
    const nameBytes = cd.subarray(at + 46, at + 46 + nameLength)
    // Bit 11: UTF-8 names; otherwise CP437, which is ASCII for the names exports use.
    const rawName = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes)
    // ZIP64 extended information extra field (§4.5.3): only the fields that overflowed are present.
    let extra = at + 46 + nameLength
    const extraEnd = extra + extraLength
    while (extra + 4 <= extraEnd) {
      const id = u16(cd, extra)
      const length = u16(cd, extra + 2)
      if (id === 0x0001) {
        let p = extra + 4
        if (size === 0xffffffff) {
          size = u64(cd, p)
          p += 8
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(cd, p)
          p += 8
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(cd, p)
      }
      extra += 4 + length
    }
    at = extraEnd + commentLength
    entries.push({
      name: safePath(rawName),
      method,
      compressedSize,
      size,
      localHeaderOffset,
      encrypted: (flags & 1) !== 0,
      directory: rawName.endsWith('/'),
    })
  }
  return entries
}

/** The entry's path, '/'-separated; refuses absolute paths, drive letters and '..' (zip slip). */
export function safePath(name: string): string {
  const path = name.replace(/\\/g, '/')
  const parts = path.split('/')
  if (
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    parts.includes('..') ||
    path.includes('\0')
  ) {
    throw new ImportLimitError(
      FORMAT,
      'archive-path',
      0,
      `entry ${JSON.stringify(name)} would leave the archive`,
    )
  }
  return parts.filter((p) => p !== '' && p !== '.').join('/')
}

/** Running count of the bytes inflated from one archive, against the total cap. */
export class InflateBudget {
  #used = 0
  readonly limits: ArchiveLimits
  constructor(limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS) {
    this.limits = limits
  }
  get used(): number {
    return this.#used
  }
  /** Adds `n` bytes; throws when the total passes the cap. */
  spend(n: number, format: string): void {
    this.#used += n
    if (this.#used > this.limits.maxTotalBytes) {
      throw new ImportLimitError(
        format,
        'archive-total-size',
        this.limits.maxTotalBytes,
        `the archive inflates to more than ${this.limits.maxTotalBytes} bytes`,
      )
    }
  }
}

/**
 * The uncompressed bytes of one entry, streamed: compressed data is read through `file` in slices
 * and inflated under the caps (declared size, entry size, ratio, archive total).
 */
export async function* streamZipEntry(
  file: RandomAccess,
  entry: ZipEntry,
  budget: InflateBudget,
): AsyncGenerator<Uint8Array> {
  const limits = budget.limits
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, `${entry.name}: ${message}`)
  }
  if (entry.size > limits.maxEntryBytes) {
    throw new ImportLimitError(
      FORMAT,
      'archive-entry-size',
      limits.maxEntryBytes,
      `${entry.name} declares ${entry.size} bytes (at most ${limits.maxEntryBytes})`,
    )
  }
  const at = entry.localHeaderOffset
  const header = await file.read(at, 30)
  if (header.length < 30 || u32(header, 0) !== 0x04034b50)
    fail('local header is missing: truncated or damaged')
  const dataStart = at + 30 + u16(header, 26) + u16(header, 28)
  const dataEnd = dataStart + entry.compressedSize
  if (dataEnd > file.size) fail('data runs past the end of the file: truncated')
  async function* compressed(): AsyncGenerator<Uint8Array> {
    for (let p = dataStart; p < dataEnd; p += READ_BYTES) {
      yield await file.read(p, Math.min(READ_BYTES, dataEnd - p))
    }
  }
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) fail('stored entry sizes disagree')
    for await (const data of compressed()) {
      budget.spend(data.length, FORMAT)
      yield data
    }
    return
  }
  if (entry.method !== 8)
    fail(`compression method ${entry.method} is not supported (only stored and deflate)`)
  // Never trust the declared size beyond the caps: the inflater stops at whichever comes first.
  const cap = Math.min(limits.maxEntryBytes, entry.size)
  let total = 0
  for await (const out of boundedInflate(
    new Inflate(),
    compressed(),
    cap,
    entry.name,
    budget,
    () =>
      entry.size < limits.maxEntryBytes
        ? new ImportLimitError(
            FORMAT,
            'archive-ratio',
            limits.maxRatio,
            `${entry.name} inflates past the ${entry.size} bytes it declares (a zip bomb)`,
          )
        : new ImportLimitError(
            FORMAT,
            'archive-entry-size',
            limits.maxEntryBytes,
            `${entry.name} inflates past ${limits.maxEntryBytes} bytes`,
          ),
  )) {
    total += out.length
    yield out
  }
  if (total !== entry.size) fail(`inflated to ${total} bytes, not the ${entry.size} it declares`)
}

/** The bytes of a gzip stream (all members), inflated as they come under the caps. */
export function gunzipStream(
  gz: AsyncIterable<Uint8Array>,
  name: string,
  budget: InflateBudget,
): AsyncGenerator<Uint8Array> {
  const limits = budget.limits
  return boundedInflate(
    new Gunzip(),
    gz,
    limits.maxEntryBytes,
    name,
    budget,
    () =>
      new ImportLimitError(
        'gzip',
        'archive-entry-size',
        limits.maxEntryBytes,
        `${name} inflates past ${limits.maxEntryBytes} bytes`,
      ),
  )
}

async function* boundedInflate(
  stream: Inflate | Gunzip,
  input: AsyncIterable<Uint8Array>,
  cap: number,
  name: string,
  budget: InflateBudget,
  overCap: () => Error,
): AsyncGenerator<Uint8Array> {
  const limits = budget.limits
  let ready: Uint8Array[] = []
  let total = 0
  let pushed = 0
  stream.ondata = (chunk) => {
    total += chunk.length
    if (total > cap) throw overCap()
    if (total > RATIO_FLOOR_BYTES && total / Math.max(1, pushed) > limits.maxRatio) {
      throw new ImportLimitError(
        FORMAT,
        'archive-ratio',
        limits.maxRatio,
        `${name} inflates more than ${limits.maxRatio} times its size (a zip bomb)`,
      )
    }
    budget.spend(chunk.length, FORMAT)
    ready.push(chunk)
  }
  const push = (slice: Uint8Array, final: boolean): void => {
    try {
      stream.push(slice, final)
    } catch (error) {
      if (error instanceof ImportLimitError) throw error
      throw new ImportFormatError(
        FORMAT,
        `${name}: the compressed data is damaged`,
        {},
        { cause: error },
      )
    }
  }
  // One chunk is held back so the last one can be pushed as final.
  let held: Uint8Array | undefined
  for await (const chunk of input) {
    if (held !== undefined) {
      for (let at = 0; at < held.length; at += SLICE) {
        const slice = held.subarray(at, at + SLICE)
        pushed += slice.length
        push(slice, false)
        if (ready.length > 0) {
          yield* ready
          ready = []
        }
      }
    }
    held = chunk
  }
  const last = held ?? new Uint8Array(0)
  if (last.length === 0) push(last, true)
  for (let at = 0; at < last.length; at += SLICE) {
    const slice = last.subarray(at, at + SLICE)
    pushed += slice.length
    push(slice, at + SLICE >= last.length)
    if (ready.length > 0) {
      yield* ready
      ready = []
    }
  }
  yield* ready
}
