/**
 * X (Twitter) archive data files → `posts` and `follows`. Each file is JavaScript of the form
 * `window.YTD.<name>.part0 = [ ... ]`; the prefix is stripped and the rest parsed as JSON.
 * `tweets.js` (also `tweet.js`, `tweets-part1.js`) gives posts; `following.js` and `follower.js`
 * give follows. Numbers arrive as strings and are converted.
 */
import { StableIds } from './_id.ts'
import {
  clip,
  compact,
  FieldReader,
  isObject,
  maxBytesOption,
  parseIsoTime,
  parseJsonText,
  readDocumentText,
  sniffText,
  type JsonObject,
} from './_json_export.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'x-archive'

const PREFIX = /^\s*window\.YTD\.([A-Za-z_]\w*)\.part\d+\s*=\s*/

/** One `posts` record. */
export type PostRecord = {
  id: string
  postedAt: number
  platform: string
  kind: 'post' | 'reply' | 'repost'
  text: string
  source: string
  postId?: string
  url?: string
  lang?: string
  likes?: number
  reposts?: number
  replyTo?: string
  mentions?: string
  hashtags?: string
  mediaCount?: number
}

/** One `follows` record. The archive gives no follow date: `followedAt` is the export time, approximate. */
export type FollowRecord = {
  id: string
  followedAt: number
  approximate: boolean
  platform: string
  direction: 'following' | 'follower'
  account: string
  source: string
  accountUrl?: string
}

/**
 * X/Twitter archive `data/*.js` files: tweets, following, follower. Option `exportedAt` (ms since
 * epoch or ISO text; default: now) dates the follows, which the archive leaves undated.
 */
export const xArchiveImporter: Importer = {
  format: FORMAT,
  description: 'X (Twitter) archive data files: tweets.js, following.js, follower.js',
  sniff(head) {
    const m = PREFIX.exec(sniffText(head).slice(0, 200))
    if (m === null) return 0
    return ['tweets', 'tweet', 'following', 'follower'].includes(m[1] ?? '') ? 95 : 40
  },
  read(source, options) {
    return readXArchive(source, options)
  },
}

async function* readXArchive(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const text = (await readDocumentText(source, FORMAT, maxBytesOption(options))).replace(
    /^\uFEFF/,
    '',
  )
  const m = PREFIX.exec(text)
  if (m === null)
    throw new ImportFormatError(FORMAT, 'expected "window.YTD.<name>.part0 = [...]"', {
      line: 1,
      column: 1,
    })
  const name = m[1] ?? ''
  const list = parseJsonText(text.slice(m[0].length), FORMAT, m[0].length)
  if (!Array.isArray(list)) throw new ImportFormatError(FORMAT, `window.YTD.${name} must be a list`)
  const ids = new StableIds(FORMAT)
  const exportedAt = exportedAtOption(options?.['exportedAt'])
  if (name === 'tweets' || name === 'tweet') {
    for (let i = 0; i < list.length; i++) {
      yield {
        collection: 'posts',
        record: tweet(new FieldReader(FORMAT, i + 1, `tweets[${i}]`), list[i], ids),
      }
    }
  } else if (name === 'following' || name === 'follower') {
    for (let i = 0; i < list.length; i++) {
      const r = new FieldReader(FORMAT, i + 1, `${name}[${i}]`)
      yield { collection: 'follows', record: follow(r, list[i], name, ids, exportedAt) }
    }
  } else {
    throw new ImportFormatError(
      FORMAT,
      `window.YTD.${name} is not a file this importer reads (tweets, following, follower)`,
    )
  }
}

function exportedAtOption(value: unknown): number {
  if (value === undefined) return Date.now()
  const t = typeof value === 'string' ? parseIsoTime(value) : value
  if (typeof t !== 'number' || !Number.isSafeInteger(t)) {
    throw new TypeError('options.exportedAt must be ms since epoch or an ISO 8601 time')
  }
  return t
}

/** The archive's `created_at`: "Sat Sep 10 01:52:13 +0000 2022". */
export function parseTwitterDate(text: string): number | undefined {
  const m =
    /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(
      text,
    )
  if (m === null) return undefined
  const month = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ].indexOf(m[1] ?? '')
  const day = Number(m[2])
  const t = Date.UTC(Number(m[9]), month, day, Number(m[3]), Number(m[4]), Number(m[5]))
  if (
    month < 0 ||
    new Date(t).getUTCDate() !== day ||
    Number(m[3]) > 23 ||
    Number(m[4]) > 59 ||
    Number(m[5]) > 59
  ) {
    return undefined
  }
  const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]))
  return t - offset * 60_000
}

/** The archive escapes &, < and > in tweet text as HTML does. */
function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

function tweet(r: FieldReader, entry: unknown, ids: StableIds): PostRecord {
  if (!isObject(entry)) throw r.fail('must be an object')
  const t = r.optObject(entry, 'tweet') ?? entry
  const created = r.string(t, 'created_at')
  const postedAt = parseTwitterDate(created)
  if (postedAt === undefined)
    throw r.fail(
      `created_at is not a date like "Sat Sep 10 01:52:13 +0000 2022": ${JSON.stringify(created)}`,
    )
  const text = unescapeHtml(r.optString(t, 'full_text') ?? r.string(t, 'text'))
  const postId = r.optString(t, 'id_str') ?? r.optString(t, 'id')
  const replyTo = r.optString(t, 'in_reply_to_screen_name')
  const entities = r.optObject(t, 'entities') ?? {}
  const extended = r.optObject(t, 'extended_entities') ?? {}
  const mentions = names(r, entities, 'user_mentions', 'screen_name')
  const hashtags = names(r, entities, 'hashtags', 'text')
  // extended_entities lists every attachment; entities only the first one, when there is no other.
  const media = r.array(extended, 'media').length || r.array(entities, 'media').length
  const kind =
    r.optObject(t, 'retweeted_status') !== undefined || text.startsWith('RT @')
      ? 'repost'
      : r.optString(t, 'in_reply_to_status_id_str') !== undefined || replyTo !== undefined
        ? 'reply'
        : 'post'
  return compact<PostRecord>({
    id: ids.next(postId !== undefined ? [postId] : [postedAt, text]),
    postedAt,
    platform: 'x',
    kind,
    text: clip(text, 10_000),
    source: FORMAT,
    postId: clip(postId, 200),
    url: postId === undefined ? undefined : `https://x.com/i/web/status/${postId}`,
    lang: clip(r.optString(t, 'lang'), 20),
    likes: count(r, t, 'favorite_count'),
    reposts: count(r, t, 'retweet_count'),
    replyTo: clip(replyTo, 200),
    mentions: clip(mentions, 2000),
    hashtags: clip(hashtags, 2000),
    mediaCount: media,
  })
}

function count(r: FieldReader, t: JsonObject, key: string): number | undefined {
  const n = r.optNumber(t, key)
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw r.fail(`${key} must be a count`)
  return n
}

function names(
  r: FieldReader,
  entities: JsonObject,
  key: string,
  field: string,
): string | undefined {
  const list = r
    .array(entities, key)
    .filter(isObject)
    .map((e) => r.optString(e, field))
    .filter((n): n is string => n !== undefined)
  return list.length > 0 ? list.join(' ') : undefined
}

function follow(
  r: FieldReader,
  entry: unknown,
  direction: 'following' | 'follower',
  ids: StableIds,
  exportedAt: number,
): FollowRecord {
  if (!isObject(entry)) throw r.fail('must be an object')
  const inner = r.optObject(entry, direction)
  if (inner === undefined) throw r.fail(`has no "${direction}" object`)
  const accountId = r.string(inner, 'accountId')
  if (!/^\d+$/.test(accountId))
    throw r.fail(`accountId must be digits: ${JSON.stringify(accountId)}`)
  return compact<FollowRecord>({
    id: ids.next([direction, accountId]),
    followedAt: exportedAt,
    approximate: true,
    platform: 'x',
    direction,
    account: accountId,
    source: FORMAT,
    accountUrl: clip(r.optString(inner, 'userLink'), 2000),
  })
}
