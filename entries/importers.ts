/**
 * `sealpost/importers`: people's export files (bank CSV and OFX, GPX/TCX/FIT, Takeout location,
 * FHIR, WhatsApp, Instagram, mbox, X archive, browser history, calendars) as vault records, format
 * detected from the content. Node and browsers (`sourceFromFile` is Node only). Browser history
 * (SQLite) needs the optional peer `sql.js`; a browser bundle of this entry needs it installed.
 */

export {
  detectFormat,
  importers,
  importFile,
  sourceFromBytes,
  sourceFromFile,
  BANK_CSV_PRESETS,
  ImportFormatError,
  ImportTooLargeError,
  UnknownFormatError,
} from '../runtime/importers/index.ts'
export type {
  BankCsvMapping,
  BankCsvPreset,
  BankCsvSkipRule,
  CollectionName,
  ImportedRecord,
  Importer,
  ImportFileOptions,
  ImportPosition,
  ImportReport,
  ImportSource,
  SkippedRows,
} from '../runtime/importers/index.ts'
