/**
 * The `purchases` collection: running shoes every six to nine months in the persona's true size,
 * printed in mixed systems ('EU 42', 'US 9', 'UK 8'), other footwear now and then (an occasional
 * gift in someone else's size), and everyday shopping: apparel, groceries, electronics, books, coffee.
 */

import {
  DAY_MS,
  MINUTE_MS,
  RecordEmitter,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { cents, shopPrice } from './_money.ts'
import { Prng } from './_prng.ts'
import { shoeSizeOf, type ShoeSize } from './profile.ts'

/** Everyday purchases per day at scale 1 (≈ 300 purchases in three years with the shoes). */
export const PURCHASES_PER_DAY = 0.26
/** Share of non-running footwear bought as a gift, in another person's size. */
export const GIFT_SHARE = 0.12

const RUNNING_SHOES: readonly (readonly [brand: string, model: string])[] = [
  ['Brooks', 'Ghost 15'],
  ['Brooks', 'Glycerin 20'],
  ['Asics', 'Gel-Nimbus 25'],
  ['Asics', 'Gel-Kayano 30'],
  ['Nike', 'Pegasus 40'],
  ['Hoka', 'Clifton 9'],
  ['Saucony', 'Ride 16'],
  ['New Balance', 'Fresh Foam 1080v13'],
  ['Adidas', 'Adizero Boston 12'],
  ['On', 'Cloudmonster'],
]
const SHOE_SHOPS = [
  'StrideWear',
  'Zalando',
  'Foot Locker',
  'Decathlon',
  'Runners Point',
  'SportsShoes',
]

interface Line {
  readonly category: string
  readonly merchants: readonly string[]
  readonly items: readonly (readonly [item: string, brand: string | undefined])[]
  readonly price: readonly [minEur: number, maxEur: number]
  readonly sizes?: readonly string[]
}

const EVERYDAY: readonly (readonly [Line, number])[] = [
  [
    {
      category: 'groceries',
      merchants: ['FreshCart', 'Ocado', 'Carrefour Drive', 'Picnic'],
      items: [
        ['Weekly grocery order', undefined],
        ['Fruit and vegetable box', undefined],
        ['Pantry restock', undefined],
      ],
      price: [35, 140],
    },
    30,
  ],
  [
    {
      category: 'apparel',
      merchants: ['Uniqlo', 'Zara', 'H&M', 'Decathlon', 'COS'],
      items: [
        ['Merino T-shirt', 'Uniqlo'],
        ['Running tights', 'Kalenji'],
        ['Rain jacket', 'Patagonia'],
        ['Chino trousers', 'COS'],
        ['Wool jumper', 'Zara'],
        ['Running socks (3 pairs)', 'Balega'],
      ],
      price: [12, 160],
      sizes: ['S', 'M', 'M', 'L', 'XL'],
    },
    16,
  ],
  [
    {
      category: 'books',
      merchants: ['Bookshop.org', 'Amazon', 'Fnac'],
      items: [
        ['Born to Run (paperback)', undefined],
        ['The Overstory (paperback)', undefined],
        ['Project Hail Mary (hardcover)', undefined],
        ['A city travel guide', 'Lonely Planet'],
        ['Cookbook: Simple', undefined],
      ],
      price: [8, 35],
    },
    12,
  ],
  [
    {
      category: 'coffee',
      merchants: ['Nespresso', 'Origin Coffee', 'Lomi', 'Amazon'],
      items: [
        ['Espresso capsules x50', 'Nespresso'],
        ['Single-origin beans 1 kg', undefined],
        ['Decaf beans 250 g', undefined],
        ['Paper filters x100', 'Hario'],
      ],
      price: [9, 45],
    },
    12,
  ],
  [
    {
      category: 'electronics',
      merchants: ['Amazon', 'Apple', 'Fnac', 'MediaMarkt', 'Best Buy'],
      items: [
        ['USB-C charger 65 W', 'Anker'],
        ['Wireless earbuds', 'Sony'],
        ['GPS running watch', 'Garmin'],
        ['E-reader', 'Kobo'],
        ['Phone case', 'Spigen'],
        ['Bike light set', 'Lezyne'],
      ],
      price: [15, 420],
    },
    8,
  ],
  [
    {
      category: 'home',
      merchants: ['IKEA', 'Amazon', 'Maisons du Monde'],
      items: [
        ['Desk lamp', 'IKEA'],
        ['Bath towels (set of 4)', undefined],
        ['Cast iron pan', 'Lodge'],
        ['Houseplant', undefined],
      ],
      price: [10, 180],
    },
    8,
  ],
  [
    {
      category: 'beauty',
      merchants: ['Sephora', 'Boots', 'Douglas'],
      items: [
        ['Sunscreen SPF 50', 'La Roche-Posay'],
        ['Shampoo', undefined],
        ['Lip balm', 'Nuxe'],
      ],
      price: [6, 45],
    },
    6,
  ],
  [
    {
      category: 'sports',
      merchants: ['Decathlon', 'StrideWear', 'Wiggle'],
      items: [
        ['Water bottle 750 ml', 'Camelbak'],
        ['Energy gels x12', 'Maurten'],
        ['Yoga mat', 'Manduka'],
        ['Swim goggles', 'Speedo'],
        ['Bike inner tubes x2', 'Schwalbe'],
      ],
      price: [8, 90],
    },
    6,
  ],
]

const OTHER_FOOTWEAR: readonly (readonly [item: string, brand: string])[] = [
  ['Canvas sneakers', 'Veja'],
  ['Leather Chelsea boots', 'Blundstone'],
  ['Hiking boots', 'Salomon'],
  ['Slide sandals', 'Birkenstock'],
  ['Court sneakers', 'Adidas'],
  ['Loafers', 'Clarks'],
]

/** A size label in a system picked like receipts print them (EU shops mostly EU, US shops US). */
function sizeLabel(rng: Prng, size: ShoeSize, country: string): string {
  const usShop = country === 'US' || country === 'CA'
  const system = rng.weighted([
    ['eu', usShop ? 15 : 50],
    ['us', usShop ? 65 : 30],
    ['uk', 20],
  ] as const)
  return size.labels[system]
}

/** Someone else's size for a gift: at least 1.5 UK sizes away from the persona's. */
function giftSize(rng: Prng, own: ShoeSize): ShoeSize {
  for (;;) {
    const uk = rng.int(4, 24) / 2
    if (Math.abs(uk - own.uk) >= 1.5) return shoeSizeOf(uk, rng.chance(0.5) ? 'female' : 'male')
  }
}

/** Yields purchases in time order. */
export function* generatePurchases(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'purchases')
  const p = ctx.profile
  const emitter = new RecordEmitter(ctx, 'purchases', 'orderedAt')
  const currency = p.currency
  let nextRunningShoe = ctx.start + rng.int(0, 120) * DAY_MS
  let order = rng.int(100_000, 900_000)
  const apparelSize =
    p.heightCm < 165 ? 'S' : p.heightCm < 178 ? 'M' : p.heightCm < 188 ? 'L' : 'XL'
  const drafts: Draft[] = []
  const at = (dayStart: number): number =>
    dayStart + rng.int(7 * 60, 23 * 60) * MINUTE_MS + rng.int(0, 59_999)
  const base = (merchant: string): Record<string, string | number> => ({
    merchant,
    currency,
    quantity: 1,
    orderId: `${merchant.slice(0, 3).toUpperCase()}-${order++}`,
    source: 'persona',
  })
  for (const dayStart of ctx.dayStarts) {
    if (dayStart >= nextRunningShoe) {
      const [brand, model] = rng.pick(RUNNING_SHOES)
      drafts.push({
        at: at(dayStart),
        fields: {
          ...base(rng.pick(SHOE_SHOPS)),
          category: 'footwear',
          brand,
          item: `${brand} ${model} running shoe`,
          size: sizeLabel(rng, p.shoeSize, p.city.country),
          amount: shopPrice(rng, currency, 110, 180),
        },
      })
      nextRunningShoe = dayStart + rng.int(180, 270) * DAY_MS
    }
    // Other footwear: about three pairs a year.
    const shoes = rng.poisson((3 / 365.25) * ctx.scale)
    for (let i = 0; i < shoes; i++) {
      const [item, brand] = rng.pick(OTHER_FOOTWEAR)
      const gift = rng.chance(GIFT_SHARE)
      const size = gift ? giftSize(rng, p.shoeSize) : p.shoeSize
      drafts.push({
        at: at(dayStart),
        fields: {
          ...base(rng.pick(SHOE_SHOPS)),
          category: 'footwear',
          brand,
          item: gift ? `${item} (gift)` : item,
          size: sizeLabel(rng, size, p.city.country),
          amount: shopPrice(rng, currency, 45, 190),
        },
      })
    }
    const n = rng.poisson(PURCHASES_PER_DAY * ctx.scale)
    for (let i = 0; i < n; i++) {
      const line = rng.weighted(EVERYDAY)
      const [item, brand] = rng.pick(line.items)
      const quantity = line.category === 'coffee' && rng.chance(0.3) ? 2 : 1
      drafts.push({
        at: at(dayStart),
        fields: {
          ...base(rng.pick(line.merchants)),
          category: line.category,
          brand,
          item,
          size:
            line.sizes === undefined
              ? undefined
              : rng.chance(0.85)
                ? apparelSize
                : rng.pick(line.sizes),
          amount: cents(shopPrice(rng, currency, line.price[0], line.price[1]) * quantity),
          quantity,
        },
      })
    }
    yield* emitter.flush(drafts)
  }
}
