/**
 * Archives as people download them (Google Takeout, Apple Health `export.zip`, Strava bulk export,
 * Facebook / Instagram / LinkedIn "download your information"): every entry that an importer
 * recognises is imported, the rest is skipped with a reason, and a report says which was which.
 * ZIP (ZIP64 included) and gzip, through fflate, under the caps of `_zip.ts`. Nothing is yielded
 * until every entry has been read: a bomb, a truncated file or an unsafe path ends in a typed error
 * with nothing half-imported.
 */
import { detectFormat, importers as allImporters, SNIFF_BYTES } from './detect.ts'
import {
  DEFAULT_ARCHIVE_LIMITS,
  gunzipBounded,
  InflateBudget,
  isGzip,
  isZip,
  readZipEntry,
  zipEntries,
} from './_zip.ts'
import type { ArchiveLimits, ZipEntry } from './_zip.ts'
import { readAll } from './_source.ts'
import { ImportFormatError, ImportLimitError, UnknownFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

export { DEFAULT_ARCHIVE_LIMITS } from './_zip.ts'
export type { ArchiveLimits } from './_zip.ts'

/** What happened to one entry of an archive. */
export interface ArchiveEntryReport {
  readonly path: string
  readonly status: 'imported' | 'skipped'
  /** The importer's format name, for imported entries. */
  readonly format?: string
  /** Records imported, per collection. */
  readonly counts?: Readonly<Record<string, number>>
  /** Why an entry was skipped. */
  readonly reason?: string
}

/** Options of `readArchive` (and of the zip/gzip importers). */
export interface ArchiveOptions {
  readonly limits?: Partial<ArchiveLimits>
  /** Largest archive file read, in bytes (default 4 GiB). */
  readonly maxArchiveBytes?: number
  /** Called once per entry, in archive order, after all entries were read. */
  readonly onEntry?: (report: ArchiveEntryReport) => void
  /** Options passed to the importers of the entries (a `currency` for bank CSVs, say). */
  readonly entryOptions?: Readonly<Record<string, unknown>>
}

/** Every record of an archive, and what happened to each entry. */
export interface ArchiveResult {
  readonly records: readonly ImportedRecord[]
  readonly entries: readonly ArchiveEntryReport[]
}

const DEFAULT_MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024

// Files that no importer reads: skipped by name without inflating them.
const MEDIA =
  /\.(?:jpe?g|png|gif|webp|heic|heif|bmp|tiff?|mp4|mov|m4v|avi|mkv|webm|mp3|m4a|aac|wav|ogg|opus|pdf|docx?|xlsx?|pptx?|ttf|woff2?|svg|ico|zip|7z|rar|apk|exe|dmg)$/i

/**
 * Entries that repeat what another entry of the same archive already says: Strava's per-activity
 * files are summarised in its activities.csv; Apple Health's workout routes belong to the workouts
 * of export.xml.
 */
function coveredBy(path: string, all: ReadonlySet<string>): string | undefined {
  const strava = /^(.*\/)?activities\/[^/]+\.(?:gpx|tcx|fit)(?:\.gz)?$/i.exec(path)
  if (strava !== null && all.has(`${strava[1] ?? ''}activities.csv`)) {
    return 'the activity is already in activities.csv'
  }
  const route = /^(.*\/)?workout-routes\/[^/]+\.gpx$/i.exec(path)
  if (route !== null && all.has(`${route[1] ?? ''}export.xml`)) {
    return 'a route of a workout already in export.xml'
  }
  if (/(?:^|\/)export_cda\.xml$/i.test(path)) return 'clinical document copy; export.xml is read'
  return undefined
}

/** Reads every entry of a ZIP or gzip archive that an importer recognises. */
export async function readArchive(
  source: ImportSource,
  options: ArchiveOptions = {},
): Promise<ArchiveResult> {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits }
  const bytes = await readAll(source, 'zip', options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES)
  const budget = new InflateBudget(limits)
  const records: ImportedRecord[] = []
  const entries: ArchiveEntryReport[] = []
  if (isGzip(bytes)) {
    const inner = source.name.replace(/\.gz$/i, '')
    const data = gunzipBounded(bytes, source.name, budget)
    await importEntry(inner, data, options, records, entries, 0)
  } else if (isZip(bytes)) {
    const list = zipEntries(bytes, limits)
    const names = new Set(list.map((e) => e.name))
    for (const entry of list) {
      await zipEntry(bytes, entry, names, budget, options, records, entries)
    }
  } else {
    throw new ImportFormatError(
      'zip',
      `${JSON.stringify(source.name)} is not a ZIP or gzip archive`,
    )
  }
  for (const report of entries) options.onEntry?.(report)
  return { records, entries }
}

async function zipEntry(
  zip: Uint8Array,
  entry: ZipEntry,
  names: ReadonlySet<string>,
  budget: InflateBudget,
  options: ArchiveOptions,
  records: ImportedRecord[],
  entries: ArchiveEntryReport[],
): Promise<void> {
  if (entry.directory) return
  const skip = (reason: string): void =>
    void entries.push({ path: entry.name, status: 'skipped', reason })
  if (entry.encrypted) return skip('encrypted')
  if (MEDIA.test(entry.name)) return skip('media or document file: no importer reads it')
  const covered = coveredBy(entry.name, names)
  if (covered !== undefined) return skip(covered)
  let data = readZipEntry(zip, entry, budget)
  let name = entry.name
  if (/\.gz$/i.test(name) && isGzip(data)) {
    data = gunzipBounded(data, name, budget)
    name = name.replace(/\.gz$/i, '')
  }
  await importEntry(name, data, options, records, entries, 1, entry.name)
}

async function importEntry(
  name: string,
  data: Uint8Array,
  options: ArchiveOptions,
  records: ImportedRecord[],
  entries: ArchiveEntryReport[],
  depth: number,
  path: string = name,
): Promise<void> {
  const base = name.split('/').pop() ?? name
  const candidates = allImporters.filter((i) => i.format !== 'zip' && i.format !== 'gzip')
  let importer: Importer
  try {
    importer = detectFormat(data.subarray(0, SNIFF_BYTES), base, candidates)
  } catch (error) {
    if (!(error instanceof UnknownFormatError)) throw error
    entries.push({ path, status: 'skipped', reason: 'not a format sealpost reads' })
    return
  }
  const counts: Record<string, number> = {}
  const mine: ImportedRecord[] = []
  try {
    const source: ImportSource = {
      name: base,
      async *chunks() {
        yield data
      },
    }
    for await (const r of importer.read(source, { ...options.entryOptions, archivePath: path })) {
      mine.push(r)
      counts[r.collection] = (counts[r.collection] ?? 0) + 1
    }
  } catch (error) {
    // A malformed member is reported and skipped; the rest of the archive still imports.
    if (error instanceof ImportFormatError || error instanceof ImportLimitError) {
      entries.push({ path, status: 'skipped', format: importer.format, reason: error.message })
      return
    }
    throw error
  }
  void depth
  records.push(...mine)
  entries.push({ path, status: 'imported', format: importer.format, counts })
}

/** ZIP archives: Takeout, Apple Health, Strava, Facebook, Instagram, LinkedIn. */
export const zipImporter: Importer = {
  format: 'zip',
  description:
    'ZIP archive (Google Takeout, Apple Health, Strava, Facebook, Instagram, LinkedIn): every entry we read',
  sniff(head, name) {
    if (isZip(head)) return 95
    return /\.zip$/i.test(name) ? 5 : 0
  },
  read(source, options) {
    return yieldArchive(source, options)
  },
}

/** gzip files (Strava's `.fit.gz`, a compressed export): the inner file, by its name. */
export const gzipImporter: Importer = {
  format: 'gzip',
  description: 'gzip-compressed export (.gz): the file inside',
  sniff(head, name) {
    if (isGzip(head)) return /\.gz$/i.test(name) ? 95 : 70
    return 0
  },
  read(source, options) {
    return yieldArchive(source, options)
  },
}

async function* yieldArchive(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const { limits, maxArchiveBytes, onEntry, ...entryOptions } = (options ?? {}) as ArchiveOptions &
    Record<string, unknown>
  const result = await readArchive(source, {
    ...(limits !== undefined ? { limits } : {}),
    ...(maxArchiveBytes !== undefined ? { maxArchiveBytes } : {}),
    ...(onEntry !== undefined ? { onEntry } : {}),
    entryOptions,
  })
  yield* result.records
}
