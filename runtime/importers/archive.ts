/**
 * Archives as people download them (Google Takeout, Apple Health `export.zip`, Strava bulk export,
 * Facebook / Instagram / LinkedIn "download your information"): every entry that an importer
 * recognises is imported, the rest is skipped with a reason, and a report says which was which.
 * ZIP (ZIP64 included) and gzip, streamed through fflate under the caps of `_zip.ts`: a ZIP is read
 * from its central directory by random access, each entry inflated slice by slice into its
 * importer, so neither the archive nor an entry is ever held whole. Records stream out entry by
 * entry; a bomb, a truncated file or an unsafe path ends the import with a typed error, and the
 * vault, which commits an import as one transaction, keeps nothing of it.
 */
import { detectFormat, importers as allImporters, SNIFF_BYTES } from './detect.ts'
import {
  DEFAULT_ARCHIVE_LIMITS,
  gunzipStream,
  InflateBudget,
  isGzip,
  isZip,
  readZipDirectory,
  streamZipEntry,
} from './_zip.ts'
import type { ArchiveLimits, ZipEntry } from './_zip.ts'
import { bytesRandomAccess, peekHead, readAll } from './_source.ts'
import { ImportFormatError, ImportLimitError, UnknownFormatError } from './errors.ts'
import type { ImportLimit } from './errors.ts'
import { ImportBudget, resolveLimits } from './limits.ts'
import type { ImportedRecord, Importer, ImportSource, RandomAccess } from './types.ts'

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
  /** Largest archive read into memory when the source has no random access (default 4 GiB). */
  readonly maxArchiveBytes?: number
  /** The import's budget (time, records, memory); `importFile` passes its own. */
  readonly budget?: ImportBudget
  /** Called once per entry, in archive order, as each entry is done. */
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

/**
 * An entry whose importer fails within its first this-many records is skipped with the reason and
 * the rest of the archive still imports; past it the entry's records have been streamed on, so
 * its failure ends the import (nothing committed).
 */
const ENTRY_HOLD_RECORDS = 10_000

/** Limits whose breach ends the whole import, whichever entry hits them. */
const FATAL: ReadonlySet<ImportLimit> = new Set<ImportLimit>([
  'archive-entries',
  'archive-entry-size',
  'archive-total-size',
  'archive-ratio',
  'archive-path',
  'records',
  'record-bytes',
  'time',
  'memory',
])

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

/** Reads every entry of a ZIP or gzip archive that an importer recognises, into memory. */
export async function readArchive(
  source: ImportSource,
  options: ArchiveOptions = {},
): Promise<ArchiveResult> {
  const records: ImportedRecord[] = []
  const entries: ArchiveEntryReport[] = []
  const onEntry = options.onEntry
  for await (const r of archiveRecords(source, undefined, {
    ...options,
    onEntry: (report) => {
      entries.push(report)
      onEntry?.(report)
    },
  }))
    records.push(r)
  return { records, entries }
}

/** A thrown value that came from the archive layer (not from an entry's importer). */
class ArchiveFailure {
  constructor(readonly error: unknown) {}
}

/**
 * The records of every entry, streamed. `kind` is the archive's type when the caller knows it
 * (the zip and gzip importers), else it is read from the first bytes.
 */
async function* archiveRecords(
  source: ImportSource,
  kind: 'zip' | 'gzip' | undefined,
  options: ArchiveOptions,
): AsyncGenerator<ImportedRecord> {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits }
  const budget = options.budget ?? new ImportBudget(kind ?? 'zip', resolveLimits(options.limits))
  const inflate = new InflateBudget(limits)
  const { head, replay } = await peekHead(source, 4)
  const type = kind ?? (isGzip(head) ? 'gzip' : isZip(head) ? 'zip' : undefined)
  if (type === 'gzip') {
    if (!isGzip(head))
      throw new ImportFormatError('gzip', `${JSON.stringify(source.name)} is not gzip data`)
    const inner = source.name.replace(/\.gz$/i, '')
    let failure: ArchiveFailure | undefined
    const data = guarded(gunzipStream(replay.chunks(), source.name, inflate), (f) => (failure = f))
    yield* importEntry(inner, inner, data, options, budget, () => failure)
    return
  }
  if (type !== 'zip' || !isZip(head)) {
    // An empty ZIP is only its end record; anything else is not an archive we read.
    throw new ImportFormatError(
      'zip',
      `${JSON.stringify(source.name)} is not a ZIP or gzip archive`,
    )
  }
  const file = await openRandomAccess(replay, options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES)
  try {
    const list = await readZipDirectory(file, limits)
    const names = new Set(list.map((e) => e.name))
    for (const entry of list) {
      budget.checkTime()
      yield* zipEntry(file, entry, names, inflate, options, budget)
    }
  } finally {
    await file.close()
  }
}

/** Random access to the archive: the file's own, or its bytes read into memory (bounded). */
async function openRandomAccess(source: ImportSource, maxBytes: number): Promise<RandomAccess> {
  if (source.randomAccess !== undefined) return source.randomAccess()
  return bytesRandomAccess(await readAll(source, 'zip', maxBytes))
}

/** `chunks`, with any error it throws marked as the archive's own (reported to `onFailure`). */
async function* guarded(
  chunks: AsyncIterable<Uint8Array>,
  onFailure: (failure: ArchiveFailure) => void,
): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks
  } catch (error) {
    const failure = new ArchiveFailure(error)
    onFailure(failure)
    throw error
  }
}

async function* zipEntry(
  file: RandomAccess,
  entry: ZipEntry,
  names: ReadonlySet<string>,
  inflate: InflateBudget,
  options: ArchiveOptions,
  budget: ImportBudget,
): AsyncGenerator<ImportedRecord> {
  if (entry.directory) return
  const skip = (reason: string): void =>
    options.onEntry?.({ path: entry.name, status: 'skipped', reason })
  if (entry.encrypted) return skip('encrypted')
  if (MEDIA.test(entry.name)) return skip('media or document file: no importer reads it')
  const covered = coveredBy(entry.name, names)
  if (covered !== undefined) return skip(covered)
  let failure: ArchiveFailure | undefined
  const onFailure = (f: ArchiveFailure): void => void (failure = f)
  let data: AsyncIterable<Uint8Array> = guarded(streamZipEntry(file, entry, inflate), onFailure)
  let name = entry.name
  if (/\.gz$/i.test(name)) {
    const peeked = await peekOrFail(data, name, () => failure)
    data = peeked.replay.chunks()
    if (isGzip(peeked.head)) {
      data = guarded(gunzipStream(data, name, inflate), onFailure)
      name = name.replace(/\.gz$/i, '')
    }
  }
  yield* importEntry(name, entry.name, data, options, budget, () => failure)
}

async function peekOrFail(
  data: AsyncIterable<Uint8Array>,
  name: string,
  failure: () => ArchiveFailure | undefined,
): Promise<{ head: Uint8Array; replay: ImportSource }> {
  try {
    return await peekHead({ name, chunks: () => data }, SNIFF_BYTES)
  } catch (error) {
    throw failure()?.error ?? error
  }
}

async function* importEntry(
  name: string,
  path: string,
  data: AsyncIterable<Uint8Array>,
  options: ArchiveOptions,
  budget: ImportBudget,
  failure: () => ArchiveFailure | undefined,
): AsyncGenerator<ImportedRecord> {
  const base = name.split('/').pop() ?? name
  const { head, replay } = await peekOrFail(data, base, failure)
  const candidates = allImporters.filter((i) => i.format !== 'zip' && i.format !== 'gzip')
  let importer: Importer
  try {
    importer = detectFormat(head, base, candidates)
  } catch (error) {
    if (!(error instanceof UnknownFormatError)) throw error
    options.onEntry?.({ path, status: 'skipped', reason: 'not a format sealpost reads' })
    return
  }
  const counts: Record<string, number> = {}
  const held: ImportedRecord[] = []
  let streaming = false
  try {
    for await (const r of importer.read(replay, {
      ...options.entryOptions,
      archivePath: path,
      budget,
    })) {
      budget.checkTime()
      counts[r.collection] = (counts[r.collection] ?? 0) + 1
      if (streaming) {
        yield r
        continue
      }
      held.push(r)
      if (held.length >= ENTRY_HOLD_RECORDS) {
        streaming = true
        yield* held
        held.length = 0
      }
    }
  } catch (error) {
    const archiveError = failure()
    if (archiveError !== undefined) throw archiveError.error
    const skippable =
      error instanceof ImportFormatError ||
      (error instanceof ImportLimitError && !FATAL.has(error.limit))
    // A malformed member is reported and skipped; the rest of the archive still imports.
    if (skippable && !streaming) {
      options.onEntry?.({
        path,
        status: 'skipped',
        format: importer.format,
        reason: (error as Error).message,
      })
      return
    }
    throw error
  }
  yield* held
  options.onEntry?.({ path, status: 'imported', format: importer.format, counts })
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
    return yieldArchive(source, 'zip', options)
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
    return yieldArchive(source, 'gzip', options)
  },
}

function yieldArchive(
  source: ImportSource,
  kind: 'zip' | 'gzip',
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const { limits, maxArchiveBytes, onEntry, budget, ...entryOptions } = (options ??
    {}) as ArchiveOptions & Record<string, unknown>
  return archiveRecords(source, kind, {
    ...(limits !== undefined ? { limits } : {}),
    ...(maxArchiveBytes !== undefined ? { maxArchiveBytes } : {}),
    ...(onEntry !== undefined ? { onEntry } : {}),
    ...(budget instanceof ImportBudget ? { budget } : {}),
    entryOptions,
  })
}
