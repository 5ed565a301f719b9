/**
 * Bank statement CSV exports → `transactions`. Known layouts (Schwab checking, ING España, UBS
 * Switzerland in French) are recognised from their exact header row; any other bank's export is read
 * by inferring its layout (header words in seven languages, separator, decimal mark, day/month order:
 * see `_bank_csv_layout.ts`), or with an explicit column mapping. Every row gets a `category` from
 * the shared vocabulary and a `counterparty` (see `categories.ts`); the bank's own category text is
 * kept in `bankCategory`. Rows stream through csv-parse, so a file of any length is read chunk by chunk.
 */
import { csvRows } from './_csv_rows.ts'
import { datePart, inferLayout, isOutgoing } from './_bank_csv_layout.ts'
import type { InferredLayout } from './_bank_csv_layout.ts'
import { categorizeTransaction } from './categories.ts'
import { StableIds } from './_id.ts'
import { decodeText, headText } from './_source.ts'
import type { TextEncodingName } from './_source.ts'
import { parseAmount, parseDateWithPattern } from './_values.ts'
import type { DecimalMark } from './_values.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'bank-csv'

/** A column by header name (exact, case-insensitive) or by 0-based index. */
export type ColumnRef = string | number

/** How to read one bank's CSV layout. Either `amount`, or `debit` and/or `credit`, must be given. */
export interface BankCsvMapping {
  readonly columns: {
    readonly date: ColumnRef
    readonly description: ColumnRef | readonly ColumnRef[]
    /** Signed amount: negative is money out. */
    readonly amount?: ColumnRef
    /** Money out as a positive number. */
    readonly debit?: ColumnRef
    /** Money in as a positive number. */
    readonly credit?: ColumnRef
    readonly currency?: ColumnRef
    readonly balance?: ColumnRef
    /** One column, or several joined with ' / ' (top level first). */
    readonly category?: ColumnRef | readonly ColumnRef[]
    readonly type?: ColumnRef
    readonly accountId?: ColumnRef
    readonly checkNumber?: ColumnRef
    readonly reference?: ColumnRef
    readonly memo?: ColumnRef
    /** Who was paid or who paid (payee, merchant, Empfänger, Naam tegenpartij …). */
    readonly counterparty?: ColumnRef
    /** ISO 18245 merchant category code. */
    readonly mcc?: ColumnRef
    readonly valueDate?: ColumnRef
    /** Which way the money went, for unsigned amounts ('Af'/'Bij', 'D'/'C', 'S'/'H'). */
    readonly direction?: ColumnRef
  }
  /** Date pattern from YYYY, YY, MM, M, DD, D (and HH:mm[:ss]), e.g. 'DD.MM.YYYY'. */
  readonly dateFormat: string
  readonly decimal?: DecimalMark
  readonly delimiter?: string
  /** Currency when there is no currency column (ISO 4217). */
  readonly currency?: string
  /** Whether the first row is a header (default true). */
  readonly header?: boolean
  readonly encoding?: TextEncodingName
  /** Data rows start after the header row that equals these cells (files with a preamble). */
  readonly headerCells?: readonly string[]
}

/** A named mapping recognised from its exact header row. */
export interface BankCsvPreset {
  readonly name: string
  readonly header: readonly string[]
  readonly mapping: BankCsvMapping
}

/** The built-in layouts, detected from their header row. */
export const BANK_CSV_PRESETS: readonly BankCsvPreset[] = [
  {
    name: 'schwab-checking',
    header: [
      'Date',
      'Status',
      'Type',
      'CheckNumber',
      'Description',
      'Withdrawal',
      'Deposit',
      'RunningBalance',
    ],
    mapping: {
      columns: {
        date: 'Date',
        description: 'Description',
        debit: 'Withdrawal',
        credit: 'Deposit',
        balance: 'RunningBalance',
        type: 'Type',
        checkNumber: 'CheckNumber',
      },
      dateFormat: 'MM/DD/YYYY',
      decimal: '.',
      delimiter: ',',
      currency: 'USD',
    },
  },
  {
    name: 'ing-es',
    header: ['date', 'class', 'subcategory', 'desc', 'notes', 'image', 'amount', 'balance'],
    mapping: {
      columns: {
        date: 'date',
        description: 'desc',
        amount: 'amount',
        balance: 'balance',
        category: ['class', 'subcategory'],
        memo: 'notes',
      },
      dateFormat: 'DD/MM/YYYY',
      decimal: '.',
      delimiter: ',',
      currency: 'EUR',
    },
  },
  {
    name: 'ubs-ch-fr',
    header: [
      'Produit',
      'Monn.',
      'Description',
      'Date de valeur',
      'Description 1',
      'Description 2',
      'Description 3',
      'N° de transaction',
      'Débit',
      'Crédit',
      'Solde',
    ],
    mapping: {
      columns: {
        date: 'Date de valeur',
        description: ['Description 1', 'Description 2', 'Description 3'],
        debit: 'Débit',
        credit: 'Crédit',
        balance: 'Solde',
        currency: 'Monn.',
        accountId: 'Produit',
        reference: 'N° de transaction',
      },
      dateFormat: 'DD.MM.YYYY',
      decimal: '.',
      delimiter: ';',
    },
  },
]

/** Bank CSV importer: presets by header row, or `{ preset }`, or a `BankCsvMapping` as options. */
export const bankCsvImporter: Importer = {
  format: FORMAT,
  description:
    'Bank statement CSV: any bank, header in EN FR DE ES NL IT PT (or a column mapping), Latin-1/UTF-8/UTF-16',
  sniff(head, name) {
    const firstLine = firstNonEmptyLine(headText(head))
    if (firstLine === undefined) return 0
    if (presetForHeader(firstLine) !== undefined) return 90
    const layout = inferLayout(headText(head))
    if (layout !== undefined && layout.header !== undefined) return 70
    if (layout !== undefined) return /\.(csv|txt)$/i.test(name) ? 40 : 20
    return /\.csv$/i.test(name) && /date|datum|fecha|valeur/i.test(firstLine) ? 5 : 0
  },
  read(source, options) {
    return readBankCsv(source, options ?? {})
  },
}

async function* readBankCsv(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  let mapping = mappingFromOptions(options)
  let presetName = typeof options['preset'] === 'string' ? options['preset'] : 'custom'
  const text = decodeText(source, FORMAT, mapping?.encoding)
  // Without a mapping, the layout is known only once the first lines are seen: peek at them.
  const peeked = await peekText(text)
  if (mapping === undefined) {
    const header = firstNonEmptyLine(peeked.first)
    const preset = header === undefined ? undefined : presetForHeader(header)
    if (preset !== undefined) {
      mapping = preset.mapping
      presetName = preset.name
    } else {
      const layout = inferLayout(peeked.first)
      if (layout === undefined) {
        throw new ImportFormatError(
          FORMAT,
          `cannot find the date, amount and description columns of ${JSON.stringify(source.name)}; pass a column mapping or a preset (${BANK_CSV_PRESETS.map((p) => p.name).join(', ')})`,
          { line: 1 },
        )
      }
      const fallback = typeof options['currency'] === 'string' ? options['currency'] : undefined
      mapping = mappingFromLayout(layout, fallback)
      presetName =
        layout.header === undefined ? 'inferred-headerless' : `inferred-${layout.language}`
    }
  }
  const ids = new StableIds(FORMAT)
  let resolve: ((ref: ColumnRef) => number) | undefined
  const withHeader = mapping.header ?? true
  const headerCells = mapping.headerCells?.map(normalizeHeader)
  const maxRecordChars =
    typeof options['maxRecordChars'] === 'number' ? options['maxRecordChars'] : undefined
  for await (const row of csvRows(peeked.all, FORMAT, mapping.delimiter ?? ',', maxRecordChars)) {
    if (resolve === undefined) {
      // A preamble (account number, period) comes before the header row: skip to it.
      if (headerCells !== undefined && !sameCells(row.fields, headerCells)) continue
      resolve = columnResolver(withHeader ? row.fields : [], row.line)
      if (withHeader) continue
    }
    if (row.fields.every((f) => f.trim() === '')) continue
    // A total or closing-balance line at the end of inferred layouts has no date: not a movement.
    if (
      presetName.startsWith('inferred') &&
      (row.fields[resolve(mapping.columns.date)] ?? '').trim() === ''
    )
      continue
    const record = rowToTransaction(row.fields, row.line, mapping, resolve, presetName, ids)
    yield { collection: 'transactions', record }
  }
}

function sameCells(fields: readonly string[], header: readonly string[]): boolean {
  return header.every((h, i) => normalizeHeader(fields[i] ?? '') === h)
}

/** A column mapping from an inferred layout (columns by index). */
function mappingFromLayout(layout: InferredLayout, fallbackCurrency?: string): BankCsvMapping {
  const c = layout.columns
  const columns = {
    date: c.date,
    description: c.description.length > 0 ? c.description : (c.counterparty ?? c.date),
    ...(c.amount !== undefined ? { amount: c.amount } : {}),
    ...(c.amount === undefined && c.debit !== undefined ? { debit: c.debit } : {}),
    ...(c.amount === undefined && c.credit !== undefined ? { credit: c.credit } : {}),
    ...(c.currency !== undefined ? { currency: c.currency } : {}),
    ...(c.balance !== undefined ? { balance: c.balance } : {}),
    ...(c.category !== undefined ? { category: c.category } : {}),
    ...(c.type !== undefined ? { type: c.type } : {}),
    ...(c.reference !== undefined ? { reference: c.reference } : {}),
    ...(c.counterparty !== undefined ? { counterparty: c.counterparty } : {}),
    ...(c.mcc !== undefined ? { mcc: c.mcc } : {}),
    ...(c.valueDate !== undefined ? { valueDate: c.valueDate } : {}),
    ...(c.direction !== undefined ? { direction: c.direction } : {}),
  }
  const currency = layout.currency ?? fallbackCurrency
  return {
    columns,
    dateFormat: layout.dateFormat,
    decimal: layout.decimal,
    delimiter: layout.delimiter,
    header: layout.header !== undefined,
    ...(layout.header !== undefined ? { headerCells: layout.header } : {}),
    ...(currency !== undefined ? { currency } : {}),
  }
}

function rowToTransaction(
  fields: readonly string[],
  line: number,
  mapping: BankCsvMapping,
  resolve: (ref: ColumnRef) => number,
  presetName: string,
  ids: StableIds,
): Record<string, unknown> {
  const c = mapping.columns
  const cell = (ref: ColumnRef | undefined): string | undefined => {
    if (ref === undefined) return undefined
    const index = resolve(ref)
    const value = fields[index]
    return value === undefined ? undefined : value.trim()
  }
  const fail = (message: string, ref: ColumnRef): never => {
    throw new ImportFormatError(FORMAT, message, { line, column: resolve(ref) + 1 })
  }
  const dateText = cell(c.date) ?? ''
  const bookedAt =
    parseDateWithPattern(dateText, mapping.dateFormat) ??
    parseDateWithPattern(datePart(dateText), mapping.dateFormat)
  if (bookedAt === undefined) {
    fail(`date ${JSON.stringify(dateText)} does not match ${mapping.dateFormat}`, c.date)
  }
  const decimal = mapping.decimal ?? '.'
  const money = (ref: ColumnRef | undefined): number | undefined => {
    const text = cell(ref)
    if (ref === undefined || text === undefined || text === '') return undefined
    const value = parseAmount(text, decimal)
    return value ?? fail(`amount ${JSON.stringify(text)} is not a number`, ref)
  }
  let amount: number | undefined
  if (c.amount !== undefined) {
    amount = money(c.amount)
  } else {
    const debit = money(c.debit)
    const credit = money(c.credit)
    if (debit !== undefined || credit !== undefined) {
      amount = roundCents((credit ?? 0) - Math.abs(debit ?? 0))
    }
  }
  if (amount === undefined) fail('row has no amount', c.amount ?? c.debit ?? c.credit ?? 0)
  const direction = cell(c.direction)
  if (amount !== undefined && direction !== undefined && direction !== '') {
    amount = isOutgoing(direction) ? -Math.abs(amount) : Math.abs(amount)
  }
  const currency = (cell(c.currency) ?? mapping.currency ?? '').toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) {
    fail(
      currency === ''
        ? 'the file names no currency (no column, sign or header says): pass options.currency'
        : `currency ${JSON.stringify(currency)} is not an ISO 4217 code`,
      c.currency ?? c.date,
    )
  }
  const joined = (
    refs: ColumnRef | readonly ColumnRef[] | undefined,
    separator: string,
  ): string => {
    const list: readonly ColumnRef[] =
      refs === undefined ? [] : typeof refs === 'object' ? refs : [refs]
    return list
      .map((ref) => cell(ref) ?? '')
      .filter((s) => s !== '')
      .join(separator)
  }
  const counterpartyCell = nonEmpty(cell(c.counterparty))
  const description = joined(c.description, ' | ') || (counterpartyCell ?? '')
  const valueText = cell(c.valueDate)
  const valueAt =
    valueText === undefined || valueText === ''
      ? undefined
      : (parseDateWithPattern(valueText, mapping.dateFormat) ??
        parseDateWithPattern(datePart(valueText), mapping.dateFormat))
  const bankCategory = nonEmpty(joined(c.category, ' / '))
  const type = nonEmpty(cell(c.type))?.toLowerCase()
  const mcc = nonEmpty(cell(c.mcc))
  const memo = nonEmpty(cell(c.memo))
  const categorized = categorizeTransaction({
    description,
    amount: amount ?? 0,
    ...(memo !== undefined ? { memo } : {}),
    ...(bankCategory !== undefined ? { bankCategory } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(mcc !== undefined ? { mcc } : {}),
    ...(counterpartyCell !== undefined ? { counterparty: counterpartyCell } : {}),
  })
  const optional = {
    valueAt,
    counterparty: nonEmpty(categorized.counterparty),
    category: categorized.category,
    bankCategory: bankCategory?.slice(0, 200),
    merchantCode: mcc !== undefined && /^\d{4}$/.test(mcc) ? mcc : undefined,
    balance: money(c.balance),
    type,
    accountId: nonEmpty(cell(c.accountId)),
    checkNumber: nonEmpty(cell(c.checkNumber)),
    reference: nonEmpty(cell(c.reference)),
    memo,
  }
  const record: Record<string, unknown> = {
    id: '',
    bookedAt,
    amount,
    currency,
    description,
    source: `${FORMAT}:${presetName}`,
  }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) record[key] = value
  record['id'] = ids.next([
    presetName,
    optional.accountId,
    optional.reference,
    optional.checkNumber,
    bookedAt,
    amount,
    currency,
    description,
    optional.balance,
  ])
  return record
}

function mappingFromOptions(
  options: Readonly<Record<string, unknown>>,
): BankCsvMapping | undefined {
  const presetName = options['preset']
  if (presetName !== undefined) {
    const preset = BANK_CSV_PRESETS.find((p) => p.name === presetName)
    if (preset === undefined)
      throw new RangeError(`options.preset: unknown bank CSV preset ${JSON.stringify(presetName)}`)
    return preset.mapping
  }
  if (options['columns'] === undefined) return undefined
  const m = options as unknown as BankCsvMapping
  if (typeof m.columns !== 'object' || m.columns === null)
    throw new TypeError('options.columns must be an object')
  if (m.columns.date === undefined) throw new TypeError('options.columns.date is required')
  if (m.columns.description === undefined)
    throw new TypeError('options.columns.description is required')
  if (
    m.columns.amount === undefined &&
    m.columns.debit === undefined &&
    m.columns.credit === undefined
  ) {
    throw new TypeError('options.columns needs amount, or debit and credit')
  }
  if (typeof m.dateFormat !== 'string' || !/Y/.test(m.dateFormat)) {
    throw new TypeError('options.dateFormat must be a pattern such as DD/MM/YYYY')
  }
  if (m.decimal !== undefined && m.decimal !== '.' && m.decimal !== ',')
    throw new RangeError("options.decimal must be '.' or ','")
  if (m.delimiter !== undefined && (typeof m.delimiter !== 'string' || m.delimiter.length !== 1)) {
    throw new RangeError('options.delimiter must be one character')
  }
  return m
}

/** Maps column refs to indexes; header names match case-insensitively after trimming. */
function columnResolver(header: readonly string[], line: number): (ref: ColumnRef) => number {
  const byName = new Map<string, number>()
  header.forEach((name, i) => {
    const key = normalizeHeader(name)
    if (!byName.has(key)) byName.set(key, i)
  })
  return (ref) => {
    if (typeof ref === 'number') return ref
    const index = byName.get(normalizeHeader(ref))
    if (index === undefined)
      throw new ImportFormatError(FORMAT, `no column named ${JSON.stringify(ref)}`, { line })
    return index
  }
}

function presetForHeader(line: string): BankCsvPreset | undefined {
  return BANK_CSV_PRESETS.find((preset) => {
    const delimiter = preset.mapping.delimiter ?? ','
    const cells = line.split(delimiter).map((cell) => normalizeHeader(cell.replace(/^"|"$/g, '')))
    return (
      cells.length === preset.header.length &&
      preset.header.every((h, i) => normalizeHeader(h) === cells[i])
    )
  })
}

function normalizeHeader(name: string): string {
  return name.trim().normalize('NFC').toLowerCase()
}

function firstNonEmptyLine(text: string): string | undefined {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .find((l) => l.trim() !== '')
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s
}

function roundCents(x: number): number {
  return Math.round(x * 100) / 100
}

/** How much decoded text is read before the layout is inferred. */
const SAMPLE_CHARS = 64 * 1024

/** Reads the first `SAMPLE_CHARS` of text (or all of it), then replays everything. */
async function peekText(
  text: AsyncGenerator<string>,
): Promise<{ first: string; all: AsyncIterable<string> }> {
  const parts: string[] = []
  let length = 0
  while (length < SAMPLE_CHARS) {
    const next = await text.next()
    if (next.done === true) break
    parts.push(next.value)
    length += next.value.length
  }
  return {
    first: parts.join(''),
    all: (async function* () {
      yield* parts
      yield* text
    })(),
  }
}
