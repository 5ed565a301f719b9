// Spending insights, for the person alone (mode `local`: nothing leaves the device). Per spending
// category, across all accounts: what went out in each of the last 12 complete calendar months,
// whether the last three months went up, down or stayed flat against the three before, and the
// largest changes. The scans run in the frame's native kernels (one group-sum and one sum per
// month); the module only does the arithmetic on a few dozen totals. Reads transactions.bookedAt,
// .amount, .category and .currency of the last 13 months.

import { completeMonths } from 'sealpost/guest'
export { civilFromMs, completeMonths, daysFromCivil } from 'sealpost/guest'

/** Complete calendar months shown. */
const MONTHS = 12
/** Trend: the last RECENT months against the RECENT before them. */
const RECENT = 3
/** A change of at most this share of the earlier three months is "flat". */
const FLAT_SHARE = 0.1
/** A change smaller than this, in whole currency units over three months, is "flat". */
const FLAT_UNITS = 10
/** Categories shown, largest first. */
const MAX_CATEGORIES = 30
const MAX_CHANGES = 3
/** Money moving in or to the person's own savings, not spending. */
const NOT_SPENDING = ['salary', 'income', 'pension', 'savings']
const UNCATEGORISED = 'uncategorised'

/**
 * The trend of a category: `{ trend, change, changePercent }` from its spending in the last three
 * months against the three before. Flat when the change is under FLAT_UNITS or at most 10 % of
 * the earlier months; changePercent is null when the earlier months spent nothing.
 */
export function trendOf(last, previous) {
  const change = last - previous
  const changePercent =
    previous > 0 ? Math.max(-100, Math.min(9999, Math.round((100 * change) / previous))) : null
  const flat = Math.abs(change) < FLAT_UNITS || Math.abs(change) <= FLAT_SHARE * previous
  return { trend: flat ? 'flat' : change > 0 ? 'up' : 'down', change, changePercent }
}

const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

/** The currency with the most transactions (ties by code), and the others, sorted. */
function pickCurrency(counts) {
  const codes = Object.keys(counts).sort(byName)
  let best = null
  for (const c of codes) if (best === null || counts[c] > counts[best]) best = c
  return { currency: best, others: codes.filter((c) => c !== best) }
}

export function analyze(input) {
  const t = input.collections.transactions
  const months = completeMonths(input.now, MONTHS)
  const span = { from: months[0].from, to: months[MONTHS - 1].to }
  const { currency, others } = pickCurrency(t.groupSum('currency', null, { where: span }))
  const result = {
    currency,
    otherCurrencies: others.slice(0, 10),
    months: months.map((m) => m.label),
    totalPerMonth: months.map(() => 0),
    categories: [],
    largestChanges: [],
  }
  if (currency === null) return result

  // Whole currency units spent per category per month: the negated net of its movements
  // (a refund lowers the month's spending; a month with more in than out counts 0).
  const spent = new Map()
  months.forEach((m, i) => {
    const where = { from: m.from, to: m.to, eq: { currency } }
    const net = t.groupSum('category', 'amount', { where })
    let categorised = 0
    for (const v of Object.values(net)) categorised += v
    net[UNCATEGORISED] = (net[UNCATEGORISED] || 0) + t.sum('amount', where) - categorised
    for (const [category, v] of Object.entries(net)) {
      if (NOT_SPENDING.includes(category.toLowerCase())) continue
      const units = Math.max(0, Math.round(-v))
      if (units === 0) continue
      if (!spent.has(category))
        spent.set(
          category,
          months.map(() => 0),
        )
      spent.get(category)[i] += units
    }
  })

  const rows = []
  for (const [category, monthly] of spent) {
    const total = monthly.reduce((a, b) => a + b, 0)
    const last = monthly.slice(MONTHS - RECENT).reduce((a, b) => a + b, 0)
    const previous = monthly.slice(MONTHS - 2 * RECENT, MONTHS - RECENT).reduce((a, b) => a + b, 0)
    rows.push({ category: category.slice(0, 60), monthly, total, ...trendOf(last, previous) })
  }
  rows.sort((a, b) => b.total - a.total || byName(a.category, b.category))
  for (const row of rows) row.monthly.forEach((v, i) => (result.totalPerMonth[i] += v))
  result.categories = rows.slice(0, MAX_CATEGORIES)
  result.largestChanges = result.categories
    .filter((r) => r.trend !== 'flat')
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || byName(a.category, b.category))
    .slice(0, MAX_CHANGES)
    .map((r) => ({ category: r.category, trend: r.trend, change: r.change }))
  return result
}
