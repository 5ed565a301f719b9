/**
 * Strict parsers for the values bank exports print: amounts with currency signs and thousands
 * separators, and dates in a declared day/month/year order. They return undefined on anything they
 * do not fully understand, so that callers can report the exact cell.
 */

/** Decimal mark of an amount column. */
export type DecimalMark = '.' | ','

const CURRENCY_SIGNS = /[$€£¥₣]|\b(?:CHF|EUR|USD|GBP|CAD|AUD)\b/g
const AMOUNT_SHAPE = /^[+-]?\d+(?:\.\d+)?$/

/**
 * Parses '1,036.47', '$57.27', "11'373.94", '-1.234,56', '(12.00)', '12.00-' to a number.
 * Thousands separators are the other mark, apostrophes (’ ') and spaces.
 */
export function parseAmount(text: string, decimal: DecimalMark = '.'): number | undefined {
  let s = text.replace(CURRENCY_SIGNS, '').replace(/[\s\u00a0\u202f'’]/g, '')
  let negative = false
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true
    s = s.slice(1, -1)
  }
  if (s.endsWith('-')) {
    negative = !negative
    s = s.slice(0, -1)
  }
  if (s.startsWith('-')) {
    negative = !negative
    s = s.slice(1)
  } else if (s.startsWith('+')) {
    s = s.slice(1)
  }
  const thousands = decimal === '.' ? ',' : '.'
  // Thousands separators only between groups of three digits: "1,2" with decimal '.' is refused.
  if (s.includes(thousands)) {
    const [whole = '', ...rest] = s.split(decimal)
    if (rest.length > 1 || !/^\d{1,3}(?:[.,]\d{3})+$/.test(whole)) return undefined
    s = whole.split(thousands).join('') + (rest.length > 0 ? `.${rest[0] ?? ''}` : '')
  } else if (decimal === ',') {
    s = s.replace(',', '.')
  }
  if (!AMOUNT_SHAPE.test(s)) return undefined
  const value = Number(s)
  return negative ? -value : value
}

/**
 * Parses a date with a pattern made of YYYY, YY, MM, M, DD, D, optionally followed by HH:mm or
 * HH:mm:ss, any other characters being literal separators ('DD.MM.YYYY', 'MM/DD/YYYY HH:mm').
 * The result is ms since epoch in UTC (bank exports give local calendar dates without a zone).
 */
export function parseDateWithPattern(text: string, pattern: string): number | undefined {
  const compiled = compilePattern(pattern)
  const m = compiled.regex.exec(text.trim())
  if (m === null) return undefined
  const get = (token: string): number | undefined => {
    const index = compiled.tokens.indexOf(token)
    return index < 0 ? undefined : Number(m[index + 1])
  }
  let year = get('YYYY') ?? get('YY')
  if (year === undefined) return undefined
  if (compiled.tokens.includes('YY')) year += year < 70 ? 2000 : 1900
  const month = get('MM') ?? get('M')
  const day = get('DD') ?? get('D')
  if (month === undefined || day === undefined) return undefined
  return utcTime(year, month, day, get('HH') ?? 0, get('mm') ?? 0, get('ss') ?? 0)
}

/** ms since epoch for a calendar date and time in UTC, or undefined when the date does not exist. */
export function utcTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  if (hour > 23 || minute > 59 || second > 60) return undefined
  const t = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms)
  // Date.UTC rolls 31 April over to 1 May: refuse dates that do not exist.
  const d = new Date(t)
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return undefined
  }
  return t
}

interface CompiledPattern {
  readonly regex: RegExp
  readonly tokens: readonly string[]
}

const TOKEN = /YYYY|YY|MM|M|DD|D|HH|mm|ss/g
const TOKEN_REGEX: Readonly<Record<string, string>> = {
  YYYY: '(\\d{4})',
  YY: '(\\d{2})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
}
const compiledPatterns = new Map<string, CompiledPattern>()

function compilePattern(pattern: string): CompiledPattern {
  const cached = compiledPatterns.get(pattern)
  if (cached !== undefined) return cached
  const tokens: string[] = []
  let source = '^'
  let last = 0
  for (const m of pattern.matchAll(TOKEN)) {
    source += escapeRegex(pattern.slice(last, m.index)) + (TOKEN_REGEX[m[0]] ?? '')
    tokens.push(m[0])
    last = m.index + m[0].length
  }
  source += `${escapeRegex(pattern.slice(last))}$`
  const compiled = { regex: new RegExp(source), tokens }
  compiledPatterns.set(pattern, compiled)
  return compiled
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
