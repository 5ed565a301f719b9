/**
 * ZIP (PKWARE APPNOTE 6.3.10) read from its central directory, ZIP64 included, with every entry's
 * bytes inflated by fflate under caps: a declared size that lies, a compression ratio past the
 * bound, an entry or a total past its size cap, too many entries, or a path that leaves the archive
 * are `ImportLimitError`s before or while inflating, never an out-of-memory crash. gzip the same way.
 */
import { Gunzip, Inflate } from 'fflate'
import { ImportFormatError, ImportLimitError } from './errors.ts'

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

/** The entries of a ZIP file, from its central directory; refuses unsafe paths and too many entries. */
export function zipEntries(
  zip: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): ZipEntry[] {
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message)
  }
  // End of central directory record: 22 bytes plus a comment of up to 65,535 bytes (§4.3.16).
  let eocd = -1
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65535); at--) {
    if (u32(zip, at) === 0x06054b50) {
      eocd = at
      break
    }
  }
  if (eocd < 0) fail('no end of central directory record: the archive is truncated or not a ZIP')
  let count = u16(zip, eocd + 10)
  let cdSize = u32(zip, eocd + 12)
  let cdOffset = u32(zip, eocd + 16)
  // ZIP64 end of central directory locator, just before the EOCD (§4.3.15).
  if (eocd >= 20 && u32(zip, eocd - 20) === 0x07064b50) {
    const z64 = u64(zip, eocd - 20 + 8)
    if (z64 + 56 > zip.length || u32(zip, z64) !== 0x06064b50) fail('ZIP64 end record is missing')
    count = u64(zip, z64 + 32)
    cdSize = u64(zip, z64 + 40)
    cdOffset = u64(zip, z64 + 48)
  }
  if (count > limits.maxEntries) {
    throw new ImportLimitError(
      FORMAT,
      'archive-entries',
      limits.maxEntries,
      `the archive lists ${count} entries (at most ${limits.maxEntries})`,
    )
  }
  if (cdOffset + cdSize > zip.length)
    fail('the central directory lies past the end of the file: truncated')
  const entries: ZipEntry[] = []
  let at = cdOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50)
      fail(`central directory entry ${i + 1} is damaged`)
    const flags = u16(zip, at + 8)
    const method = u16(zip, at + 10)
    let compressedSize = u32(zip, at + 20)
    let size = u32(zip, at + 24)
    const nameLength = u16(zip, at + 28)
    const extraLength = u16(zip, at + 30)
    const commentLength = u16(zip, at + 32)
    let localHeaderOffset = u32(zip, at + 42)
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength)
    // Bit 11: UTF-8 names; otherwise CP437, which is ASCII for the names exports use.
    const rawName = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes)
    // ZIP64 extended information extra field (§4.5.3): only the fields that overflowed are present.
    let extra = at + 46 + nameLength
    const extraEnd = extra + extraLength
    while (extra + 4 <= extraEnd) {
      const id = u16(zip, extra)
      const length = u16(zip, extra + 2)
      if (id === 0x0001) {
        let p = extra + 4
        if (size === 0xffffffff) {
          size = u64(zip, p)
          p += 8
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(zip, p)
          p += 8
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(zip, p)
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

/** The uncompressed bytes of one entry, inflated under the caps. */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
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
  if (at + 30 > zip.length || u32(zip, at) !== 0x04034b50)
    fail('local header is missing: truncated or damaged')
  const dataStart = at + 30 + u16(zip, at + 26) + u16(zip, at + 28)
  const dataEnd = dataStart + entry.compressedSize
  if (dataEnd > zip.length) fail('data runs past the end of the file: truncated')
  const data = zip.subarray(dataStart, dataEnd)
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) fail('stored entry sizes disagree')
    budget.spend(data.length, FORMAT)
    return data
  }
  if (entry.method !== 8)
    fail(`compression method ${entry.method} is not supported (only stored and deflate)`)
  // Never trust the declared size beyond the caps: the inflater stops at whichever comes first.
  const cap = Math.min(limits.maxEntryBytes, entry.size)
  const out = boundedInflate(new Inflate(), data, cap, entry.name, budget, () =>
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
  )
  if (out.length !== entry.size)
    fail(`inflated to ${out.length} bytes, not the ${entry.size} it declares`)
  return out
}

/** The bytes of a gzip file (all members), inflated under the caps. */
export function gunzipBounded(gz: Uint8Array, name: string, budget: InflateBudget): Uint8Array {
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

function boundedInflate(
  stream: Inflate | Gunzip,
  data: Uint8Array,
  cap: number,
  name: string,
  budget: InflateBudget,
  overCap: () => Error,
): Uint8Array {
  const limits = budget.limits
  const parts: Uint8Array[] = []
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
    parts.push(chunk)
  }
  try {
    for (let at = 0; at < data.length; at += SLICE) {
      const slice = data.subarray(at, at + SLICE)
      pushed += slice.length
      stream.push(slice, at + SLICE >= data.length)
    }
    if (data.length === 0) stream.push(new Uint8Array(0), true)
  } catch (error) {
    if (error instanceof ImportLimitError) throw error
    throw new ImportFormatError(
      FORMAT,
      `${name}: the compressed data is damaged`,
      {},
      { cause: error },
    )
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
