/**
 * Errors raised while importing a person's export file. Malformed input always surfaces as
 * `ImportFormatError` with a position; an undetectable file as `UnknownFormatError`.
 */
import { SealpostError } from '../../sandbox/errors.ts'

/** Where in the source a problem was found; every field is optional because formats differ. */
export interface ImportPosition {
  readonly line?: number
  readonly column?: number
  readonly byteOffset?: number
  readonly record?: number
}

/** The file is not well-formed for its format; nothing from it should be committed. */
export class ImportFormatError extends SealpostError {
  readonly format: string
  readonly position: ImportPosition
  constructor(
    format: string,
    message: string,
    position: ImportPosition = {},
    options?: { cause?: unknown; code?: string },
  ) {
    super(
      options?.code ?? 'SEALPOST_IMPORT_MALFORMED',
      `${format}: ${message}${describePosition(position)}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    )
    this.format = format
    this.position = position
  }
}

/** What can be wrong with a bank statement (MT940, MT942), each with its own stable code. */
export const STATEMENT_ERROR_CODES = {
  /** A statement ends (next statement, end of file) before its closing balance. */
  truncated: 'SEALPOST_IMPORT_TRUNCATED',
  /** A statement line (MT940 field 61) or a balance is not in its field's format. */
  'bad-entry': 'SEALPOST_IMPORT_BAD_ENTRY',
  /** Opening balance plus the entries is not the closing balance (or MT942's totals). */
  unbalanced: 'SEALPOST_IMPORT_UNBALANCED',
} as const

/** Which statement problem was found. */
export type StatementProblem = keyof typeof STATEMENT_ERROR_CODES

/**
 * A bank statement is truncated, has a malformed entry or does not balance. A kind of
 * `ImportFormatError` (so an archive treats it as a damaged entry), with a code of its own.
 */
export class StatementError extends ImportFormatError {
  readonly problem: StatementProblem
  constructor(
    format: string,
    problem: StatementProblem,
    message: string,
    position: ImportPosition = {},
  ) {
    super(format, message, position, { code: STATEMENT_ERROR_CODES[problem] })
    this.problem = problem
  }
}

/** No importer recognises the file (or the requested format name does not exist). */
export class UnknownFormatError extends SealpostError {
  readonly fileName: string
  constructor(fileName: string, message?: string, options?: { cause?: unknown }) {
    super(
      'SEALPOST_IMPORT_UNKNOWN_FORMAT',
      message ?? `cannot tell which export format ${JSON.stringify(fileName)} is`,
      options,
    )
    this.fileName = fileName
  }
}

function describePosition(p: ImportPosition): string {
  const parts: string[] = []
  if (p.record !== undefined) parts.push(`record ${p.record}`)
  if (p.line !== undefined) parts.push(`line ${p.line}`)
  if (p.column !== undefined) parts.push(`column ${p.column}`)
  if (p.byteOffset !== undefined) parts.push(`byte ${p.byteOffset}`)
  return parts.length > 0 ? ` (at ${parts.join(', ')})` : ''
}

/** A format that must be parsed as one document is larger than its size cap. */
export class ImportTooLargeError extends SealpostError {
  readonly format: string
  readonly maxBytes: number
  constructor(format: string, fileName: string, maxBytes: number) {
    super(
      'SEALPOST_IMPORT_TOO_LARGE',
      `${format}: ${JSON.stringify(fileName)} is larger than the ${maxBytes} byte limit for this format`,
    )
    this.format = format
    this.maxBytes = maxBytes
  }
}

/** The limits an import enforces, each with its own stable error code. */
export const IMPORT_LIMIT_CODES = {
  'csv-record-size': 'SEALPOST_IMPORT_RECORD_TOO_LARGE',
  'statement-field-size': 'SEALPOST_IMPORT_RECORD_TOO_LARGE',
  'statement-entries': 'SEALPOST_IMPORT_TOO_MANY_RECORDS',
  'line-length': 'SEALPOST_IMPORT_LINE_TOO_LONG',
  'ofx-depth': 'SEALPOST_IMPORT_TOO_DEEP',
  'json-depth': 'SEALPOST_IMPORT_TOO_DEEP',
  'json-value-size': 'SEALPOST_IMPORT_RECORD_TOO_LARGE',
  'archive-entries': 'SEALPOST_ARCHIVE_TOO_MANY_ENTRIES',
  'archive-entry-size': 'SEALPOST_ARCHIVE_ENTRY_TOO_LARGE',
  'archive-total-size': 'SEALPOST_ARCHIVE_TOO_LARGE',
  'archive-ratio': 'SEALPOST_ARCHIVE_BOMB',
  'archive-path': 'SEALPOST_ARCHIVE_UNSAFE_PATH',
  'source-bytes': 'SEALPOST_IMPORT_TOO_LARGE',
  records: 'SEALPOST_IMPORT_TOO_MANY_RECORDS',
  'record-bytes': 'SEALPOST_IMPORT_FIELD_TOO_LARGE',
  time: 'SEALPOST_IMPORT_TIMEOUT',
  memory: 'SEALPOST_IMPORT_OUT_OF_MEMORY',
  'sqlite-schema': 'SEALPOST_IMPORT_UNSAFE_DATABASE',
} as const

/** Which limit was hit. */
export type ImportLimit = keyof typeof IMPORT_LIMIT_CODES

/**
 * A bounded import refused its input: a CSV record, a line, an OFX or JSON nesting depth, one JSON
 * record of a streamed export, an archive, the
 * file's size, the record count, one record's size, the time or the memory went past its cap (see
 * `limits.ts`), an archive entry tried to leave its folder, or a database holds views or triggers.
 * Nothing from the file is committed.
 */
export class ImportLimitError extends SealpostError {
  readonly format: string
  readonly limit: ImportLimit
  readonly max: number
  constructor(
    format: string,
    limit: ImportLimit,
    max: number,
    message: string,
    position: ImportPosition = {},
    options?: { cause?: unknown },
  ) {
    super(IMPORT_LIMIT_CODES[limit], `${format}: ${message}${describePosition(position)}`, options)
    this.format = format
    this.limit = limit
    this.max = max
  }
}
