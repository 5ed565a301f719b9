/**
 * ISO 8601 durations as manifests use them (`reads[].window`, `schedule.every`): whole-number
 * components only (`P3Y`, `P1Y6M`, `P2W`, `PT12H`), applied in UTC calendar arithmetic.
 */

/** The components of a parsed duration; absent components are 0. */
export interface Duration {
  readonly years: number
  readonly months: number
  readonly weeks: number
  readonly days: number
  readonly hours: number
  readonly minutes: number
  readonly seconds: number
}

const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Parses `text` (for example `P3Y`), or returns undefined when it is not a duration we accept. */
export function parseDuration(text: string): Duration | undefined {
  if (typeof text !== 'string' || text.length > 40) return undefined
  const m = DURATION.exec(text)
  if (!m) return undefined
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]))
  const d: Duration = {
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
  }
  // Keep the arithmetic exact: any component past 2^31 is a typo, not a window.
  if (!Object.values(d).every((v) => Number.isSafeInteger(v) && v <= 2 ** 31)) return undefined
  // A window longer than MAX_DURATION_YEARS would reach past the dates a Date can hold
  // (±275,760 years): `P300000Y` back from any now is not a time.
  return spanMs(d) <= MAX_DURATION_MS ? d : undefined
}

/** The longest duration accepted, in years (a window of all history is written without one). */
export const MAX_DURATION_YEARS = 1_000
const MAX_DURATION_MS = MAX_DURATION_YEARS * 366 * DAY

function spanMs(d: Duration): number {
  return (
    (d.years * 366 + d.months * 31 + d.weeks * 7 + d.days) * DAY +
    d.hours * HOUR +
    d.minutes * 60_000 +
    d.seconds * 1000
  )
}

function requireDuration(text: string, name: string): Duration {
  const d = parseDuration(text)
  if (!d) throw new RangeError(`${name} is not an ISO 8601 duration such as P3Y: ${String(text)}`)
  return d
}

/**
 * The start (ms since epoch, inclusive) of a window `text` back from `nowMs`, in UTC calendar
 * arithmetic: `windowStart('P1M', Date.UTC(2024, 2, 31))` is 2024-02-29 (day clamped to the month).
 */
export function windowStart(text: string, nowMs: number): number {
  const d = requireDuration(text, 'window')
  if (!Number.isFinite(nowMs)) throw new RangeError('nowMs must be a finite number')
  const now = new Date(nowMs)
  const totalMonths = now.getUTCFullYear() * 12 + now.getUTCMonth() - (d.years * 12 + d.months)
  const year = Math.floor(totalMonths / 12)
  const month = totalMonths - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const shifted = new Date(nowMs)
  shifted.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay))
  const fixed =
    (d.weeks * 7 + d.days) * DAY + d.hours * HOUR + d.minutes * 60_000 + d.seconds * 1000
  const start = shifted.getTime() - fixed
  // Only a `nowMs` at the very edge of the Date range gets here; refuse it rather than return NaN.
  if (!Number.isFinite(start))
    throw new RangeError(`window ${text} back from ${nowMs} is not a time`)
  return start
}

/**
 * The longest span `text` can cover, in ms (a year as 366 days, a month as 31): the conservative
 * length used to tell whether a new window is wider than an old one.
 */
export function durationMaxMs(text: string): number {
  return spanMs(requireDuration(text, 'duration'))
}
