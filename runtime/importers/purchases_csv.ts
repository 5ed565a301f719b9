/**
 * Order histories as CSV → `purchases`, one record per line item: Amazon's "Request my data" export
 * (`Retail.OrderHistory.1.csv`) and its older "Items" order report are recognised from their header;
 * any other shop's CSV reads with a column mapping. Each item gets a category from the purchases
 * vocabulary, and the size and brand its title prints (see `purchase_items.ts`). Cancelled lines are
 * skipped: nothing was bought.
 */
import { csvRows } from './_csv_rows.ts'
import { StableIds } from './_id.ts'
import { decodeText, headText } from './_source.ts'
import { parseAmount, parseDateWithPattern } from './_values.ts'
import type { DecimalMark } from './_values.ts'
import { datePart, splitCsvLine } from './_bank_csv_layout.ts'
import { ImportFormatError } from './errors.ts'
import { describeItem } from './purchase_items.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'purchases-csv'

/** A column by header name (case-insensitive) or 0-based index. */
export type PurchaseColumnRef = string | number

/** How to read a shop's order CSV. */
export interface PurchaseCsvMapping {
  readonly columns: {
    readonly orderedAt: PurchaseColumnRef
    readonly item: PurchaseColumnRef
    /** What the line cost in total (price × quantity, taxes included when the shop says so). */
    readonly amount?: PurchaseColumnRef
    /** Price of one unit, used when there is no line total. */
    readonly unitPrice?: PurchaseColumnRef
    readonly quantity?: PurchaseColumnRef
    readonly currency?: PurchaseColumnRef
    readonly merchant?: PurchaseColumnRef
    readonly category?: PurchaseColumnRef
    readonly brand?: PurchaseColumnRef
    readonly size?: PurchaseColumnRef
    readonly orderId?: PurchaseColumnRef
    /** A status column; lines whose status says cancelled are skipped. */
    readonly status?: PurchaseColumnRef
  }
  /** Date pattern (see bank-csv), or 'iso' for ISO 8601 timestamps. */
  readonly dateFormat: string
  readonly decimal?: DecimalMark
  readonly delimiter?: string
  /** Merchant when there is no merchant column. */
  readonly merchant?: string
  /** Currency when there is no currency column (ISO 4217). */
  readonly currency?: string
}

interface PurchasePreset {
  readonly name: string
  /** Header cells that must all be present (folded to lower case). */
  readonly requires: readonly string[]
  readonly mapping: PurchaseCsvMapping
}

/** Amazon's exports, recognised from their header row. */
export const PURCHASE_CSV_PRESETS: readonly PurchasePreset[] = [
  {
    // "Request my data" → Your Orders → Retail.OrderHistory.1/Retail.OrderHistory.1.csv
    name: 'amazon-order-history',
    requires: ['website', 'order id', 'order date', 'asin', 'product name', 'total owed'],
    mapping: {
      columns: {
        orderedAt: 'Order Date',
        item: 'Product Name',
        amount: 'Total Owed',
        unitPrice: 'Unit Price',
        quantity: 'Quantity',
        currency: 'Currency',
        merchant: 'Website',
        orderId: 'Order ID',
        status: 'Order Status',
      },
      dateFormat: 'iso',
    },
  },
  {
    // The older "Order History Reports" → Items report.
    name: 'amazon-items-report',
    requires: ['order date', 'order id', 'title', 'category', 'item total'],
    mapping: {
      columns: {
        orderedAt: 'Order Date',
        item: 'Title',
        amount: 'Item Total',
        unitPrice: 'Purchase Price Per Unit',
        quantity: 'Quantity',
        currency: 'Currency',
        merchant: 'Website',
        category: 'Category',
        orderId: 'Order ID',
      },
      dateFormat: 'M/D/YY',
      currency: 'USD',
    },
  },
]

/** Order-history CSV importer. Options: a `PurchaseCsvMapping`, or `{ preset }`. */
export const purchasesCsvImporter: Importer = {
  format: FORMAT,
  description:
    'Order history CSV (Amazon "Request my data", Amazon items report, or a column mapping)',
  sniff(head, name) {
    const line = firstLine(headText(head))
    if (line === undefined) return 0
    return presetFor(line) !== undefined ? 92 : /order/i.test(name) && /\.csv$/i.test(name) ? 3 : 0
  },
  read(source, options) {
    return readPurchases(source, options ?? {})
  },
}

function firstLine(text: string): string | undefined {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .find((l) => l.trim() !== '')
}

function presetFor(line: string): PurchasePreset | undefined {
  const cells = new Set(splitCsvLine(line, ',').map((c) => c.trim().toLowerCase()))
  return PURCHASE_CSV_PRESETS.find((p) => p.requires.every((r) => cells.has(r)))
}

async function* readPurchases(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  let mapping: PurchaseCsvMapping | undefined
  let presetName = 'custom'
  if (typeof options['preset'] === 'string') {
    const preset = PURCHASE_CSV_PRESETS.find((p) => p.name === options['preset'])
    if (preset === undefined)
      throw new RangeError(
        `options.preset: unknown purchases preset ${JSON.stringify(options['preset'])}`,
      )
    mapping = preset.mapping
    presetName = preset.name
  } else if (options['columns'] !== undefined) {
    mapping = checkMapping(options as unknown as PurchaseCsvMapping)
  }
  const ids = new StableIds(FORMAT)
  let header: Map<string, number> | undefined
  for await (const row of csvRows(decodeText(source, FORMAT), FORMAT, mapping?.delimiter ?? ',')) {
    if (header === undefined) {
      if (mapping === undefined) {
        const preset = presetFor(row.fields.join(','))
        if (preset === undefined) {
          throw new ImportFormatError(
            FORMAT,
            `unrecognised order CSV header in ${JSON.stringify(source.name)}; pass a column mapping`,
            { line: row.line },
          )
        }
        mapping = preset.mapping
        presetName = preset.name
      }
      header = new Map(row.fields.map((f, i) => [f.trim().toLowerCase(), i] as const))
      continue
    }
    if (mapping === undefined) break
    const record = rowToPurchase(row.fields, row.line, mapping, header, presetName, ids)
    if (record !== undefined) yield { collection: 'purchases', record }
  }
}

function rowToPurchase(
  fields: readonly string[],
  line: number,
  mapping: PurchaseCsvMapping,
  header: ReadonlyMap<string, number>,
  presetName: string,
  ids: StableIds,
): Record<string, unknown> | undefined {
  const c = mapping.columns
  const index = (ref: PurchaseColumnRef): number => {
    if (typeof ref === 'number') return ref
    const i = header.get(ref.trim().toLowerCase())
    if (i === undefined)
      throw new ImportFormatError(FORMAT, `no column named ${JSON.stringify(ref)}`, { line })
    return i
  }
  const cell = (ref: PurchaseColumnRef | undefined): string | undefined => {
    if (ref === undefined) return undefined
    const v = fields[index(ref)]?.trim()
    return v === undefined || v === '' || /^not available$/i.test(v) ? undefined : v
  }
  const fail = (message: string, ref: PurchaseColumnRef): never => {
    throw new ImportFormatError(FORMAT, message, { line, column: index(ref) + 1 })
  }
  if (fields.every((f) => f.trim() === '')) return undefined
  if (/cancel|annul|storniert|cancelad|geannuleerd/i.test(cell(c.status) ?? '')) return undefined
  const dateText = cell(c.orderedAt) ?? ''
  const orderedAt =
    mapping.dateFormat === 'iso'
      ? parseIso(dateText)
      : (parseDateWithPattern(dateText, mapping.dateFormat) ??
        parseDateWithPattern(datePart(dateText), mapping.dateFormat))
  if (orderedAt === undefined)
    return fail(
      `order date ${JSON.stringify(dateText)} does not match ${mapping.dateFormat}`,
      c.orderedAt,
    )
  const item = cell(c.item) ?? ''
  const decimal = mapping.decimal ?? '.'
  const money = (ref: PurchaseColumnRef | undefined): number | undefined => {
    const text = cell(ref)
    if (ref === undefined || text === undefined) return undefined
    return parseAmount(text, decimal) ?? fail(`amount ${JSON.stringify(text)} is not a number`, ref)
  }
  const quantityText = cell(c.quantity)
  const quantity = quantityText === undefined ? 1 : Number(quantityText)
  if (!Number.isFinite(quantity) || quantity < 0)
    return fail(`quantity ${JSON.stringify(quantityText)} is not a number`, c.quantity ?? c.item)
  const total = money(c.amount)
  const unit = money(c.unitPrice)
  const amount = total ?? (unit === undefined ? undefined : round2(unit * quantity))
  if (amount === undefined) return fail('line has no amount', c.amount ?? c.unitPrice ?? c.item)
  const currency = (
    cell(c.currency) ??
    mapping.currency ??
    currencyFromSign(cell(c.amount) ?? cell(c.unitPrice)) ??
    ''
  ).toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency))
    return fail(
      `currency ${JSON.stringify(currency)} is not an ISO 4217 code; pass options.currency`,
      c.currency ?? c.amount ?? c.item,
    )
  const merchant =
    cell(c.merchant) ?? mapping.merchant ?? (presetName.startsWith('amazon') ? 'Amazon' : '')
  const described = describeItem(item, cell(c.category))
  const size = cell(c.size) ?? described.size
  const brand = cell(c.brand) ?? described.brand
  const orderId = cell(c.orderId)
  const record: Record<string, unknown> = {
    id: ids.next([presetName, orderId, orderedAt, item, amount, quantity]),
    orderedAt,
    merchant: merchant.slice(0, 200),
    category: described.category,
    amount,
    currency,
    quantity,
    item: item.slice(0, 1000),
    source: `${FORMAT}:${presetName}`,
  }
  if (size !== undefined) record['size'] = size.slice(0, 40)
  if (brand !== undefined) record['brand'] = brand.slice(0, 100)
  if (orderId !== undefined) record['orderId'] = orderId.slice(0, 200)
  return record
}

function parseIso(text: string): number | undefined {
  if (
    !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(
      text,
    )
  )
    return undefined
  const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T'))
  return Number.isFinite(t) ? t : undefined
}

function currencyFromSign(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  if (text.includes('€')) return 'EUR'
  if (text.includes('£')) return 'GBP'
  if (text.includes('$')) return 'USD'
  return undefined
}

function round2(x: number): number {
  return Math.round(x * 100) / 100
}

function checkMapping(m: PurchaseCsvMapping): PurchaseCsvMapping {
  if (typeof m.columns !== 'object' || m.columns === null)
    throw new TypeError('options.columns must be an object')
  if (m.columns.orderedAt === undefined)
    throw new TypeError('options.columns.orderedAt is required')
  if (m.columns.item === undefined) throw new TypeError('options.columns.item is required')
  if (m.columns.amount === undefined && m.columns.unitPrice === undefined)
    throw new TypeError('options.columns needs amount or unitPrice')
  if (typeof m.dateFormat !== 'string' || (m.dateFormat !== 'iso' && !/Y/.test(m.dateFormat)))
    throw new TypeError("options.dateFormat must be 'iso' or a pattern such as DD/MM/YYYY")
  if (m.decimal !== undefined && m.decimal !== '.' && m.decimal !== ',')
    throw new RangeError("options.decimal must be '.' or ','")
  return m
}
