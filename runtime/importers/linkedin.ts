/**
 * LinkedIn data export CSVs → `follows`, `posts` and `messages`, each recognised by its header row:
 *
 * - `Connections.csv` (`First Name,Last Name,URL,Email Address,Company,Position,Connected On`), after
 *   the "Notes:" lines LinkedIn writes above the header → `follows` (a connection is mutual; it is
 *   kept once, as an account the person follows, dated the day it was made);
 * - `Shares.csv` (`Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility`) → `posts`;
 * - `messages.csv` (`CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,…,DATE,SUBJECT,
 *   CONTENT,FOLDER`) → `messages`.
 *
 * Rows stream through the CSV parser; nothing is held but the header. E-mail addresses, companies
 * and positions of connections are other people's data and are not imported.
 */
import { csvRows } from './_csv_rows.ts'
import { StableIds } from './_id.ts'
import { clip, compact, parseIsoTime, sniffText } from './_json_export.ts'
import { messageRecord } from './_message_record.ts'
import { decodeText } from './_source.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'
import type { FollowRecord, PostRecord } from './x_archive.ts'

const FORMAT = 'linkedin'

/** How many rows may come before the header (the Connections notes take three). */
const MAX_PREAMBLE_ROWS = 20

type Kind = 'connections' | 'shares' | 'messages'

const HEADERS: readonly (readonly [Kind, readonly string[]])[] = [
  ['connections', ['first name', 'last name', 'connected on']],
  ['shares', ['date', 'sharelink', 'sharecommentary']],
  ['messages', ['conversation id', 'from', 'to', 'date', 'content']],
]

function kindOf(cells: readonly string[]): Kind | undefined {
  const lower = cells.map((c) => c.trim().toLowerCase())
  return HEADERS.find(([, needed]) => needed.every((n) => lower.includes(n)))?.[0]
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * A LinkedIn export date as ms since epoch (UTC): "30 May 2024" (Connected On), "2024-05-28
 * 20:38:09 UTC" (messages), "2019-05-21 16:44:50" (Shares); undefined when it is none of these.
 */
export function parseLinkedInDate(text: string): number | undefined {
  const t = text.trim()
  const m = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/.exec(t)
  if (m !== null) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase())
    const day = Number(m[1])
    const ms = Date.UTC(Number(m[3]), month, day)
    return month < 0 || new Date(ms).getUTCDate() !== day ? undefined : ms
  }
  return parseIsoTime(t.replace(/ UTC$/, 'Z'))
}

/** LinkedIn `Connections.csv`, `Shares.csv`, `messages.csv`. Option `me`: your name, sets `fromMe`. */
export const linkedinImporter: Importer = {
  format: FORMAT,
  description: 'LinkedIn data export Connections.csv, Shares.csv, messages.csv',
  sniff(head) {
    const lines = sniffText(head).split(/\r?\n/, MAX_PREAMBLE_ROWS + 5)
    for (const line of lines) {
      if (line.length > 400) continue
      if (kindOf(line.replace(/"/g, '').split(',')) !== undefined) return 90
    }
    return 0
  },
  read(source, options) {
    return readLinkedIn(source, options ?? {})
  },
}

async function* readLinkedIn(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const me = options['me']
  if (me !== undefined && typeof me !== 'string') throw new TypeError('options.me must be a string')
  const ids = new StableIds(FORMAT)
  let header: string[] | undefined
  let kind: Kind | undefined
  let rows = 0
  for await (const row of csvRows(decodeText(source, FORMAT), FORMAT, ',')) {
    if (kind === undefined || header === undefined) {
      kind = kindOf(row.fields)
      if (kind !== undefined) header = row.fields.map((f) => f.trim().toLowerCase())
      else if (++rows >= MAX_PREAMBLE_ROWS) break
      continue
    }
    const h = header
    const cell = (name: string): string | undefined => {
      const i = h.indexOf(name)
      const v = i < 0 ? undefined : row.fields[i]?.trim()
      return v === undefined || v === '' ? undefined : v
    }
    const date = (name: string): number => {
      const raw = cell(name)
      const t = raw === undefined ? undefined : parseLinkedInDate(raw)
      if (t === undefined)
        throw new ImportFormatError(
          FORMAT,
          `${name} is not a date LinkedIn writes: ${JSON.stringify(raw ?? '')}`,
          { line: row.line },
        )
      return t
    }
    if (kind === 'connections') {
      const url = cell('url')
      const name = [cell('first name'), cell('last name')].filter((s) => s !== undefined).join(' ')
      // A connection who hides their profile from exports leaves only the date: nothing to keep.
      if (url === undefined && name === '') continue
      const slug = /\/in\/([^/?#]+)/.exec(url ?? '')?.[1]
      yield {
        collection: 'follows',
        record: compact<FollowRecord>({
          id: ids.next(['connection', url ?? name]),
          followedAt: date('connected on'),
          approximate: false,
          platform: 'linkedin',
          direction: 'following',
          account: clip(slug === undefined ? name : safeDecode(slug), 200),
          accountName: clip(name === '' ? undefined : name, 200),
          source: FORMAT,
          accountUrl: clip(url, 2000),
        }),
      }
    } else if (kind === 'shares') {
      const postedAt = date('date')
      const link = cell('sharelink')
      const commentary = unwrapQuotedLines(cell('sharecommentary'))
      const shared = cell('sharedurl')
      const body = commentary ?? shared ?? ''
      yield {
        collection: 'posts',
        record: compact<PostRecord>({
          id: ids.next(link !== undefined ? [link] : [postedAt, body]),
          postedAt,
          platform: 'linkedin',
          kind: commentary === undefined && shared !== undefined ? 'repost' : 'post',
          text: clip(body, 10_000),
          source: FORMAT,
          url: clip(link, 2000),
          mediaCount: cell('mediaurl') === undefined ? 0 : 1,
        }),
      }
    } else {
      if (/^(yes|true)$/i.test(cell('is message draft') ?? '')) continue
      const sentAt = date('date')
      const sender = cell('from')
      const to = cell('to')
      const people = [...new Set([sender, ...(to ?? '').split(',')].map((p) => p?.trim() ?? ''))]
        .filter((p) => p !== '')
        .sort()
      const conversation = cell('conversation title') ?? (people.join(', ') || 'LinkedIn')
      const text = cell('content') ?? ''
      yield {
        collection: 'messages',
        record: messageRecord({
          source: FORMAT,
          id: ids.next([cell('conversation id'), sentAt, sender, text]),
          sentAt,
          platform: 'linkedin',
          conversation,
          kind: 'message',
          text,
          sender,
          fromMe: me === undefined || sender === undefined ? undefined : sender === me,
          subject: cell('subject'),
          recipients: to,
          labels: cell('folder'),
        }),
      }
    }
  }
  if (kind === undefined)
    throw new ImportFormatError(
      FORMAT,
      `no Connections, Shares or messages header in the first ${MAX_PREAMBLE_ROWS} rows`,
    )
}

/**
 * LinkedIn writes a multi-line `ShareCommentary` with every line but the first opened by a quote and
 * every line but the last closed by one, inside the CSV field (`first"` / `"middle"` / `"last`, an
 * empty line as `""`): seen in real exports. Such text gets its lines back; any other text (one
 * line, or lines that are not all wrapped so) is returned as it is.
 */
export function unwrapQuotedLines(text: string | undefined): string | undefined {
  if (text === undefined || !text.includes('"\n"')) return text
  const lines = text.split('\n')
  const last = lines.length - 1
  const wrapped = lines.every(
    (line, i) =>
      (i === 0 || line.startsWith('"')) &&
      (i === last || line.endsWith('"')) &&
      (i === 0 || i === last || line.length >= 2),
  )
  if (!wrapped) return text
  const out = lines.map((line, i) => line.slice(i === 0 ? 0 : 1, i === last ? undefined : -1))
  return out.join('\n').trim() || undefined
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
