/**
 * Bank statement CSV exports → `transactions`. Known layouts (Revolut, N26, Monzo, Wise, PayPal,
 * Chase, Crédit Mutuel, Boursorama, Sparkasse, Rabobank, ING NL, Fineco, Schwab, ING España, UBS:
 * see `_bank_csv_presets.ts`) are recognised from their header row, and their rows that are not
 * movements (pending, declined, holds) skipped; any other bank's export is read by inferring its
 * layout (header words in seven languages, separator, decimal mark, day/month order: see
 * `_bank_csv_layout.ts`), or with an explicit column mapping. Every row gets a `category` from the
 * shared vocabulary and a `counterparty` (see `categories.ts`); the bank's own category text is kept
 * in `bankCategory`. Rows stream through csv-parse, so a file of any length is read chunk by chunk.
 * At the end, `options.onReport` hears which layout read the file and how many rows it skipped, why.
 */
import { csvRows } from './_csv_rows.ts'
import {
  datePart,
  inferDateFormat,
  inferDecimal,
  inferLayout,
  isOutgoing,
  splitCsvLine,
} from './_bank_csv_layout.ts'
import type { InferredLayout } from './_bank_csv_layout.ts'
import { categorizeTransaction } from './categories.ts'
import { StableIds } from './_id.ts'
import { decodeText, headText } from './_source.ts'
import type { TextEncodingName } from './_source.ts'
import { parseAmount, parseDateWithPattern } from './_values.ts'
import type { DecimalMark } from './_values.ts'
import { ImportFormatError } from './errors.ts'
import { BANK_CSV_PRESETS } from './_bank_csv_presets.ts'
import type { BankCsvMapping, BankCsvPreset, ColumnRef } from './_bank_csv_presets.ts'
import { sendReport, SkipTally } from './_report.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'bank-csv'

export { BANK_CSV_PRESETS } from './_bank_csv_presets.ts'
export type {
  BankCsvMapping,
  BankCsvPreset,
  BankCsvSkipRule,
  ColumnRef,
} from './_bank_csv_presets.ts'

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
  let readAs = presetByName(presetName)?.bank ?? 'the given column mapping'
  const text = decodeText(source, FORMAT, mapping?.encoding)
  // Without a mapping, the layout is known only once the first lines are seen: peek at them.
  const peeked = await peekText(text)
  if (mapping === undefined) {
    const header = firstNonEmptyLine(peeked.first)
    const found = header === undefined ? undefined : presetForHeader(header)
    if (found !== undefined) {
      mapping = found.mapping
      presetName = found.preset.name
      readAs = found.preset.bank
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
      readAs = inferredReadAs(layout)
    }
  }
  mapping = settleAuto(mapping, peeked.first)
  const ids = new StableIds(FORMAT)
  const skipped = new SkipTally()
  let records = 0
  let resolve: ((ref: ColumnRef) => number) | undefined
  const withHeader = mapping.header ?? true
  const headerCells = mapping.headerCells?.map(normalizeHeader)
  const maxRecordChars =
    typeof options['maxRecordChars'] === 'number' ? options['maxRecordChars'] : undefined
  for await (const row of csvRows(peeked.all, FORMAT, mapping.delimiter ?? ',', maxRecordChars)) {
    if (resolve === undefined) {
      // A preamble (account number, period) comes before the header row: skip to it.
      if (headerCells !== undefined && !sameCells(row.fields, headerCells)) continue
      resolve = columnResolver(
        withHeader ? row.fields : [],
        row.line,
        mapping,
        presetName === 'custom',
      )
      if (withHeader) continue
    }
    if (row.fields.every((f) => f.trim() === '')) continue
    // A total or closing-balance line at the end of inferred layouts has no date: not a movement.
    if (
      presetName.startsWith('inferred') &&
      (row.fields[resolve(mapping.columns.date)] ?? '').trim() === ''
    ) {
      skipped.add('no date (a total or balance line)')
      continue
    }
    const reason = skipReason(row.fields, mapping, resolve)
    if (reason !== undefined) {
      skipped.add(reason)
      continue
    }
    const record = rowToTransaction(row.fields, row.line, mapping, resolve, presetName, ids)
    records++
    yield { collection: 'transactions', record }
  }
  sendReport(options, () => ({
    file: source.name,
    format: FORMAT,
    layout: presetName,
    readAs,
    records,
    skipped: skipped.list(),
  }))
}

const LANGUAGES: Readonly<Record<string, string>> = {
  en: 'English',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  nl: 'Dutch',
  it: 'Italian',
  pt: 'Portuguese',
}

function inferredReadAs(layout: InferredLayout): string {
  if (layout.header === undefined) return 'a layout inferred from its cells (no header row)'
  const language = LANGUAGES[layout.language]
  return language === undefined
    ? 'a layout inferred from its header'
    : `a layout inferred from its ${language} header`
}

/** Why a row is not a movement (a preset's skip rules), or undefined to read it. */
function skipReason(
  fields: readonly string[],
  mapping: BankCsvMapping,
  resolve: (ref: ColumnRef) => number,
): string | undefined {
  for (const rule of mapping.skip ?? []) {
    const index = resolve(rule.column)
    if (index < 0) continue
    const cell = (fields[index] ?? '').trim()
    const kept =
      rule.keep === undefined || rule.keep.some((k) => k.toLowerCase() === cell.toLowerCase())
    const dropped = rule.drop !== undefined && rule.drop.test(cell)
    if (!kept || dropped) return `${rule.reason} (${cell === '' ? 'empty' : cell.slice(0, 60)})`
  }
  return undefined
}

/**
 * A preset's 'auto' date pattern and decimal mark, settled from the first rows of the file (PayPal
 * writes dates and amounts in the account's locale).
 */
function settleAuto(mapping: BankCsvMapping, sample: string): BankCsvMapping {
  if (mapping.dateFormat !== 'auto' && mapping.decimal !== 'auto') return mapping
  const delimiter = mapping.delimiter ?? ','
  const lines = sample
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
  if (lines.length > 2) lines.pop() // may be cut in two
  const [headerLine, ...data] = lines.slice(0, 200)
  const header = splitCsvLine(headerLine ?? '', delimiter).map(normalizeHeader)
  const rows = data.map((l) => splitCsvLine(l, delimiter))
  const column = (ref: ColumnRef | undefined): string[] => {
    const index =
      ref === undefined ? -1 : typeof ref === 'number' ? ref : header.indexOf(normalizeHeader(ref))
    return index < 0 ? [] : rows.map((r) => r[index] ?? '').filter((s) => s.trim() !== '')
  }
  const c = mapping.columns
  let dateFormat = mapping.dateFormat
  if (dateFormat === 'auto') {
    const when = mapping.monthFirstWhen
    const monthFirst = when !== undefined && column(when.column).some((s) => when.pattern.test(s))
    dateFormat = inferDateFormat(column(c.date), monthFirst) ?? 'YYYY-M-D'
  }
  const money = [c.amount, c.debit, c.credit, c.fee, c.balance].flatMap(column)
  const decimal = mapping.decimal === 'auto' ? inferDecimal(money) : mapping.decimal
  return { ...mapping, dateFormat, ...(decimal !== undefined ? { decimal } : {}) }
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
    const value = index < 0 ? undefined : fields[index]
    return value === undefined ? undefined : value.trim()
  }
  const fail = (message: string, ref: ColumnRef): never => {
    throw new ImportFormatError(FORMAT, message, { line, column: resolve(ref) + 1 })
  }
  const dateText = cell(c.date) ?? ''
  const bookedAt = parseDate(dateText, mapping.dateFormat)
  if (bookedAt === undefined) {
    fail(`date ${JSON.stringify(dateText)} does not match ${mapping.dateFormat}`, c.date)
  }
  const decimal = mapping.decimal === ',' ? ',' : '.'
  const money = (ref: ColumnRef | undefined): number | undefined => {
    const text = cell(ref)
    if (ref === undefined || text === undefined || text === '') return undefined
    const value = parseAmount(text, decimal)
    return value ?? fail(`amount ${JSON.stringify(text)} is not a number`, ref)
  }
  let amount: number | undefined
  if (c.amount !== undefined) {
    amount = money(c.amount)
    const fee = money(c.fee)
    if (amount !== undefined && fee !== undefined) amount = roundCents(amount - Math.abs(fee))
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
  const counterpartyCell = firstOf(c.counterparty, cell)
  const description = joined(c.description, ' | ') || (counterpartyCell ?? '')
  const valueText = cell(c.valueDate)
  const valueAt =
    valueText === undefined || valueText === ''
      ? undefined
      : parseDate(valueText, mapping.dateFormat)
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

/** A date cell read with a pattern or '|'-separated alternatives, whole or its date part. */
function parseDate(text: string, patterns: string): number | undefined {
  for (const pattern of patterns.split('|')) {
    const at = parseDateWithPattern(text, pattern) ?? parseDateWithPattern(datePart(text), pattern)
    if (at !== undefined) return at
  }
  return undefined
}

/** The first non-empty cell of one column or several. */
function firstOf(
  refs: ColumnRef | readonly ColumnRef[] | undefined,
  cell: (ref: ColumnRef | undefined) => string | undefined,
): string | undefined {
  const list: readonly ColumnRef[] =
    refs === undefined ? [] : typeof refs === 'object' ? refs : [refs]
  for (const ref of list) {
    const value = nonEmpty(cell(ref))
    if (value !== undefined) return value
  }
  return undefined
}

function presetByName(name: string): BankCsvPreset | undefined {
  return BANK_CSV_PRESETS.find((p) => p.name === name)
}

function mappingFromOptions(
  options: Readonly<Record<string, unknown>>,
): BankCsvMapping | undefined {
  const presetName = options['preset']
  if (presetName !== undefined) {
    const preset = typeof presetName === 'string' ? presetByName(presetName) : undefined
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

/**
 * Maps column refs to indexes; header names match case-insensitively after trimming. The date and
 * money columns must be there. A person's own mapping must name only columns the file has (a typo
 * is an error, not a silently empty field); another column a preset names but the file lacks reads
 * as empty (-1), as exports of one bank gain and lose columns over the years.
 */
function columnResolver(
  header: readonly string[],
  line: number,
  mapping: BankCsvMapping,
  strict: boolean,
): (ref: ColumnRef) => number {
  const byName = new Map<string, number>()
  header.forEach((name, i) => {
    const key = normalizeHeader(name)
    if (!byName.has(key)) byName.set(key, i)
  })
  const c = mapping.columns
  const named = strict
    ? [...Object.values(c).flat(), ...(mapping.skip ?? []).map((rule) => rule.column)]
    : [c.date, c.amount, c.debit, c.credit]
  const required = new Set(named.filter((r): r is ColumnRef => r !== undefined))
  for (const ref of required) {
    if (typeof ref === 'string' && !byName.has(normalizeHeader(ref)))
      throw new ImportFormatError(FORMAT, `no column named ${JSON.stringify(ref)}`, { line })
  }
  return (ref) => (typeof ref === 'number' ? ref : (byName.get(normalizeHeader(ref)) ?? -1))
}

/**
 * The preset whose header the line is (or begins with, for presets that match their first
 * columns), split on the preset's separator or another common one ('ING NL' exports both).
 */
function presetForHeader(
  line: string,
): { preset: BankCsvPreset; mapping: BankCsvMapping } | undefined {
  for (const preset of BANK_CSV_PRESETS) {
    const own = preset.mapping.delimiter ?? ','
    for (const delimiter of [own, ...[',', ';', '\t'].filter((d) => d !== own)]) {
      const cells = splitCsvLine(line, delimiter).map(normalizeHeader)
      const lengthOk = preset.headerPrefix
        ? cells.length >= preset.header.length
        : cells.length === preset.header.length
      if (lengthOk && preset.header.every((h, i) => normalizeHeader(h) === cells[i])) {
        const mapping = delimiter === own ? preset.mapping : { ...preset.mapping, delimiter }
        return { preset, mapping }
      }
    }
  }
  return undefined
}

function normalizeHeader(name: string): string {
  return name.trim().normalize('NFC').toLowerCase().replace(/_/g, ' ')
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
