/**
 * Order confirmation e-mails → `purchases`: a single `.eml` file (this importer, which also yields the
 * message itself into `messages`), and every message of an mbox (called from `mbox.ts`). The HTML
 * part is parsed by postal-mime; schema.org `Order`/`ParcelDelivery` markup (JSON-LD or microdata)
 * gives the lines; without markup, a plain receipt whose subject says it is an order confirmation (in
 * EN FR DE ES NL IT PT) is read line by line ("1 x Name — €12.50").
 */
import PostalMime from 'postal-mime'
import { StableIds } from './_id.ts'
import { messageRecord } from './_message_record.ts'
import { orderLines, schemaItems } from './_order_markup.ts'
import type { OrderLine } from './_order_markup.ts'
import { DEFAULT_MAX_DOCUMENT_BYTES, headText, readAll } from './_source.ts'
import { parseAmount } from './_values.ts'
import { ImportFormatError } from './errors.ts'
import { describeItem, extractSize } from './purchase_items.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'eml'

/** One `.eml` message. Options: `maxBytes` (default 64 MiB). */
export const emlImporter: Importer = {
  format: FORMAT,
  description: 'One e-mail message (.eml): the message, and the purchases of an order confirmation',
  sniff(head, name) {
    const text = headText(head.subarray(0, 8192))
    if (text.startsWith('From ')) return 0 // an mbox
    const headers = /^(?:[A-Za-z][\w-]*:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)+/.exec(text)?.[0] ?? ''
    const looksLikeMail =
      /^from:/im.test(headers) && /^(?:date|subject|message-id):/im.test(headers)
    if (looksLikeMail) return /\.eml$/i.test(name) ? 90 : 60
    return /\.eml$/i.test(name) ? 10 : 0
  },
  read(source, options) {
    return readEml(source, options ?? {})
  },
}

async function* readEml(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const maxBytes =
    typeof options['maxBytes'] === 'number' ? options['maxBytes'] : DEFAULT_MAX_DOCUMENT_BYTES
  const bytes = await readAll(source, FORMAT, maxBytes)
  const email = await parseMail(bytes, source.name)
  const sentAt = email.date === undefined ? undefined : Date.parse(email.date)
  if (sentAt === undefined || !Number.isFinite(sentAt))
    throw new ImportFormatError(FORMAT, 'the message has no readable Date header')
  const ids = new StableIds(FORMAT)
  const from = email.from !== undefined && 'address' in email.from ? email.from : undefined
  const text = (email.text ?? stripHtml(email.html ?? '')).trim()
  yield {
    collection: 'messages',
    record: messageRecord({
      source: FORMAT,
      id: ids.next([email.messageId ?? `${sentAt}:${email.subject ?? ''}`]),
      sentAt,
      platform: 'email',
      conversation: email.messageId ?? email.subject ?? String(sentAt),
      kind: 'message',
      sender: from?.name !== undefined && from.name !== '' ? from.name : from?.address,
      senderAddress: from?.address,
      subject: email.subject,
      text,
    }),
  }
  yield* purchasesOfEmail(email, sentAt, new StableIds('order-email'))
}

/** The parts of a parsed mail that orders are read from. */
export interface ParsedMail {
  readonly subject?: string | undefined
  readonly date?: string | undefined
  readonly messageId?: string | undefined
  readonly from?: { readonly name?: string; readonly address?: string } | undefined
  readonly html?: string | undefined
  readonly text?: string | undefined
}

async function parseMail(bytes: Uint8Array, name: string): Promise<ParsedMail> {
  try {
    const email = await PostalMime.parse(bytes, { maxNestingDepth: 50, maxPartCount: 2000 })
    const from = email.from
    return {
      subject: email.subject,
      date: email.date,
      messageId: email.messageId,
      from:
        from !== undefined && 'address' in from
          ? { name: from.name, address: from.address ?? '' }
          : undefined,
      html: email.html,
      text: email.text,
    }
  } catch (cause) {
    throw new ImportFormatError(
      FORMAT,
      `${JSON.stringify(name)} is not a readable e-mail`,
      {},
      { cause },
    )
  }
}

/**
 * The purchases in one raw message (an mbox entry): parsed only when the message has an HTML part or
 * its subject says it is an order, so that an archive of ordinary mail costs little.
 */
export async function purchasesOfRawMail(
  raw: Uint8Array,
  fallbackDate: number,
  ids: StableIds,
): Promise<ImportedRecord[]> {
  const head = headText(raw.subarray(0, 65536))
  if (!/text\/html/i.test(head) && !ORDER_SUBJECT.test(head)) return []
  let email: ParsedMail
  try {
    email = await parseMail(raw, 'message')
  } catch {
    return []
  }
  const date = email.date === undefined ? Number.NaN : Date.parse(email.date)
  const out: ImportedRecord[] = []
  for await (const r of purchasesOfEmail(email, Number.isFinite(date) ? date : fallbackDate, ids))
    out.push(r)
  return out
}

// Subjects of order confirmations and receipts, in the seven languages.
const ORDER_SUBJECT =
  /\b(?:your order|order confirm|order #|order no|receipt|thanks for your order|commande|bestellung|bestellbest[aä]tigung|ihre bestellung|auftragsbest[aä]tigung|pedido|bestelling|bestelbevestiging|ordine|encomenda)\b/i

async function* purchasesOfEmail(
  email: ParsedMail,
  sentAt: number,
  ids: StableIds,
): AsyncGenerator<ImportedRecord> {
  let lines: OrderLine[] = email.html === undefined ? [] : orderLines(schemaItems(email.html))
  let how = 'markup'
  if (lines.length === 0 && ORDER_SUBJECT.test(email.subject ?? '')) {
    lines = plainReceiptLines(email.text ?? stripHtml(email.html ?? ''))
    how = 'receipt'
  }
  const merchantFromMail = merchantName(email.from)
  for (const line of lines) {
    const record = purchaseRecord(line, sentAt, merchantFromMail, how, ids)
    if (record !== undefined) yield { collection: 'purchases', record }
  }
}

function purchaseRecord(
  line: OrderLine,
  sentAt: number,
  merchantFromMail: string,
  how: string,
  ids: StableIds,
): Record<string, unknown> | undefined {
  const quantity = line.quantity === undefined ? 1 : Number(line.quantity)
  const unit = line.price === undefined ? undefined : priceOf(line.price)
  if (unit === undefined || !Number.isFinite(quantity) || quantity < 0) return undefined
  const currency = (line.currency ?? currencyOf(line.price ?? '') ?? '').toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) return undefined
  const orderedAt = line.orderDate === undefined ? sentAt : (isoTime(line.orderDate) ?? sentAt)
  const described = describeItem(line.name, line.category)
  const size =
    line.size === undefined ? described.size : (extractSize(`Size ${line.size}`) ?? line.size)
  const brand = line.brand ?? described.brand
  const merchant = line.merchant ?? merchantFromMail
  const amount = Math.round(unit * quantity * 100) / 100
  const record: Record<string, unknown> = {
    id: ids.next([merchant, line.orderNumber, orderedAt, line.name, line.sku, amount]),
    orderedAt,
    merchant: merchant.slice(0, 200),
    category: described.category,
    item: line.name.slice(0, 1000),
    amount,
    currency,
    quantity,
    source: `order-email:${how}`,
  }
  if (size !== undefined) record['size'] = size.slice(0, 40)
  if (brand !== undefined) record['brand'] = brand.slice(0, 100)
  if (line.orderNumber !== undefined) record['orderId'] = line.orderNumber.slice(0, 200)
  return record
}

function priceOf(text: string): number | undefined {
  const s = text.replace(/[^\d.,-]/g, '')
  if (s === '') return undefined
  const decimal = /,\d{1,2}$/.test(s) ? ',' : '.'
  return parseAmount(s, decimal)
}

function currencyOf(text: string): string | undefined {
  if (/€|\bEUR\b/.test(text)) return 'EUR'
  if (/£|\bGBP\b/.test(text)) return 'GBP'
  if (/\$|\bUSD\b/.test(text)) return 'USD'
  if (/\bCHF\b/.test(text)) return 'CHF'
  return undefined
}

function isoTime(text: string): number | undefined {
  const t = Date.parse(text)
  return Number.isFinite(t) ? t : undefined
}

function merchantName(from: ParsedMail['from']): string {
  if (from === undefined) return ''
  if (from.name !== undefined && from.name !== '') return from.name
  const domain = /@([^>]+)$/.exec(from.address ?? '')?.[1] ?? ''
  return domain.replace(/^(?:mail|email|e|news|orders?|shop|info|noreply|no-reply)\./, '')
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(?:p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n[ \t]*(?:\n[ \t]*)+/g, '\n')
}

// Receipt lines that are totals, taxes, shipping or discounts, not things bought.
const NOT_AN_ITEM =
  /\b(?:sub-?total|total|tax|vat|shipping|delivery|discount|coupon|gesamt|summe|mwst|versand|rabatt|tva|livraison|remise|iva|env[ií]o|descuento|btw|verzending|korting|spedizione|sconto|portes|desconto|totale|totaal)\b/i
const PRICE = String.raw`(?:[€$£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|EUR|USD|GBP|CHF|\$|£))`
const ITEM_LINE = new RegExp(
  String.raw`^\s*(?:(\d{1,3})\s?[x×]\s+)?(.{3,200}?)\s*(?:[-–—:|]\s*)?(?:(\d{1,3})\s?[x×]\s*)?(${PRICE})\s*$`,
  'i',
)

/** Item lines of a plain-text receipt: "1 x Brooks Ghost 15, Size 42 — €129.95". */
export function plainReceiptLines(text: string): OrderLine[] {
  const lines: OrderLine[] = []
  const orderNumber =
    /\b(?:order|commande|bestellung|pedido|bestelling|ordine|encomenda)\s*(?:no\.?|nr\.?|n°|number|nummer|número|#)?\s*:?\s*#?\s*([A-Z0-9][A-Z0-9-]{3,})/i.exec(
      text,
    )?.[1]
  for (const raw of text.split(/\r?\n/)) {
    const m = ITEM_LINE.exec(raw)
    if (m === null) continue
    const name = (m[2] ?? '').trim().replace(/[\s,;:–—-]+$/, '')
    if (name === '' || NOT_AN_ITEM.test(name) || !/[A-Za-zÀ-ÿ]{2}/.test(name)) continue
    const quantity = m[1] ?? m[3]
    const price = m[4] ?? ''
    const currency = currencyOf(price)
    lines.push({
      name,
      price,
      ...(currency !== undefined ? { currency } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(orderNumber !== undefined ? { orderNumber } : {}),
    })
  }
  // A quantity prefix gives the line total on most receipts: the unit price is the total / quantity.
  return lines.map((l) => {
    const q = l.quantity === undefined ? 1 : Number(l.quantity)
    const total = priceOf(l.price ?? '')
    if (q <= 1 || total === undefined) return l
    return { ...l, price: String(Math.round((total / q) * 100) / 100) }
  })
}
