// Northbridge Bank's loan pre-qualification: four coarse answers, enough for a one-click quote
// and nothing else. Net monthly income band (the median salary month, in euros), how many of the
// last 12 months had a salary, the band of spending against income over those months, and how
// many times an account went overdrawn in the last six months. Salary and spending sums run in
// the frame's kernels; only the overdraft count walks the balance column. Reads transactions
// .bookedAt, .amount, .category, .currency, .balance and .accountId of the last 13 months.

import { band, median, monthsBefore, monthStart } from 'sealpost/guest'
export { band, median, monthsBefore, monthStart } from 'sealpost/guest'

const MONTHS = 12
/** Categories that count as income. */
const INCOME = ['salary', 'income', 'pension']
/** Movements to the person's own savings are not spending. */
const NOT_SPENDING = [...INCOME, 'savings']
/** Lower bounds (EUR per month) of the income bands, highest first. */
const INCOME_BANDS = [
  [7500, '7500-plus'],
  [5000, '5000-7500'],
  [3500, '3500-5000'],
  [2500, '2500-3500'],
  [1500, '1500-2500'],
  [0, 'under-1500'],
]
/** Lower bounds of the spending-to-income bands, highest first. */
const RATIO_BANDS = [
  [0.9, '90-plus'],
  [0.7, '70-90'],
  [0.5, '50-70'],
  [0.3, '30-50'],
  [0, 'under-30'],
]

/** Overdraft count band: entries into a negative balance. */
export function overdraftBand(entries) {
  return entries === 0 ? 'none' : entries === 1 ? '1' : entries <= 3 ? '2-3' : '4-plus'
}

/**
 * Times an account's balance went below zero at or after `from`: a row with a negative balance
 * whose account's previous known balance was not negative (or unknown: the first row seen).
 */
export function overdraftEntries(times, balances, accounts, from) {
  const wasNegative = new Map()
  let entries = 0
  for (let i = 0; i < times.length; i++) {
    const b = balances[i]
    if (b !== b) continue
    const account = accounts ? accounts[i] : -1
    const negative = b < 0
    if (negative && wasNegative.get(account) !== true && times[i] >= from) entries++
    wasNegative.set(account, negative)
  }
  return entries
}

export function analyze(input) {
  const t = input.collections.transactions
  const perEur = input.params['eur-rates.json'].perEur
  const toEur = (amount, currency) =>
    Object.hasOwn(perEur, currency) ? amount / perEur[currency] : undefined

  // Income per complete month, by currency, in one group-sum each.
  let salaryMonths = 0
  let unconvertible = false
  const monthlyEur = []
  for (let k = MONTHS; k >= 1; k--) {
    const where = {
      from: monthStart(input.now, -k),
      to: monthStart(input.now, 1 - k),
      eq: { category: INCOME },
    }
    const byCurrency = t.groupSum('currency', 'amount', { where })
    let eur = 0
    let any = false
    for (const [currency, amount] of Object.entries(byCurrency)) {
      if (!(amount > 0)) continue
      any = true
      const e = toEur(amount, currency)
      if (e === undefined) unconvertible = true
      else eur += e
    }
    if (any) salaryMonths++
    if (eur > 0) monthlyEur.push(eur)
  }

  // Spending over the same 12 months, per currency: categories with money out, and the
  // uncategorised rest, converted to euros.
  const span = { from: monthStart(input.now, -MONTHS), to: monthStart(input.now, 0) }
  let spendingEur = 0
  for (const currency of Object.keys(t.groupSum('currency', null, { where: span }))) {
    if (!Object.hasOwn(perEur, currency)) continue
    const where = { ...span, eq: { currency } }
    const net = t.groupSum('category', 'amount', { where })
    let categorised = 0
    let out = 0
    for (const [category, v] of Object.entries(net)) {
      categorised += v
      if (!NOT_SPENDING.includes(category.toLowerCase()) && v < 0) out -= v
    }
    out += Math.max(0, categorised - t.sum('amount', where))
    spendingEur += toEur(out, currency)
  }
  const incomeEur = monthlyEur.reduce((a, b) => a + b, 0)

  const entries = overdraftEntries(
    t.num('bookedAt'),
    t.num('balance'),
    t.codes('accountId'),
    monthsBefore(input.now, 6),
  )
  return {
    monthlyIncomeBand:
      monthlyEur.length > 0
        ? band(median(monthlyEur), INCOME_BANDS)
        : unconvertible
          ? 'unknown'
          : 'none',
    salaryMonths,
    expenseRatioBand:
      incomeEur > 0
        ? band(spendingEur / incomeEur, RATIO_BANDS)
        : unconvertible
          ? 'unknown'
          : 'no-income',
    overdraftBand: overdraftBand(entries),
  }
}
