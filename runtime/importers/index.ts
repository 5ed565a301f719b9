/**
 * Importers for people's real exports (bank statements, workouts, calendars, chats, ...): detect the
 * format, then stream records into vault collections.
 */
import { detectFormat, importers as fileImporters, SNIFF_BYTES } from './detect.ts'
import { gzipImporter, zipImporter } from './archive.ts'
import { UnknownFormatError } from './errors.ts'
import { bytesRandomAccess, peekHead } from './_source.ts'
import { ImportBudget, resolveLimits, type ImportLimits } from './limits.ts'
import type { ImportedRecord, Importer, ImportReport, ImportSource } from './types.ts'

export type {
  CollectionName,
  ImportedRecord,
  Importer,
  ImportReport,
  ImportSource,
  RandomAccess,
  SkippedRows,
} from './types.ts'
export type { ImportPosition } from './errors.ts'
export {
  ImportFormatError,
  ImportTooLargeError,
  StatementError,
  STATEMENT_ERROR_CODES,
  UnknownFormatError,
} from './errors.ts'
export type { StatementProblem } from './errors.ts'
export { detectFormat, SNIFF_BYTES } from './detect.ts'
export { gzipImporter, readArchive, zipImporter, DEFAULT_ARCHIVE_LIMITS } from './archive.ts'
export type { ArchiveEntryReport, ArchiveLimits, ArchiveOptions, ArchiveResult } from './archive.ts'

/** Every importer: the file formats, then the archives (ZIP, gzip) whose entries they read. */
export const importers: readonly Importer[] = [...fileImporters, zipImporter, gzipImporter]
export { stableId } from './_id.ts'
export { bankCsvImporter, BANK_CSV_PRESETS } from './bank_csv.ts'
export type { BankCsvMapping, BankCsvPreset, BankCsvSkipRule } from './bank_csv.ts'
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
export { telegramImporter } from './telegram.ts'
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
export { mt940Importer } from './mt940.ts'
export { chromeTakeoutImporter } from './chrome_takeout.ts'
export { linkedinProfileImporter, metaProfileImporter } from './profile_exports.ts'
export { metaSocialImporter } from './meta_social.ts'
export { linkedinImporter, parseLinkedInDate } from './linkedin.ts'
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
export { DEFAULT_IMPORT_LIMITS, ImportBudget, PARSER_BOUNDS, resolveLimits } from './limits.ts'
export type { ImportLimits } from './limits.ts'
export type { ImportLimit } from './errors.ts'

/** Options for `importFile`: a format name to skip detection, limits, plus the importer's own options. */
export interface ImportFileOptions {
  readonly format?: string
  /** Overrides of `DEFAULT_IMPORT_LIMITS` (rows, bytes, time, memory, archive caps). */
  readonly limits?: Partial<ImportLimits>
  /**
   * Called when an importer has read a file to the end, with how it read it and the rows it left
   * out (bank CSVs: the preset or inferred layout, pending or declined rows); once per file, so once
   * per archive entry that reports.
   */
  readonly onReport?: (report: ImportReport) => void
  readonly [option: string]: unknown
}

/**
 * Reads `source` with the named importer, or the one detected from its first 64 KiB and its name,
 * under the import's limits (`limits.ts`): past a cap the import ends with `ImportLimitError`.
 * Example: `for await (const r of importFile(sourceFromBytes('a.gpx', bytes))) vault.add(r)`.
 * Records stream out as they are read; a consumer that must not keep half an import commits them
 * at the end, as `vault.ingestAll` does (one transaction: an error leaves the vault unchanged).
 */
export async function* importFile(
  source: ImportSource,
  options: ImportFileOptions = {},
): AsyncGenerator<ImportedRecord> {
  const { format, limits, budget: _ignored, ...rest } = options
  const budget = new ImportBudget(format ?? 'import', resolveLimits(limits))
  const metered = budget.meter(source)
  let importer: Importer
  let input: ImportSource
  if (format !== undefined) {
    const named = importers.find((i) => i.format === format)
    if (named === undefined) {
      const known = importers.map((i) => i.format).join(', ')
      throw new UnknownFormatError(
        source.name,
        `no importer for format ${JSON.stringify(format)} (known: ${known})`,
      )
    }
    importer = named
    input = metered
  } else {
    const { head, replay } = await peekHead(metered, SNIFF_BYTES)
    importer = detectFormat(head, source.name, importers)
    input = replay
  }
  budget.format = importer.format
  yield* budget.guard(importer.read(input, { ...rest, limits: budget.limits, budget }))
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
    randomAccess: async () => bytesRandomAccess(bytes),
  }
}

/** A source that streams a file from disk (Node only; the fs module is loaded on first read). */
export function sourceFromFile(path: string): ImportSource {
  if (typeof path !== 'string' || path === '')
    throw new TypeError('path must be a non-empty string')
  const name = path.split(/[\\/]/).pop() ?? path
  const open = async (): Promise<ImportSource> =>
    (await import('#platform/file-source')).nodeFileSource(path)
  return {
    name,
    async *chunks() {
      yield* (await open()).chunks()
    },
    async randomAccess() {
      const file = await open()
      if (file.randomAccess === undefined) throw new Error('no random access to ' + path)
      return file.randomAccess()
    },
  }
}
