/**
 * iCalendar (RFC 5545) building blocks: unfolding physical lines into content lines, splitting
 * name;params:value, TEXT unescaping, and DATE / DATE-TIME values with UTC, TZID or floating time.
 */
import type { NumberedLine } from './_source.ts'

/** One logical content line (RFC 5545 §3.1) and the physical line it starts on. */
export interface ContentLine {
  readonly name: string
  readonly params: Readonly<Record<string, string>>
  readonly value: string
  readonly line: number
}

/** Joins folded lines: a line starting with a space or tab continues the previous one (§3.1). */
export async function* unfold(lines: AsyncIterable<NumberedLine>): AsyncGenerator<NumberedLine> {
  let current: { text: string; line: number } | undefined
  for await (const { text, line } of lines) {
    const first = text.charCodeAt(0)
    if ((first === 0x20 || first === 0x09) && current !== undefined) {
      current.text += text.slice(1)
      continue
    }
    if (current !== undefined) yield current
    current = { text, line }
  }
  if (current !== undefined) yield current
}

/** Splits `NAME;P1=a;P2="b:c":value`; undefined when there is no name or no ':'. */
export function parseContentLine(text: string, line: number): ContentLine | undefined {
  let inQuotes = false
  let colon = -1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') inQuotes = !inQuotes
    else if (c === ':' && !inQuotes) {
      colon = i
      break
    }
  }
  if (colon <= 0) return undefined
  const [rawName = '', ...rawParams] = splitOutsideQuotes(text.slice(0, colon), ';')
  const name = rawName.toUpperCase()
  if (!/^[A-Z0-9-]+$/.test(name)) return undefined
  const params: Record<string, string> = {}
  for (const p of rawParams) {
    const eq = p.indexOf('=')
    if (eq <= 0) return undefined
    params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '')
  }
  return { name, params, value: text.slice(colon + 1), line }
}

/** Unescapes a TEXT value: `\\n` newline, `\\;` `\\,` `\\\\` (§3.3.11). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

/**
 * A DATE or DATE-TIME value to ms since epoch: `...Z` is UTC, a TZID parameter names an IANA zone,
 * otherwise the time is floating and read in `floatingZone`. Undefined when malformed or the zone
 * is unknown to this platform's Intl.
 */
export function parseICalDate(
  value: string,
  tzid: string | undefined,
  floatingZone: string,
): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim())
  if (m === null) return undefined
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined
  const wall = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59))
  if (new Date(wall).getUTCDate() !== d) return undefined
  if (m[7] === 'Z') return wall
  const zone = tzid === undefined ? floatingZone : ianaZone(tzid)
  if (zone === undefined) return undefined
  return zonedWallTimeToUtc(wall, zone)
}

/** Maps a TZID to an IANA zone name Intl knows (drops Outlook/Mozilla-style prefixes), or undefined. */
export function ianaZone(tzid: string): string | undefined {
  const candidates = [
    tzid,
    tzid.replace(/^\/(?:[^/]+\/)*?(?=[A-Z][a-z]+\/)/, ''),
    tzid.replace(/^.*?([A-Z][a-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)$/, '$1'),
  ]
  for (const zone of candidates) if (zoneOffsetMs(0, zone) !== undefined) return zone
  return undefined
}

/** The UTC instant at which the clock in `zone` shows `wall` (wall time encoded as a UTC ms value). */
export function zonedWallTimeToUtc(wall: number, zone: string): number | undefined {
  const first = zoneOffsetMs(wall, zone)
  if (first === undefined) return undefined
  let t = wall - first
  // Around a DST change the offset at the guess may differ from the offset at the answer.
  const second = zoneOffsetMs(t, zone)
  if (second !== undefined && second !== first) t = wall - second
  return t
}

const formatters = new Map<string, Intl.DateTimeFormat | undefined>()

/** Offset of `zone` from UTC at instant `t`, in ms (positive east of Greenwich). */
function zoneOffsetMs(t: number, zone: string): number | undefined {
  let f = formatters.get(zone)
  if (!formatters.has(zone)) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      f = undefined
    }
    formatters.set(zone, f)
  }
  if (f === undefined) return undefined
  const parts: Record<string, number> = {}
  for (const p of f.formatToParts(new Date(t)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const asUtc = Date.UTC(
    parts['year'] ?? 0,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  )
  return asUtc - Math.floor(t / 1000) * 1000
}

function splitOutsideQuotes(s: string, separator: string): string[] {
  const out: string[] = []
  let inQuotes = false
  let start = 0
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') inQuotes = !inQuotes
    else if (s[i] === separator && !inQuotes) {
      out.push(s.slice(start, i))
      start = i + 1
    }
  }
  out.push(s.slice(start))
  return out
}
