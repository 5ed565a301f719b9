/**
 * FHIR R4 `date` / `dateTime` values, which may name a whole year or month ("2015", "2016-10").
 */

/** How precise `recordedAt` is: FHIR dates may be a year or a month only; `document` = the bundle's date. */
export type DatePrecision = 'year' | 'month' | 'day' | 'time' | 'document'

/**
 * A FHIR date or dateTime ("2015", "2016-10", "2015-10-10", "2015-10-10T09:15:00+01:00") as ms
 * since epoch at the start of the period it names (UTC when no zone), with its precision.
 */
export function parseFhirDate(text: string): { ms: number; precision: DatePrecision } | undefined {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(
      text.trim(),
    )
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m
  const month = mo === undefined ? 1 : Number(mo)
  const day = d === undefined ? 1 : Number(d)
  if (month < 1 || month > 12 || day < 1) return undefined
  const date = new Date(0)
  date.setUTCFullYear(Number(y), month - 1, day)
  if (date.getUTCDate() !== day) return undefined
  let ms = date.getTime()
  if (h !== undefined) {
    const hour = Number(h)
    const minute = Number(mi)
    const second = Number(s)
    if (hour > 23 || minute > 59 || second > 60) return undefined
    const offset =
      zone === 'Z'
        ? 0
        : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)))
    ms += ((hour * 60 + minute - offset) * 60 + Math.min(second, 59)) * 1000
    ms += frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000)
  }
  const precision: DatePrecision =
    h !== undefined ? 'time' : d !== undefined ? 'day' : mo !== undefined ? 'month' : 'year'
  return { ms, precision }
}
