/**
 * The parts of Internet mail the mbox importer needs: RFC 5322 header blocks and dates, RFC 2047
 * encoded words, RFC 2045 quoted-printable and base64, and RFC 2046 multipart bodies reduced to
 * their first text/plain part (else text/html with the tags stripped).
 */

/** A header block: lower-cased names to their unfolded, RFC 2047-decoded values (first wins). */
export type Headers = ReadonlyMap<string, string>

/** Why a message could not be read; the caller adds the position. */
export class MimeError extends Error {}

/** Decodes a raw header or line: UTF-8 when valid (RFC 6532), else Latin-1 byte for byte. */
export function bytesToText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    let out = ''
    for (const b of bytes) out += String.fromCharCode(b)
    return out
  }
}

/** Parses header lines (no terminators, no blank line) into a map; folded lines are joined (§2.2.3). */
export function parseHeaders(lines: readonly string[]): Headers {
  const headers = new Map<string, string>()
  let name: string | undefined
  let value = ''
  const flush = () => {
    if (name !== undefined && !headers.has(name))
      headers.set(name, decodeEncodedWords(value.trim()))
  }
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && name !== undefined) {
      value += ` ${line.trim()}`
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0 || /[\s]/.test(line.slice(0, colon))) {
      throw new MimeError(`not a header line: ${JSON.stringify(line.slice(0, 60))}`)
    }
    flush()
    name = line.slice(0, colon).toLowerCase()
    value = line.slice(colon + 1)
  }
  flush()
  return headers
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g

/** Decodes RFC 2047 encoded words; whitespace between two adjacent encoded words is dropped (§6.2). */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value
  const joined = value.replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
  return joined.replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
    try {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? decodeBase64(text)
          : decodeQuotedPrintable(text.replace(/_/g, ' '), true)
      return decodeCharset(bytes, charset.replace(/\*.*$/, '')) // drop an RFC 2231 language tag
    } catch {
      return word // a broken encoded word is shown as written
    }
  })
}

/** Bytes in a named charset; an unknown charset falls back to UTF-8 with replacement characters. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(charset === undefined || charset === '' ? 'utf-8' : charset.trim())
  } catch {
    decoder = new TextDecoder('utf-8')
  }
  return decoder.decode(bytes)
}

const BASE64_VALUE = (() => {
  const table = new Int16Array(128).fill(-1)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i
  return table
})()

/** RFC 2045 §6.8 base64; whitespace is ignored, any other stray character is an error. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s]/g, '').replace(/=+$/, '')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let bits = 0
  let buffer = 0
  let n = 0
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i)
    const v = c < 128 ? (BASE64_VALUE[c] ?? -1) : -1
    if (v < 0) throw new MimeError(`invalid base64 character ${JSON.stringify(clean[i])}`)
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (buffer >> bits) & 0xff
    }
  }
  return out.subarray(0, n)
}

/** RFC 2045 §6.7 quoted-printable (soft line breaks removed); `header` = the RFC 2047 Q variant. */
export function decodeQuotedPrintable(text: string, header = false): Uint8Array {
  const source = header ? text : text.replace(/=\r?\n/g, '')
  const out: number[] = []
  const encoder = new TextEncoder()
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] ?? ''
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      out.push(parseInt(source.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      const code = ch.charCodeAt(0)
      if (code < 0x80) out.push(code)
      else for (const b of encoder.encode(ch)) out.push(b)
    }
  }
  return Uint8Array.from(out)
}

/** A Content-Type value: lower-cased `type/subtype` and its parameters (quoted values unquoted). */
export function parseContentType(value: string | undefined): {
  type: string
  params: Map<string, string>
} {
  const params = new Map<string, string>()
  if (value === undefined) return { type: 'text/plain', params }
  const [type = '', ...rest] = value.split(';')
  const re = /\s*([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g
  for (const m of rest.join(';').matchAll(re)) {
    params.set(
      (m[1] ?? '').toLowerCase(),
      m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? ''),
    )
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params }
}

/** A MIME entity: its header block and its raw body lines. */
export interface Entity {
  readonly headers: Headers
  readonly body: readonly Uint8Array[]
}

/** Splits raw lines into a header block and a body at the first empty line. */
export function splitEntity(lines: readonly Uint8Array[]): Entity {
  let blank = lines.findIndex((l) => l.length === 0)
  if (blank < 0) blank = lines.length
  return {
    headers: parseHeaders(lines.slice(0, blank).map(bytesToText)),
    body: lines.slice(blank + 1),
  }
}

/** The readable text of an entity: the first text/plain part, else the first text/html as text. */
export function entityText(entity: Entity, depth = 0): string | undefined {
  return (
    findText(entity, 'text/plain', depth) ?? htmlToText(findText(entity, 'text/html', depth) ?? '')
  )
}

const MAX_MULTIPART_DEPTH = 10

function findText(entity: Entity, wanted: string, depth: number): string | undefined {
  const { type, params } = parseContentType(entity.headers.get('content-type'))
  if (type.startsWith('multipart/')) {
    if (depth >= MAX_MULTIPART_DEPTH) throw new MimeError('multipart nested too deep')
    const boundary = params.get('boundary')
    if (boundary === undefined || boundary === '')
      throw new MimeError('multipart body without a boundary')
    for (const part of splitMultipart(entity.body, boundary)) {
      const found = findText(splitEntity(part), wanted, depth + 1)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (type !== wanted) return undefined
  const disposition = entity.headers.get('content-disposition') ?? ''
  if (/^\s*attachment/i.test(disposition)) return undefined
  return decodeCharset(decodeBody(entity), params.get('charset'))
}

/** The body bytes after undoing its Content-Transfer-Encoding. */
export function decodeBody(entity: Entity): Uint8Array {
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase()
  if (encoding === 'base64') return decodeBase64(entity.body.map(bytesToAscii).join(''))
  if (encoding === 'quoted-printable')
    return decodeQuotedPrintable(entity.body.map(bytesToText).join('\n'))
  return joinLines(entity.body)
}

function bytesToAscii(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return s
}

function joinLines(lines: readonly Uint8Array[]): Uint8Array {
  const total = lines.reduce((n, l) => n + l.length + 1, 0)
  const out = new Uint8Array(Math.max(0, total - 1))
  let at = 0
  lines.forEach((l, i) => {
    out.set(l, at)
    at += l.length
    if (i < lines.length - 1) out[at++] = 10
  })
  return out
}

function* splitMultipart(body: readonly Uint8Array[], boundary: string): Generator<Uint8Array[]> {
  const open = `--${boundary}`
  const close = `--${boundary}--`
  let part: Uint8Array[] | undefined
  for (const line of body) {
    const text = line.length <= close.length + 8 ? bytesToAscii(line).trimEnd() : ''
    if (text === open || text === close) {
      if (part !== undefined) yield part
      part = text === close ? undefined : []
      if (text === close) return
      continue
    }
    part?.push(line) // lines before the first boundary are the preamble: ignored
  }
  if (part !== undefined) yield part // tolerate a missing closing boundary
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  eacute: 'é',
  Eacute: 'É',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
  euro: '€',
  copy: '©',
}

/** Plain text of an HTML body: scripts and styles dropped, tags removed, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|p|div|h\d|li|tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
      }
      return ENTITIES[name] ?? whole
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
// RFC 5322 §4.3 obsolete zone names; military letters are treated as +0000 as the RFC advises.
const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
}

function utc(
  year: number,
  month: number,
  day: number,
  h: number,
  mi: number,
  s: number,
  zone: string | undefined,
) {
  if (month < 0 || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return undefined
  const base = Date.UTC(year, month, day, h, mi, Math.min(s, 59))
  if (new Date(base).getUTCDate() !== day) return undefined
  let offset = 0
  if (zone !== undefined && /^[+-]\d{4}$/.test(zone)) {
    offset = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)))
  } else if (zone !== undefined) {
    offset = ZONES[zone.toUpperCase()] ?? 0
  }
  return base - offset * 60_000
}

/** RFC 5322 date-time ("Tue, 5 Aug 2008 01:00:12 -0700 (PDT)") to ms since epoch. */
export function parseMailDate(value: string): number | undefined {
  const m =
    /^\s*(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(
      value,
    )
  if (m === null) return undefined
  let year = Number(m[3])
  if ((m[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900
  else if ((m[3] ?? '').length === 3) year += 1900 // RFC 5322 §4.3
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase())
  return utc(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7])
}

/** The date of an mbox From_ line: asctime, optionally with a zone ("Tue Aug 05 08:00:23 +0000 2008"). */
export function parseFromLineDate(value: string): number | undefined {
  const m =
    /([A-Za-z]{3})\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([+-]\d{4}|[A-Z]{2,5})\s+)?(\d{4})\s*$/.exec(
      value,
    )
  if (m === null) return undefined
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase())
  return utc(Number(m[8]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7])
}

/** "Name <addr>", "addr (Name)" or "addr" → display name and address (either may be missing). */
export function parseMailbox(value: string): { name?: string; address?: string } {
  const angle = /^\s*(.*?)\s*<([^>]*)>/.exec(value)
  if (angle !== null) {
    const name = (angle[1] ?? '')
      .replace(/^"(.*)"$/, '$1')
      .replace(/\\(.)/g, '$1')
      .trim()
    const address = (angle[2] ?? '').trim()
    return { ...(name !== '' ? { name } : {}), ...(address !== '' ? { address } : {}) }
  }
  const paren = /^\s*([^\s(]+)\s*\(([^)]*)\)/.exec(value)
  if (paren !== null)
    return { address: paren[1] ?? '', ...(paren[2] ? { name: paren[2].trim() } : {}) }
  const bare = value.trim()
  return bare === '' ? {} : { address: bare }
}
