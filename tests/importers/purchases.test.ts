/**
 * Purchases from the sources people have: Amazon's order history CSV, order confirmation e-mails
 * (schema.org Order / ParcelDelivery as JSON-LD or microdata, and plain receipts) in .eml and mbox,
 * and any shop's CSV with a column mapping; with size, brand and category read from the item in the
 * languages of our contracts. The exports here are synthetic files in the real formats (see
 * tests/fixtures/PROVENANCE-importers.md): no public sample with a licence exists.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain JavaScript module without types
import { toEuSize as toEuSizeUntyped } from '../../algorithms/shoe-size/index.js'
import {
  detectFormat,
  emlImporter,
  extractSize,
  importFile,
  ImportFormatError,
  mboxImporter,
  purchaseCategory,
  purchasesCsvImporter,
  sourceFromBytes,
} from '../../runtime/importers/index.ts'
import type { ImportedRecord } from '../../runtime/importers/index.ts'
import { readAllRecords, recordsOf, schemaErrors, textSource, thrown } from './_exports.ts'

const toEuSize = toEuSizeUntyped as (text: string) => number | undefined

const fixture = (rel: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${rel}`, import.meta.url)))

async function importAll(rel: string): Promise<ImportedRecord[]> {
  const out: ImportedRecord[] = []
  const name = rel.split('/').pop() ?? rel
  for await (const r of importFile(sourceFromBytes(name, fixture(rel)))) out.push(r)
  expect(schemaErrors(out)).toEqual([])
  return out
}

describe('sizes in the languages of our contracts', () => {
  const cases: [string, string | undefined][] = [
    ['Size 42', 'EU 42'],
    ['Size: 9', '9'],
    ['UK 8', 'UK 8'],
    ['EU 42 2/3', 'EU 42 2/3'],
    ['EU 42⅔', 'EU 42 2/3'],
    ['US 9.5 W', 'US W 9.5'],
    ["US Women's 8", 'US W 8'],
    ['US M 10', 'US 10'],
    ['Gr. 43', 'EU 43'],
    ['Größe 44,5', 'EU 44.5'],
    ['Schuhgröße 41', 'EU 41'],
    ['Taille : 42', 'EU 42'],
    ['Pointure 39 1/3', 'EU 39 1/3'],
    ['Talla 40', 'EU 40'],
    ['Número 38', 'EU 38'],
    ['maat 45', 'EU 45'],
    ['taglia 41', 'EU 41'],
    ['tamanho 37', 'EU 37'],
    ['43.5 EU', 'EU 43.5'],
    ['10 UK', 'UK 10'],
    ['Taille M', 'M'],
    ['Größe XL', 'XL'],
    ['taille 43-46', '43-46'],
    ['W32 L34', 'W32 L34'],
    ['Pegasus 41 Road Running Shoes', undefined],
  ]
  for (const [text, want] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => expect(extractSize(`Item, ${text}`)).toBe(want))
  }

  it('gives sizes the shoe-size module understands', () => {
    expect(toEuSize('UK 8')).toBe(42)
    expect(toEuSize(extractSize('Gr. 43') ?? '')).toBe(43)
    expect(toEuSize(extractSize('US 9.5 W') ?? '')).toBe(41)
    // Fractions of EU sizes as the importers write them: 42⅔ rounds up, 42⅓ down.
    expect(toEuSize(extractSize('Speedcross, EU 42 2/3') ?? '')).toBe(43)
    expect(toEuSize(extractSize('Adizero, EU 42⅓') ?? '')).toBe(42)
    expect(toEuSize(extractSize('Chaussures, pointure 44 2/3') ?? '')).toBe(45)
    expect(toEuSize(extractSize('Laufschuh, 43.5 EU') ?? '')).toBe(44)
  })
})

describe('item categories in seven languages', () => {
  const cases: [string, string][] = [
    ['Nike Pegasus 41 Running Shoes', 'footwear'],
    ['Chaussures de trail Speedcross', 'footwear'],
    ['Adidas Laufschuhe Herren', 'footwear'],
    ['Zapatillas de running', 'footwear'],
    ['Hardloopschoenen Cloudmonster', 'footwear'],
    ['Scarpe da corsa', 'footwear'],
    ['Sapatilhas de corrida', 'footwear'],
    ['Laufshirt Herren', 'apparel'],
    ['Anker USB-C Ladegerät', 'electronics'],
    ['Laufen lernen (Taschenbuch)', 'books'],
    ['Esterilla de yoga', 'sports'],
    ['Mystery thing', 'other'],
  ]
  for (const [item, want] of cases) {
    it(`files ${JSON.stringify(item)} under ${want}`, () =>
      expect(purchaseCategory(item)).toBe(want))
  }

  it("takes the retailer's own category first", () => {
    expect(purchaseCategory('Pegasus 41', 'Shoes')).toBe('footwear')
  })
})

describe('Amazon order history (Request my data: Retail.OrderHistory.1.csv)', () => {
  const rel = 'purchases/synthetic_amazon_Retail.OrderHistory.1.csv'

  it('is detected from its header and read line by line, cancelled lines skipped', async () => {
    expect(detectFormat(fixture(rel), 'Retail.OrderHistory.1.csv').format).toBe('purchases-csv')
    const rows = recordsOf(await importAll(rel), 'purchases')
    expect(rows).toHaveLength(7)
    expect(rows.map((r) => [r['category'], r['size'] ?? null, r['brand'] ?? null])).toEqual([
      ['footwear', 'EU 42.5', 'ASICS'],
      ['footwear', 'UK 8', 'Brooks'],
      ['apparel', 'M', 'Nike'],
      ['footwear', 'US W 9.5', 'HOKA'],
      ['electronics', null, 'Anker'],
      ['footwear', 'EU 42 2/3', 'Salomon'],
      ['books', null, null],
    ])
    expect(rows[0]).toMatchObject({
      orderedAt: Date.parse('2022-03-14T09:12:45Z'),
      merchant: 'Amazon.de',
      amount: 109.99,
      currency: 'EUR',
      quantity: 1,
      orderId: '302-1111111-1111111',
      source: 'purchases-csv:amazon-order-history',
    })
    // Total Owed is what was paid: a discount and two units are in it.
    expect(rows[1]).toMatchObject({ amount: 119.95 })
    expect(rows[2]).toMatchObject({ amount: 45.98, quantity: 2 })
    expect(rows[3]).toMatchObject({ currency: 'USD', merchant: 'Amazon.com' })
  })

  it('gives the same ids on re-import', async () => {
    const a = recordsOf(await importAll(rel), 'purchases').map((r) => r['id'])
    const b = recordsOf(await importAll(rel), 'purchases').map((r) => r['id'])
    expect(new Set(a).size).toBe(a.length)
    expect(b).toEqual(a)
  })
})

describe('any shop CSV with a column mapping', () => {
  it('reads the columns it is told, with a decimal comma and day-first dates', async () => {
    const csv =
      'Datum;Artikel;Marke;Preis;Menge\n05.02.2024;Laufschuhe Ultraboost, Gr. 43;Adidas;99,95;1\n'
    const rows = recordsOf(
      await readAllRecords(purchasesCsvImporter, textSource('shop.csv', csv), {
        columns: {
          orderedAt: 'Datum',
          item: 'Artikel',
          brand: 'Marke',
          unitPrice: 'Preis',
          quantity: 'Menge',
        },
        dateFormat: 'DD.MM.YYYY',
        decimal: ',',
        delimiter: ';',
        currency: 'EUR',
        merchant: 'Laufladen',
      }),
      'purchases',
    )
    expect(rows).toEqual([
      expect.objectContaining({
        orderedAt: Date.parse('2024-02-05T00:00:00Z'),
        merchant: 'Laufladen',
        category: 'footwear',
        brand: 'Adidas',
        size: 'EU 43',
        amount: 99.95,
        currency: 'EUR',
      }),
    ])
  })

  it('refuses an unknown header without a mapping, and a bad date naming the cell', async () => {
    expect(
      await thrown(() => readAllRecords(purchasesCsvImporter, textSource('x.csv', 'a,b\n1,2\n'))),
    ).toBeInstanceOf(ImportFormatError)
    const bad = await thrown(() =>
      readAllRecords(purchasesCsvImporter, textSource('s.csv', 'd,i,p\n2024-99-01,x,1\n'), {
        columns: { orderedAt: 'd', item: 'i', amount: 'p' },
        dateFormat: 'YYYY-MM-DD',
        currency: 'EUR',
      }),
    )
    expect(bad).toMatchObject({
      code: 'SEALPOST_IMPORT_MALFORMED',
      position: { line: 2, column: 1 },
    })
  })
})

describe('order confirmation e-mails', () => {
  it('reads schema.org Order JSON-LD in a quoted-printable HTML part (.eml, Spanish)', async () => {
    const bytes = fixture('purchases/synthetic_order_jsonld_es.eml')
    expect(detectFormat(bytes, 'pedido.eml')).toBe(emlImporter)
    const all = await importAll('purchases/synthetic_order_jsonld_es.eml')
    expect(recordsOf(all, 'messages')).toHaveLength(1)
    expect(recordsOf(all, 'purchases')).toEqual([
      expect.objectContaining({
        merchant: 'Corre Más Tienda',
        orderId: 'CM-2024-00817',
        orderedAt: Date.parse('2024-03-09T10:24:00+01:00'),
        item: 'Zapatillas de running Pegasus 41',
        brand: 'Nike',
        size: 'EU 42',
        category: 'footwear',
        amount: 129.9,
        currency: 'EUR',
        quantity: 1,
        source: 'order-email:markup',
      }),
      expect.objectContaining({ category: 'apparel', size: 'M', amount: 9.9, quantity: 2 }),
    ])
  })

  it('reads schema.org Order microdata (.eml, English)', async () => {
    const rows = recordsOf(
      await importAll('purchases/synthetic_order_microdata_en.eml'),
      'purchases',
    )
    expect(
      rows.map((r) => [
        r['item'],
        r['brand'] ?? null,
        r['size'] ?? null,
        r['amount'],
        r['currency'],
      ]),
    ).toEqual([
      ["Brooks Ghost 16 Men's Running Shoe, US 9.5", 'Brooks', 'US 9.5', 139.99, 'USD'],
      ['Running cap, one size', null, null, 24.99, 'USD'],
    ])
    expect(rows[0]).toMatchObject({ merchant: 'Trail & Road Outfitters', orderId: 'TR-558201' })
  })

  it('reads a ParcelDelivery and a plain French receipt in an mbox, and nothing from ordinary mail', async () => {
    const bytes = fixture('purchases/synthetic_orders.mbox')
    const all = await readAllRecords(mboxImporter, sourceFromBytes('orders.mbox', bytes))
    expect(schemaErrors(all)).toEqual([])
    expect(recordsOf(all, 'messages')).toHaveLength(3)
    const rows = recordsOf(all, 'purchases')
    expect(
      rows.map((r) => [
        r['merchant'],
        r['item'],
        r['size'],
        r['amount'],
        r['quantity'],
        r['source'],
      ]),
    ).toEqual([
      [
        'Loopwinkel Voorbeeld',
        'Hardloopschoenen Cloudmonster, maat 43',
        'EU 43',
        169.95,
        1,
        'order-email:markup',
      ],
      [
        'Boutique Course Exemple',
        'Chaussures de trail Speedcross, pointure 42 2/3',
        'EU 42 2/3',
        119,
        1,
        'order-email:receipt',
      ],
      [
        'Boutique Course Exemple',
        'Chaussettes de course, taille 43-46',
        '43-46',
        17.8,
        2,
        'order-email:receipt',
      ],
    ])
    expect(rows[0]).toMatchObject({
      brand: 'On',
      orderId: 'NL-77120',
      orderedAt: Date.parse('2024-06-18'),
    })
    expect(rows[1]).toMatchObject({ orderId: 'FR-4410', currency: 'EUR' })
  })

  it('finds no purchases in the real Gmail Takeout mbox (no order mail in it)', async () => {
    const all = await readAllRecords(
      mboxImporter,
      sourceFromBytes('gmail.mbox', fixture('messages/gmail_takeout_small.gmail.mbox')),
    )
    expect(recordsOf(all, 'messages')).toHaveLength(6)
    expect(recordsOf(all, 'purchases')).toEqual([])
  })
})
