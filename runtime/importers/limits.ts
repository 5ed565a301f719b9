/**
 * The resource bounds of every import, in one place. `importFile` runs every importer (and every
 * entry of an archive) under an `ImportBudget`: bytes read from the file, records yielded, the size
 * of one record, wall time and memory growth each have a cap, and going past one is an
 * `ImportLimitError` with its own stable code. A host overrides any of them with
 * `importFile(source, { limits: { maxRecords: 1e6, maxMillis: 60_000 } })`.
 *
 * The checks run at every chunk the importer reads and every record it yields; a wait for the next
 * chunk or record is raced against the time cap, so a source that stalls ends too. Work an importer
 * does synchronously between two checks cannot be interrupted from here: each parser bounds that
 * work itself (linear line splitting, CSV record size, OFX depth, whole-document caps, and for
 * SQLite history a schema of plain tables, a row count read first and fields cut in the query).
 */
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './_zip.ts'
import { DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_LINE_CHARS } from './_source.ts'
import { ImportLimitError } from './errors.ts'
import type { ImportedRecord, ImportSource, RandomAccess } from './types.ts'

/** Caps every import is held to (each overridable through `options.limits`). */
export interface ImportLimits extends ArchiveLimits {
  /** Bytes read from the file itself (an archive: the compressed file). */
  readonly maxSourceBytes: number
  /** Records yielded by one import, archive entries together. */
  readonly maxRecords: number
  /** One record: the sum of its strings' lengths plus 8 per number or boolean. */
  readonly maxRecordBytes: number
  /** Wall time of one import, from the first read to the last record, in milliseconds. */
  readonly maxMillis: number
  /**
   * Growth of the JS heap and external memory (array buffers, WebAssembly memories) since the
   * import started, sampled every 256 chunks or records; 0 turns the check off. Process-wide, so a
   * backstop for an importer that holds what it reads, not an exact account.
   */
  readonly maxMemoryBytes: number
}

/** The defaults: generous for a real person's ten-year export, finite for a hostile one. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxSourceBytes: 8 * 1024 * 1024 * 1024,
  maxRecords: 10_000_000,
  maxRecordBytes: 1024 * 1024,
  maxMillis: 30 * 60 * 1000,
  maxMemoryBytes: 2 * 1024 * 1024 * 1024,
  ...DEFAULT_ARCHIVE_LIMITS,
}

/**
 * The other bounds, kept by the parsers themselves (listed here so one file names every default;
 * see docs/importers.md for their error codes).
 */
export const PARSER_BOUNDS = {
  /**
   * Formats parsed as one document (OFX, FIT, most JSON exports, .eml); for the streamed JSON
   * exports (Telegram, Meta posts and follows) the cap of one record instead.
   */
  maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
  /** One line of a line-based format (WhatsApp, ICS). */
  maxLineChars: DEFAULT_MAX_LINE_CHARS,
  /** One CSV record (`options.maxRecordChars`). */
  maxCsvRecordChars: 1024 * 1024,
  /** One MT940 field with its continuation lines (`options.maxFieldChars`; SWIFT: 6 × 65 for `:86:`). */
  maxMt940FieldChars: 64 * 1024,
  /** Entries of one MT940 statement, held until its balances are checked (`options.maxStatementEntries`). */
  maxMt940StatementEntries: 100_000,
  /** OFX aggregate nesting. */
  maxOfxDepth: 64,
  /** A browser history database (sql.js holds it in memory; `options.maxBytes`). */
  maxSqliteBytes: 256 * 1024 * 1024,
} as const

/** `DEFAULT_IMPORT_LIMITS` with `overrides` applied, each checked to be a positive number. */
export function resolveLimits(overrides: unknown): ImportLimits {
  if (overrides === undefined) return DEFAULT_IMPORT_LIMITS
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new TypeError('options.limits must be an object')
  }
  const out: Record<string, number> = { ...DEFAULT_IMPORT_LIMITS }
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_IMPORT_LIMITS)) {
      const known = Object.keys(DEFAULT_IMPORT_LIMITS).join(', ')
      throw new TypeError(`options.limits.${key} is not a limit (known: ${known})`)
    }
    const zeroOk = key === 'maxMemoryBytes'
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!zeroOk && value === 0)) {
      throw new RangeError(`options.limits.${key} must be a positive number`)
    }
    out[key] = value
  }
  return out as unknown as ImportLimits
}

/** Heap + external bytes in use now, or undefined where the platform does not say. */
function memoryInUse(): number | undefined {
  const proc = (
    globalThis as { process?: { memoryUsage?: () => { heapUsed: number; external: number } } }
  ).process
  if (typeof proc?.memoryUsage === 'function') {
    const m = proc.memoryUsage()
    return m.heapUsed + m.external
  }
  const perf = (globalThis as { performance?: { memory?: { usedJSHeapSize?: number } } })
    .performance
  return perf?.memory?.usedJSHeapSize
}

const SAMPLE_EVERY = 256

/**
 * The running account of one import against its limits. One budget covers an archive and all its
 * entries; `importFile` makes it and hands it to the archive readers as `options.budget`.
 */
export class ImportBudget {
  readonly limits: ImportLimits
  /** The format named in error messages (set once detection has chosen one). */
  format: string
  readonly startedAt: number
  #bytes = 0
  #records = 0
  #ticks = 0
  #memoryBase: number | undefined
  #now: () => number

  constructor(format: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS, now = Date.now) {
    this.format = format
    this.limits = limits
    this.#now = now
    this.startedAt = now()
    this.#memoryBase = limits.maxMemoryBytes > 0 ? memoryInUse() : undefined
  }

  get records(): number {
    return this.#records
  }

  get bytes(): number {
    return this.#bytes
  }

  /** Milliseconds left before the time cap. */
  remainingMillis(): number {
    return this.limits.maxMillis - (this.#now() - this.startedAt)
  }

  /** Throws once the time cap has passed. */
  checkTime(): void {
    if (this.remainingMillis() < 0) throw this.timeout()
  }

  /** Counts `n` bytes read from the file. */
  spendBytes(n: number): void {
    this.#bytes += n
    if (this.#bytes > this.limits.maxSourceBytes) {
      throw new ImportLimitError(
        this.format,
        'source-bytes',
        this.limits.maxSourceBytes,
        `the file is larger than ${this.limits.maxSourceBytes} bytes`,
      )
    }
    this.#tick()
  }

  /** Counts one record and checks its size. */
  spendRecord(r: ImportedRecord): void {
    this.#records++
    if (this.#records > this.limits.maxRecords) {
      throw new ImportLimitError(
        this.format,
        'records',
        this.limits.maxRecords,
        `more than ${this.limits.maxRecords} records`,
        { record: this.#records },
      )
    }
    const size = recordSize(r.record, this.limits.maxRecordBytes)
    if (size > this.limits.maxRecordBytes) {
      throw new ImportLimitError(
        this.format,
        'record-bytes',
        this.limits.maxRecordBytes,
        `a ${r.collection} record is larger than ${this.limits.maxRecordBytes} bytes`,
        { record: this.#records },
      )
    }
    this.#tick()
  }

  /** Refuses a count known in advance (a database's row count) before any work on it. */
  expectRecords(n: number, what: string): void {
    if (this.#records + n > this.limits.maxRecords) {
      throw new ImportLimitError(
        this.format,
        'records',
        this.limits.maxRecords,
        `${what} has ${n} rows (at most ${this.limits.maxRecords} records)`,
      )
    }
  }

  #tick(): void {
    this.checkTime()
    if (++this.#ticks % SAMPLE_EVERY === 0) this.checkMemory()
  }

  /** Throws when memory has grown past the cap since the import started. */
  checkMemory(): void {
    if (this.#memoryBase === undefined) return
    const now = memoryInUse()
    if (now === undefined) return
    const grown = now - this.#memoryBase
    if (grown > this.limits.maxMemoryBytes) {
      throw new ImportLimitError(
        this.format,
        'memory',
        this.limits.maxMemoryBytes,
        `the import grew memory by ${grown} bytes (at most ${this.limits.maxMemoryBytes})`,
      )
    }
  }

  timeout(): ImportLimitError {
    return new ImportLimitError(
      this.format,
      'time',
      this.limits.maxMillis,
      `the import ran longer than ${this.limits.maxMillis} ms`,
    )
  }

  /** `source` with every chunk (and every random-access read) counted, timed and raced. */
  meter(source: ImportSource): ImportSource {
    const budget = this
    const metered: ImportSource = {
      name: source.name,
      async *chunks() {
        for await (const chunk of budget.race(source.chunks())) {
          budget.spendBytes(chunk.length)
          yield chunk
        }
      },
    }
    if (source.randomAccess === undefined) return metered
    const open = source.randomAccess.bind(source)
    return {
      ...metered,
      async randomAccess(): Promise<RandomAccess> {
        const file = await open()
        if (file.size > budget.limits.maxSourceBytes) {
          await file.close()
          budget.spendBytes(file.size)
        }
        return {
          size: file.size,
          async read(offset, length) {
            budget.checkTime()
            const bytes = await file.read(offset, length)
            budget.#tick()
            return bytes
          },
          close: () => file.close(),
        }
      },
    }
  }

  /** `records` counted and checked, each wait raced against the time cap. */
  async *guard(records: AsyncIterable<ImportedRecord>): AsyncGenerator<ImportedRecord> {
    for await (const r of this.race(records)) {
      this.spendRecord(r)
      yield r
    }
  }

  /**
   * The items of `items`, where each wait for the next one ends with the time-cap error once the
   * cap passes (the underlying iterator is then asked to return).
   */
  async *race<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = items[Symbol.asyncIterator]()
    let finished = false
    try {
      for (;;) {
        this.checkTime()
        const next = await this.#withDeadline(iterator.next())
        if (next.done === true) {
          finished = true
          return
        }
        yield next.value
      }
    } finally {
      if (!finished) void iterator.return?.()?.catch(() => undefined)
    }
  }

  #withDeadline<T>(promise: Promise<T>): Promise<T> {
    const left = this.remainingMillis()
    if (!Number.isFinite(left) || left > 2_147_483_647) return promise
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timeout()), Math.max(0, left))
    })
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
  }
}

/**
 * The size of a record for the `maxRecordBytes` cap: strings by length, numbers and booleans as 8,
 * walking at most until the cap is passed.
 */
export function recordSize(value: unknown, cap: number): number {
  let size = 0
  const stack: unknown[] = [value]
  while (stack.length > 0 && size <= cap) {
    const v = stack.pop()
    if (typeof v === 'string') size += v.length
    else if (typeof v === 'number' || typeof v === 'boolean') size += 8
    else if (Array.isArray(v)) for (const x of v) stack.push(x)
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        size += k.length
        stack.push(x)
      }
    }
  }
  return size
}
