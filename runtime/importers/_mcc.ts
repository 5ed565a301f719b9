/**
 * Merchant category codes (ISO 18245, the four digits card networks attach to a payment; OFX carries
 * them as `<SIC>`) mapped onto the transactions vocabulary. Ranges first, then single codes override.
 */
import type { TransactionCategory } from './categories.ts'

type Range = readonly [from: number, to: number, category: TransactionCategory]

// ISO 18245 groups (Visa/Mastercard merchant category code lists).
const RANGES: readonly Range[] = [
  [3000, 3299, 'travel'], // airlines
  [3351, 3441, 'travel'], // car rental
  [3501, 3999, 'travel'], // hotels
  [4000, 4799, 'transport'],
  [4800, 4899, 'utilities'],
  [4900, 4999, 'utilities'],
  [5000, 5999, 'shopping'],
  [6000, 6099, 'transfer'],
  [6300, 6399, 'insurance'],
  [7000, 7299, 'leisure'],
  [7500, 7549, 'transport'],
  [7800, 7999, 'leisure'],
  [8000, 8099, 'health'],
  [8200, 8299, 'education'],
  [9200, 9499, 'taxes'],
]

const CODES: Readonly<Record<number, TransactionCategory>> = {
  4511: 'travel',
  4722: 'travel',
  4411: 'travel',
  4812: 'phone',
  4814: 'phone',
  4816: 'internet',
  4899: 'subscriptions',
  5172: 'transport',
  5541: 'transport',
  5542: 'transport',
  5511: 'transport',
  5521: 'transport',
  5532: 'transport',
  5533: 'transport',
  5411: 'groceries',
  5422: 'groceries',
  5441: 'groceries',
  5451: 'groceries',
  5462: 'groceries',
  5499: 'groceries',
  5812: 'restaurants',
  5813: 'restaurants',
  5814: 'restaurants',
  5815: 'subscriptions',
  5816: 'subscriptions',
  5817: 'subscriptions',
  5818: 'subscriptions',
  5968: 'subscriptions',
  5122: 'health',
  5912: 'health',
  5975: 'health',
  5976: 'health',
  5977: 'beauty',
  7230: 'beauty',
  7297: 'beauty',
  7298: 'beauty',
  5039: 'home', // construction materials
  5072: 'home', // hardware equipment and supplies
  5198: 'home', // paints, varnishes and supplies
  5200: 'home',
  5211: 'home',
  5231: 'home',
  5251: 'home',
  5261: 'home',
  5712: 'home',
  5713: 'home',
  5714: 'home',
  5719: 'home',
  5722: 'home',
  5940: 'sports',
  5941: 'sports',
  7941: 'sports',
  7997: 'sports',
  7011: 'travel',
  7012: 'travel',
  7513: 'travel',
  7523: 'transport',
  6010: 'cash',
  6011: 'cash',
  6012: 'transfer',
  6051: 'transfer',
  4829: 'transfer',
  6513: 'rent',
  6540: 'transfer',
  8398: 'charity',
  8661: 'charity',
  8351: 'education',
  9311: 'taxes',
  9222: 'fees',
  // Codes whose range says the wrong thing (ISO 18245 descriptions).
  4582: 'travel', // airports, terminals
  7512: 'travel', // car rental
  7519: 'travel', // motor home rental
  4457: 'leisure', // boat rental
  5300: 'groceries', // wholesale clubs
  5811: 'restaurants', // caterers
  5921: 'groceries', // package stores: beer, wine, liquor
  5983: 'utilities', // fuel dealers: heating oil, coal
  5552: 'transport', // electric vehicle charging
  5571: 'transport', // motorcycle shops
  5599: 'transport', // automotive dealers, miscellaneous
  5655: 'sports', // sports and riding apparel
  5192: 'leisure', // books, periodicals, newspapers
  5733: 'leisure', // music stores
  5735: 'leisure', // record stores
  5960: 'insurance', // direct marketing of insurance
  6211: 'savings', // security brokers, dealers
  7210: 'home', // laundry, cleaning, garment services
  7211: 'home', // laundries
  7216: 'home', // dry cleaners
  7217: 'home', // carpet and upholstery cleaning
  7342: 'home', // exterminating
  7349: 'home', // cleaning and maintenance
  7273: 'subscriptions', // dating services
  7276: 'fees', // tax preparation
  7277: 'health', // counselling
  7992: 'sports', // public golf courses
  8041: 'health', // chiropractors
  8042: 'health', // optometrists
  8043: 'health', // opticians
  8049: 'health', // podiatrists
  8050: 'health', // nursing and personal care
  8244: 'education', // business and secretarial schools
  8249: 'education', // trade and vocational schools
  8641: 'charity', // civic, social, fraternal associations
  8651: 'charity', // political organisations
  8699: 'subscriptions', // membership organisations
  9223: 'fees', // bail and bond payments
}

/** The category of a merchant category code ('5411' → groceries), or undefined when unknown. */
export function categoryFromMcc(
  code: string | number | undefined,
): TransactionCategory | undefined {
  if (code === undefined) return undefined
  const text = String(code).trim()
  if (!/^\d{4}$/.test(text)) return undefined
  const n = Number(text)
  const exact = CODES[n]
  if (exact !== undefined) return exact
  for (const [from, to, category] of RANGES) if (n >= from && n <= to) return category
  return undefined
}
