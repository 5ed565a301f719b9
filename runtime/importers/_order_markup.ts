/**
 * schema.org `Order` and `ParcelDelivery` in the HTML of order e-mails, as large retailers embed them
 * for Gmail's highlights (developers.google.com/gmail/markup/reference/order): JSON-LD `<script>`
 * blocks and microdata (`itemscope`/`itemprop`). Both are read into one plain tree of properties, then
 * into order lines. No HTML parser: a small tag scanner is enough for the markup this looks for.
 */

/** A schema.org item: its types and properties (values are strings or nested items). */
export interface SchemaItem {
  readonly types: readonly string[]
  readonly props: ReadonlyMap<string, readonly SchemaValue[]>
}
export type SchemaValue = string | SchemaItem

/** One line of an order, before it becomes a purchases record. */
export interface OrderLine {
  readonly merchant?: string
  readonly orderNumber?: string
  readonly orderDate?: string
  readonly name: string
  readonly brand?: string
  readonly category?: string
  readonly size?: string
  readonly sku?: string
  readonly price?: string
  readonly currency?: string
  readonly quantity?: string
}

/** Largest JSON-LD block parsed (a mail's markup is a few KiB). */
const MAX_JSON_LD_CHARS = 1024 * 1024

/** Every schema.org item at the top level of the HTML (JSON-LD blocks, then microdata). */
export function schemaItems(html: string): SchemaItem[] {
  return [...jsonLdItems(html), ...microdataItems(html)]
}

function jsonLdItems(html: string): SchemaItem[] {
  const out: SchemaItem[] = []
  const re =
    /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi
  for (const m of html.matchAll(re)) {
    const text = decodeEntities((m[1] ?? '').trim().replace(/^<!--|-->$/g, ''))
    if (text.length > MAX_JSON_LD_CHARS) continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      continue
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      const item = fromJson(v, 0)
      if (typeof item === 'object') {
        const graph = item.props.get('@graph')
        if (graph === undefined) out.push(item)
        else for (const g of graph) if (typeof g === 'object') out.push(g)
      }
    }
  }
  return out
}

function fromJson(value: unknown, depth: number): SchemaValue | undefined {
  if (depth > 20) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const rawType = record['@type']
  const types = (Array.isArray(rawType) ? rawType : [rawType])
    .filter((t): t is string => typeof t === 'string')
    .map(shortType)
  const props = new Map<string, SchemaValue[]>()
  for (const [key, v] of Object.entries(record)) {
    if (key === '@type' || key === '@context') continue
    const list: SchemaValue[] = []
    for (const each of Array.isArray(v) ? v : [v]) {
      const converted = fromJson(each, depth + 1)
      if (converted !== undefined) list.push(converted)
    }
    if (list.length > 0) props.set(key, list)
  }
  return { types, props }
}

function shortType(t: string): string {
  return t.replace(/^https?:\/\/schema\.org\//, '').replace(/^schema:/, '')
}

// Elements that never have an end tag (HTML Living Standard §13.1.2).
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]) // prettier-ignore

interface OpenElement {
  readonly name: string
  /** The item this element starts (itemscope), if any. */
  readonly item?: MutableItem
  /** The property this element's text is the value of, if any. */
  readonly textProp?: { readonly owner: MutableItem; readonly name: string; readonly start: number }
}
interface MutableItem {
  types: string[]
  props: Map<string, SchemaValue[]>
}

/** Microdata items (HTML §5.2): itemscope/itemtype/itemprop, values from content, href, src or text. */
function microdataItems(html: string): SchemaItem[] {
  if (!/\bitemscope\b/i.test(html)) return []
  const top: MutableItem[] = []
  const stack: OpenElement[] = []
  const currentItem = (): MutableItem | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const item = stack[i]?.item
      if (item !== undefined) return item
    }
    return undefined
  }
  const add = (owner: MutableItem, names: string, value: SchemaValue): void => {
    for (const name of names.split(/\s+/).filter((n) => n !== '')) {
      const list = owner.props.get(name) ?? []
      list.push(value)
      owner.props.set(name, list)
    }
  }
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g
  for (const m of html.matchAll(tag)) {
    const closing = m[1] === '/'
    const name = (m[2] ?? '').toLowerCase()
    const attrs = m[3] ?? ''
    if (closing) {
      // Close up to the matching element; unclosed elements inside it close with it.
      let at = -1
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i]?.name === name) {
          at = i
          break
        }
      }
      if (at < 0) continue
      while (stack.length > at) {
        const el = stack.pop()
        if (el?.textProp !== undefined) {
          const text = htmlText(html.slice(el.textProp.start, m.index))
          if (text !== '') add(el.textProp.owner, el.textProp.name, text)
        }
      }
      continue
    }
    const get = (attr: string): string | undefined => {
      const a = new RegExp(`(?:^|\\s)${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(
        attrs,
      )
      return a === null ? undefined : decodeEntities(a[1] ?? a[2] ?? a[3] ?? '')
    }
    const hasAttr = (attr: string): boolean =>
      new RegExp(`(?:^|\\s)${attr}(?:\\s|=|$)`, 'i').test(attrs)
    const itemprop = get('itemprop')
    const owner = currentItem()
    const selfClosing = VOID.has(name) || /\/\s*$/.test(attrs)
    let element: OpenElement = { name }
    if (hasAttr('itemscope')) {
      const item: MutableItem = {
        types: (get('itemtype') ?? '')
          .split(/\s+/)
          .filter((t) => t !== '')
          .map(shortType),
        props: new Map(),
      }
      if (itemprop !== undefined && owner !== undefined) add(owner, itemprop, item)
      else top.push(item)
      element = { name, item }
    } else if (itemprop !== undefined && owner !== undefined) {
      const direct = get('content') ?? get('href') ?? get('src') ?? get('datetime') ?? get('value')
      if (direct !== undefined) add(owner, itemprop, direct.trim())
      else if (!selfClosing)
        element = { name, textProp: { owner, name: itemprop, start: (m.index ?? 0) + m[0].length } }
    }
    if (!selfClosing) stack.push(element)
  }
  return top
}

function htmlText(fragment: string): string {
  return decodeEntities(fragment.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', euro: '€', pound: '£',
} // prettier-ignore

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : all
    }
    return NAMED[e.toLowerCase()] ?? all
  })
}

function first(item: SchemaItem, ...names: string[]): SchemaValue | undefined {
  for (const n of names) {
    const v = item.props.get(n)?.[0]
    if (v !== undefined) return v
  }
  return undefined
}

function text(value: SchemaValue | undefined): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  return text(first(value, 'name', 'value', '@id'))
}

function isA(item: SchemaItem, type: string): boolean {
  return item.types.includes(type)
}

/** The order lines of every Order (and ParcelDelivery's items) among `items`. */
export function orderLines(items: readonly SchemaItem[]): OrderLine[] {
  const out: OrderLine[] = []
  const seen = new Set<string>()
  const push = (line: OrderLine): void => {
    const key = [line.orderNumber, line.name, line.sku, line.price].join('\u001f')
    if (seen.has(key)) return
    seen.add(key)
    out.push(line)
  }
  for (const item of items) {
    if (isA(item, 'Order')) {
      for (const line of linesOfOrder(item)) push(line)
    } else if (isA(item, 'ParcelDelivery')) {
      const order = first(item, 'partOfOrder')
      const orderItem = typeof order === 'object' ? order : undefined
      const shipped = item.props.get('itemShipped') ?? []
      for (const product of shipped) {
        if (typeof product !== 'object') continue
        const offer = first(product, 'offers')
        const price =
          text(first(product, 'price')) ??
          (typeof offer === 'object' ? text(first(offer, 'price')) : undefined)
        const currency = typeof offer === 'object' ? text(first(offer, 'priceCurrency')) : undefined
        push({
          ...orderHeader(orderItem),
          ...productFields(product),
          ...(price !== undefined ? { price } : {}),
          ...(currency !== undefined ? { currency } : {}),
          ...(orderItem === undefined ? { merchant: text(first(item, 'provider')) } : {}),
        } as OrderLine)
      }
    }
  }
  return out.filter((l) => l.name !== '')
}

function orderHeader(order: SchemaItem | undefined): Partial<OrderLine> {
  if (order === undefined) return {}
  const merchant = text(first(order, 'seller', 'merchant'))
  const orderNumber = text(first(order, 'orderNumber', 'confirmationNumber'))
  const orderDate = text(first(order, 'orderDate'))
  const currency = text(first(order, 'priceCurrency'))
  return {
    ...(merchant !== undefined ? { merchant } : {}),
    ...(orderNumber !== undefined ? { orderNumber } : {}),
    ...(orderDate !== undefined ? { orderDate } : {}),
    ...(currency !== undefined ? { currency } : {}),
  }
}

function productFields(product: SchemaItem): Partial<OrderLine> & { name: string } {
  const brand = text(first(product, 'brand', 'manufacturer'))
  const category = text(first(product, 'category'))
  const size = text(first(product, 'size'))
  const sku = text(first(product, 'sku', 'gtin13', 'gtin', 'productID', 'mpn'))
  return {
    name: text(first(product, 'name')) ?? '',
    ...(brand !== undefined ? { brand } : {}),
    ...(category !== undefined ? { category } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(sku !== undefined ? { sku } : {}),
  }
}

function linesOfOrder(order: SchemaItem): OrderLine[] {
  const header = orderHeader(order)
  const lines: OrderLine[] = []
  // Gmail's Order markup lists acceptedOffer (Offer → itemOffered Product); schema.org also has
  // orderedItem (OrderItem → orderedItem Product, or a Product directly).
  for (const offer of order.props.get('acceptedOffer') ?? []) {
    if (typeof offer !== 'object') continue
    const product = first(offer, 'itemOffered')
    if (typeof product !== 'object') continue
    const quantity = text(first(offer, 'eligibleQuantity'))
    const price = text(first(offer, 'price'))
    const currency = text(first(offer, 'priceCurrency')) ?? header.currency
    lines.push({
      ...header,
      ...productFields(product),
      ...(price !== undefined ? { price } : {}),
      ...(currency !== undefined ? { currency } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
    } as OrderLine)
  }
  for (const entry of order.props.get('orderedItem') ?? []) {
    if (typeof entry !== 'object') continue
    const inner = first(entry, 'orderedItem')
    const product = isA(entry, 'OrderItem') && typeof inner === 'object' ? inner : entry
    const quantity = text(first(entry, 'orderQuantity'))
    const offer = first(product, 'offers')
    const price =
      text(first(entry, 'price')) ??
      text(first(product, 'price')) ??
      (typeof offer === 'object' ? text(first(offer, 'price')) : undefined)
    lines.push({
      ...header,
      ...productFields(product),
      ...(price !== undefined ? { price } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
    } as OrderLine)
  }
  // A one-item order may give only the order's own price and a name-less offer list.
  if (lines.length === 0) {
    const price = text(first(order, 'price'))
    const name = text(first(order, 'description', 'name'))
    if (name !== undefined)
      lines.push({ ...header, name, ...(price !== undefined ? { price } : {}) })
  }
  return lines
}
