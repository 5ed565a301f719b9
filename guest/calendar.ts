/**
 * UTC calendar arithmetic for modules, which have no `Date`: civil dates, months and ISO weeks
 * from ms since epoch (H. Hinnant's days_from_civil / civil_from_days, proleptic Gregorian).
 *
 * ```js
 * import { monthKey, completeMonths } from 'sealpost/guest'
 * monthKey(input.now) // '2026-06'
 * completeMonths(input.now, 3) // [{ label: '2026-03', from, to }, …, { label: '2026-05', … }]
 * ```
 */

export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
export const WEEK_MS = 7 * DAY_MS

/** A UTC calendar date; `month` 1–12, `day` 1–31. */
export interface CivilDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** Days since 1970-01-01 of a UTC calendar date: `daysFromCivil(1970, 1, 2)` is 1. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** `{ year, month, day }` (UTC) of a time in ms since epoch. */
export function civilFromMs(ms: number): CivilDate {
  const z = Math.floor(ms / DAY_MS) + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** `'YYYY-MM-DD'` (UTC) of a time in ms since epoch. */
export function isoDate(ms: number): string {
  const { year, month, day } = civilFromMs(ms)
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

/** `'YYYY-MM'` (UTC) of a time in ms since epoch: a key to group by month. */
export function monthKey(ms: number): string {
  const { year, month } = civilFromMs(ms)
  return `${pad(year, 4)}-${pad(month)}`
}

/** Start (ms) of the UTC month `offset` months after the month of `ms` (negative = back). */
export function monthStart(ms: number, offset = 0): number {
  const { year, month } = civilFromMs(ms)
  const index = year * 12 + (month - 1) + offset
  const y = Math.floor(index / 12)
  return daysFromCivil(y, index - y * 12 + 1, 1) * DAY_MS
}

/** `ms` moved back `months` calendar months, the day clamped to the month's end (as `P6M` is). */
export function monthsBefore(ms: number, months: number): number {
  const { day } = civilFromMs(ms)
  const start = monthStart(ms, -months)
  const length = (monthStart(ms, 1 - months) - start) / DAY_MS
  const timeOfDay = ms - Math.floor(ms / DAY_MS) * DAY_MS
  return start + (Math.min(day, length) - 1) * DAY_MS + timeOfDay
}

/** One calendar period: its label and its span (from inclusive, to exclusive, ms since epoch). */
export interface Period {
  readonly label: string
  readonly from: number
  readonly to: number
}

/** The `count` complete UTC months before the month of `now`, oldest first. */
export function completeMonths(now: number, count: number): Period[] {
  const out: Period[] = []
  for (let k = count; k >= 1; k--) {
    const from = monthStart(now, -k)
    out.push({ label: monthKey(from), from, to: monthStart(now, 1 - k) })
  }
  return out
}

/** Start (ms) of the ISO week (Monday 00:00 UTC) that contains `ms`. */
export function weekStart(ms: number): number {
  const days = Math.floor(ms / DAY_MS)
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
  return (days - ((((days + 3) % 7) + 7) % 7)) * DAY_MS
}

/** `'YYYY-Www'`: the ISO 8601 week of `ms` (UTC), its year the year of the week's Thursday. */
export function isoWeek(ms: number): string {
  const monday = weekStart(ms)
  const thursday = monday + 3 * DAY_MS
  const year = civilFromMs(thursday).year
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1) * DAY_MS) / WEEK_MS) + 1
  return `${pad(year, 4)}-W${pad(week)}`
}

/** The `count` complete ISO weeks before the week of `now`, oldest first. */
export function completeWeeks(now: number, count: number): Period[] {
  const current = weekStart(now)
  const out: Period[] = []
  for (let k = count; k >= 1; k--) {
    const from = current - k * WEEK_MS
    out.push({ label: isoWeek(from), from, to: from + WEEK_MS })
  }
  return out
}
