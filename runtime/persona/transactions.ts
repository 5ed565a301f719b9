/**
 * The `transactions` collection: one current account with a monthly salary, rent and bills by
 * direct debit, groceries, cafés and other card payments, cash, transfers to friends and savings,
 * a monthly account fee, and overdraft interest in the months the balance dips below zero.
 */

import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  RecordEmitter,
  localDate,
  weekday,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { cents, fromEur } from './_money.ts'
import { Prng } from './_prng.ts'

/** Everyday card payments, cash and transfers per day at scale 1 (≈ 3,000 transactions in three years with the bills). */
export const TRANSACTIONS_PER_DAY = 2.4

/** Share of the money left after rent and bills that everyday spending takes, on average. */
const SPEND_SHARE = 0.72

interface Spend {
  readonly category: string
  readonly type: string
  readonly merchants: readonly string[]
  readonly eur: readonly [min: number, max: number]
  readonly hours: readonly [from: number, to: number]
}

const EVERYDAY: readonly (readonly [Spend, number])[] = [
  [
    {
      category: 'cafe',
      type: 'card',
      merchants: [
        'Starbucks',
        'Pret A Manger',
        'Costa Coffee',
        'Café Nero',
        'Blue Bottle Coffee',
        'Le Pain Quotidien',
        'Coffee Fellows',
      ],
      eur: [2.4, 7.5],
      hours: [7, 17],
    },
    30,
  ],
  [
    {
      category: 'groceries',
      type: 'card',
      merchants: [
        'Carrefour',
        'Lidl',
        'Aldi',
        'Tesco',
        'Monoprix',
        'Whole Foods',
        'Migros',
        'Albert Heijn',
      ],
      eur: [6, 95],
      hours: [8, 21],
    },
    25,
  ],
  [
    {
      category: 'transport',
      type: 'card',
      merchants: ['Metro ticket machine', 'Uber', 'Bolt', 'City Bike Share', 'Shell'],
      eur: [1.9, 38],
      hours: [6, 23],
    },
    14,
  ],
  [
    {
      category: 'restaurants',
      type: 'card',
      merchants: [
        'Sushi Shop',
        'Vapiano',
        'Five Guys',
        'Local Bistro',
        'Pizzeria Da Marco',
        'Thai Garden',
      ],
      eur: [11, 65],
      hours: [12, 22],
    },
    11,
  ],
  [
    {
      category: 'shopping',
      type: 'card',
      merchants: ['Amazon', 'Decathlon', 'Fnac', 'IKEA', 'Zalando', 'Uniqlo'],
      eur: [9, 140],
      hours: [9, 22],
    },
    7,
  ],
  [
    {
      category: 'health',
      type: 'card',
      merchants: ['Pharmacy', 'Dentist', 'Optician'],
      eur: [5, 90],
      hours: [9, 18],
    },
    2,
  ],
  [
    {
      category: 'leisure',
      type: 'card',
      merchants: ['Cinema', 'Museum shop', 'Concert tickets', 'Climbing gym'],
      eur: [8, 70],
      hours: [10, 22],
    },
    4,
  ],
  [
    {
      category: 'cash',
      type: 'atm',
      merchants: ['ATM withdrawal'],
      eur: [20, 100],
      hours: [8, 22],
    },
    3,
  ],
  [
    { category: 'transfer', type: 'transfer', merchants: ['Friend'], eur: [5, 60], hours: [9, 23] },
    4,
  ],
]

/** Monthly direct debits: day of month, counterparty, category, amount as a share of salary or in EUR. */
const BILLS: readonly (readonly [day: number, who: string, category: string, eur: number])[] = [
  [2, 'FitLife Gym', 'sports', 39],
  [3, 'Netflix', 'subscriptions', 13.49],
  [8, 'City Power & Gas', 'utilities', 0],
  [10, 'Safeguard Insurance', 'insurance', 27.5],
  [12, 'Mobile Telecom', 'phone', 19.99],
  [15, 'FibreNet', 'internet', 29.99],
  [19, 'Spotify', 'subscriptions', 10.99],
]

/** Mean net outflow of one everyday transaction in EUR (transfers are 60 % out, 40 % in). */
function meanEverydayEur(): number {
  let total = 0
  let weights = 0
  for (const [spend, w] of EVERYDAY) {
    const mid = (spend.eur[0] + spend.eur[1]) / 2
    total += w * (spend.category === 'transfer' ? 0.2 * mid : mid)
    weights += w
  }
  return total / weights
}

interface TravelPayment {
  readonly hour: number
  readonly fields: Record<string, string | number | undefined>
}

/** Tickets paid three to eight weeks before each trip, and the hotel paid on the way home, by day index. */
function travelPayments(ctx: PersonaContext): Map<number, TravelPayment[]> {
  const rng = new Prng(ctx.seed, 'transactions-travel')
  const first = ctx.dayStarts[0] ?? ctx.start
  const byDay = new Map<number, TravelPayment[]>()
  const put = (at: number, payment: TravelPayment): void => {
    const d = Math.floor((at - first) / DAY_MS)
    if (d < 0 || d >= ctx.dayStarts.length) return
    const list = byDay.get(d) ?? []
    list.push(payment)
    byDay.set(d, list)
  }
  const currency = ctx.profile.currency
  for (const trip of ctx.trips) {
    const km = trip.outbound.distanceKm
    const airline = `AIRLINE ${trip.outbound.carrier}`
    const fare = fromEur(
      currency,
      (km > 3000 ? rng.range(550, 1300) : rng.range(110, 340)) *
        (trip.outbound.cabin === 'economy' ? 1 : 2.5),
    )
    put(trip.outbound.departsAt - rng.int(21, 56) * DAY_MS, {
      hour: rng.int(19, 22),
      fields: {
        amount: -fare,
        description: `CARD ${airline} ${trip.bookingRef}`,
        counterparty: airline,
        category: 'travel',
        type: 'card',
      },
    })
    const nights = Math.max(
      1,
      Math.round((trip.inbound.departsAt - trip.outbound.arrivesAt) / DAY_MS),
    )
    const hotel = fromEur(currency, nights * rng.range(80, 190))
    put(trip.inbound.departsAt - 4 * HOUR_MS, {
      hour: 0,
      fields: {
        amount: -hotel,
        description: `CARD HOTEL ${trip.destination.city.toUpperCase()}`,
        counterparty: `Hotel ${trip.destination.city}`,
        category: 'travel',
        type: 'card',
      },
    })
  }
  return byDay
}

/** Yields transactions in booking order, with the running balance. */
export function* generateTransactions(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'transactions')
  const p = ctx.profile
  const currency = p.currency
  const emitter = new RecordEmitter(ctx, 'transactions', 'bookedAt')
  // Everyday amounts are sized so that, at scale 1, they eat SPEND_SHARE of what rent and bills
  // leave: the balance drifts up slowly, and trips or a bad month dip it into overdraft now and then.
  const billsEur = BILLS.reduce((sum, [, , , eur]) => sum + (eur > 0 ? eur : 70), 4.5)
  const disposable = p.monthlySalary - p.monthlyRent - fromEur(currency, billsEur)
  const meanEur = meanEverydayEur()
  const spendFactor =
    (SPEND_SHARE * disposable) / fromEur(currency, TRANSACTIONS_PER_DAY * 30.44 * meanEur)
  const landlord = rng.pick(['Foncia Gestion', 'Greystar Living', 'Vonovia', 'Citystate Lettings'])
  let balance = cents(p.monthlySalary * rng.range(0.8, 2))
  let checkNumber = rng.int(100, 400)
  let owedInterest = 0
  const drafts: (Draft & { fields: Record<string, string | number | undefined> })[] = []
  const add = (
    dayStart: number,
    hour: number,
    fields: Record<string, string | number | undefined>,
  ): void => {
    drafts.push({
      at: dayStart + hour * 60 * MINUTE_MS + rng.int(0, 59) * MINUTE_MS + rng.int(0, 59_999),
      fields,
    })
  }
  const travel = travelPayments(ctx)
  for (let d = 0; d < ctx.dayStarts.length; d++) {
    const dayStart = ctx.dayStarts[d] as number
    const { day, month, year } = localDate(ctx, dayStart)
    for (const pay of travel.get(d) ?? []) add(dayStart, pay.hour, pay.fields)
    const stamp = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`
    if (day === 25) {
      add(dayStart, 6, {
        amount: p.monthlySalary,
        description: `SALARY ${p.employer.toUpperCase()} ${year}-${String(month).padStart(2, '0')}`,
        counterparty: p.employer,
        category: 'salary',
        type: 'credit',
      })
    }
    if (day === 1) {
      const useCheck = p.city.country === 'US' && rng.chance(0.5)
      add(dayStart, 7, {
        amount: -p.monthlyRent,
        description: useCheck
          ? `CHECK ${checkNumber}`
          : `DIRECT DEBIT ${landlord.toUpperCase()} RENT`,
        counterparty: landlord,
        category: 'rent',
        type: useCheck ? 'check' : 'direct-debit',
        checkNumber: useCheck ? String(checkNumber++) : undefined,
      })
    }
    for (const [billDay, who, category, eur] of BILLS) {
      if (day !== billDay) continue
      // Energy bills follow the season; the others are flat.
      const winter = month <= 3 || month >= 11
      const amount =
        eur > 0
          ? fromEur(currency, eur)
          : fromEur(currency, (winter ? 95 : 45) * rng.range(0.85, 1.15))
      add(dayStart, 5, {
        amount: -amount,
        description: `DIRECT DEBIT ${who.toUpperCase()}`,
        counterparty: who,
        category,
        type: 'direct-debit',
      })
    }
    if (day === 28) {
      add(dayStart, 4, {
        amount: -fromEur(currency, 4.5),
        description: 'ACCOUNT MAINTENANCE FEE',
        counterparty: 'Bank',
        category: 'fees',
        type: 'fee',
      })
      if (owedInterest > 0.005) {
        add(dayStart, 4, {
          amount: -cents(owedInterest),
          description: 'OVERDRAFT INTEREST',
          counterparty: 'Bank',
          category: 'fees',
          type: 'fee',
        })
        owedInterest = 0
      }
    }
    if (day === 26 && balance > 1.6 * p.monthlySalary) {
      add(dayStart, 9, {
        amount: -cents(balance - 0.9 * p.monthlySalary),
        description: 'TRANSFER TO SAVINGS',
        counterparty: 'Savings account',
        category: 'savings',
        type: 'transfer',
      })
    }
    const weekend = weekday(ctx, dayStart) >= 5
    const n = rng.poisson(TRANSACTIONS_PER_DAY * ctx.scale * (weekend ? 1.15 : 0.94))
    for (let i = 0; i < n; i++) {
      const spend = rng.weighted(EVERYDAY)
      const merchant = rng.pick(spend.merchants)
      const friend = spend.category === 'transfer' ? rng.pick(p.friends) : undefined
      const incoming = friend !== undefined && rng.chance(0.4)
      // Spending tightens while the account is overdrawn.
      const tighten = balance < 0 && spend.category !== 'transfer' ? 0.6 : 1
      const raw = fromEur(currency, rng.range(spend.eur[0], spend.eur[1]) * spendFactor * tighten)
      const amount = spend.type === 'atm' ? Math.round(raw / 10) * 10 || 20 : raw
      const description =
        friend !== undefined
          ? `${incoming ? 'TRANSFER FROM' : 'TRANSFER TO'} ${friend.toUpperCase()}`
          : spend.type === 'atm'
            ? `ATM ${p.city.name.toUpperCase()} ${stamp}`
            : `CARD ${stamp} ${merchant.toUpperCase()} ${p.city.name.toUpperCase()}`
      add(dayStart, rng.int(spend.hours[0], spend.hours[1] - 1), {
        amount: incoming ? amount : -amount,
        description,
        counterparty: friend ?? merchant,
        category: spend.category,
        type: spend.type,
      })
    }
    drafts.sort((a, b) => a.at - b.at)
    for (const d of drafts) {
      balance = cents(balance + (d.fields['amount'] as number))
      d.fields['balance'] = balance
      d.fields['currency'] = currency
      d.fields['accountId'] = p.accountId
      d.fields['source'] = 'persona'
    }
    // Overdraft interest accrues daily on a negative end-of-day balance (about 12 % a year).
    if (balance < 0) owedInterest += (-balance * 0.12) / 365
    yield* emitter.flush(drafts)
  }
}
