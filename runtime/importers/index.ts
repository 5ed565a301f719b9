/**
 * Importers for people's real exports (bank statements, workouts, calendars, chats, ...): detect the
 * format, then stream records into vault collections.
 */
import { detectFormat, importers as fileImporters, SNIFF_BYTES } from './detect.ts'
import { gzipImporter, zipImporter } from './archive.ts'
import { UnknownFormatError } from './errors.ts'
import { concatBytes } from './_source.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

export type { CollectionName, ImportedRecord, Importer, ImportSource } from './types.ts'
export type { ImportPosition } from './errors.ts'
export { ImportFormatError, ImportTooLargeError, UnknownFormatError } from './errors.ts'
export { detectFormat, SNIFF_BYTES } from './detect.ts'
export { gzipImporter, readArchive, zipImporter, DEFAULT_ARCHIVE_LIMITS } from './archive.ts'
export type { ArchiveEntryReport, ArchiveLimits, ArchiveOptions, ArchiveResult } from './archive.ts'

/** Every importer: the file formats, then the archives (ZIP, gzip) whose entries they read. */
export const importers: readonly Importer[] = [...fileImporters, zipImporter, gzipImporter]
export { stableId } from './_id.ts'
export { bankCsvImporter, BANK_CSV_PRESETS } from './bank_csv.ts'
export type { BankCsvMapping, BankCsvPreset } from './bank_csv.ts'
export { ofxImporter, parseOfxDate } from './ofx.ts'
export { gpxImporter } from './gpx.ts'
export { tcxImporter } from './tcx.ts'
export { fitImporter, decodeFit, fitCrc, fitTimeToMs } from './fit.ts'
export type { FitFile, FitMessage, FitValue } from './fit.ts'
export { icsImporter, matchFlight } from './ics.ts'
export type { FlightMatch } from './ics.ts'
export { haversineM } from './_activity.ts'
export { takeoutLocationImporter } from './takeout_location.ts'
export type { LocationRecord } from './takeout_location.ts'
export { fhirImporter, parseFhirDate } from './fhir.ts'
export type { HealthRecord } from './fhir.ts'
export { whatsappImporter } from './whatsapp.ts'
export type { WhatsAppOptions } from './whatsapp.ts'
export { instagramImporter, fixMetaMojibake } from './instagram.ts'
export { mboxImporter } from './mbox.ts'
export type { MessageRecord } from './_message_record.ts'
export { xArchiveImporter } from './x_archive.ts'
export type { FollowRecord, PostRecord } from './x_archive.ts'
export { browserHistoryImporter, myActivityImporter } from './browser_history.ts'
export type { BrowsingRecord } from './browser_history.ts'
export { purchasesCsvImporter, PURCHASE_CSV_PRESETS } from './purchases_csv.ts'
export { emlImporter, plainReceiptLines } from './order_email.ts'
export { appleHealthImporter } from './apple_health.ts'
export { camtImporter } from './camt.ts'
export { chromeTakeoutImporter } from './chrome_takeout.ts'
export { linkedinProfileImporter, metaProfileImporter } from './profile_exports.ts'
export { stravaCsvImporter, parseStravaDate } from './strava_csv.ts'
export type { PurchaseCsvMapping } from './purchases_csv.ts'
export {
  describeItem,
  extractSize,
  purchaseCategory,
  PURCHASE_CATEGORIES,
} from './purchase_items.ts'
export type { PurchaseCategory } from './purchase_items.ts'
export {
  categorizeTransaction,
  counterpartyFromDescription,
  TRANSACTION_CATEGORIES,
} from './categories.ts'
export type { CategoryInput, CategoryResult, TransactionCategory } from './categories.ts'
export { normalizeSport, SPORTS } from './sports.ts'
export type { Sport } from './sports.ts'
export { ImportLimitError, IMPORT_LIMIT_CODES } from './errors.ts'
export type { ImportLimit } from './errors.ts'

/** Options for `importFile`: a format name to skip detection, plus the importer's own options. */
export interface ImportFileOptions {
  readonly format?: string
  readonly [option: string]: unknown
}

/**
 * Reads `source` with the named importer, or the one detected from its first 64 KiB and its name.
 * Example: `for await (const r of importFile(sourceFromBytes('a.gpx', bytes))) vault.add(r)`.
 */
export async function* importFile(
  source: ImportSource,
  options: ImportFileOptions = {},
): AsyncGenerator<ImportedRecord> {
  const { format, ...rest } = options
  if (format !== undefined) {
    const importer = importers.find((i) => i.format === format)
    if (importer === undefined) {
      const known = importers.map((i) => i.format).join(', ')
      throw new UnknownFormatError(
        source.name,
        `no importer for format ${JSON.stringify(format)} (known: ${known})`,
      )
    }
    yield* importer.read(source, rest)
    return
  }
  const { head, replay } = await peekHead(source)
  const importer: Importer = detectFormat(head, source.name, importers)
  yield* importer.read(replay, rest)
}

/** A source over bytes already in memory. */
export function sourceFromBytes(name: string, bytes: Uint8Array): ImportSource {
  if (typeof name !== 'string') throw new TypeError('name must be a string')
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array')
  return {
    name,
    async *chunks() {
      yield bytes
    },
  }
}

/** A source that streams a file from disk (Node only; the fs module is loaded on first read). */
export function sourceFromFile(path: string): ImportSource {
  if (typeof path !== 'string' || path === '')
    throw new TypeError('path must be a non-empty string')
  const name = path.split(/[\\/]/).pop() ?? path
  return {
    name,
    async *chunks() {
      const { nodeFileSource } = await import('#platform/file-source')
      yield* nodeFileSource(path).chunks()
    },
  }
}

/**
 * Reads up to SNIFF_BYTES from a source and returns a source that replays them before the rest, so a
 * one-shot stream is read once.
 */
async function peekHead(source: ImportSource): Promise<{ head: Uint8Array; replay: ImportSource }> {
  const iterator = source.chunks()[Symbol.asyncIterator]()
  const buffered: Uint8Array[] = []
  let size = 0
  let done = false
  while (size < SNIFF_BYTES) {
    const next = await iterator.next()
    if (next.done === true) {
      done = true
      break
    }
    buffered.push(next.value)
    size += next.value.length
  }
  const head = concatBytes(buffered, size).subarray(0, SNIFF_BYTES)
  let used = false
  const replay: ImportSource = {
    name: source.name,
    async *chunks() {
      if (used) throw new Error('this source can be read only once')
      used = true
      yield* buffered
      if (done) return
      for (;;) {
        const next = await iterator.next()
        if (next.done === true) return
        yield next.value
      }
    },
  }
  return { head, replay }
}
