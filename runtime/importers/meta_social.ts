/**
 * Facebook and Instagram "Download your information" JSON → `posts` and `follows`. The file is
 * recognised by its shape, not its name:
 *
 * - Instagram `followers_1.json` (a list of `{ string_list_data: [{ href, value, timestamp }] }`) and
 *   `following.json` (`{ relationships_following: [...] }`, the handle in `title` since 2024);
 * - Instagram `posts_1.json` (a list of `{ media: [{ uri, creation_timestamp, title }], title? }`);
 * - Facebook `your_posts__check_ins__photos_and_videos_1.json` / `your_posts_1.json` (a list of
 *   `{ timestamp, data: [{ post }], attachments, title }`);
 * - Facebook `your_friends.json` (`friends_v2`), `who_you've_followed.json` (`following_v3`, …)
 *   and followers (`followers_v2`, …): `[{ name, timestamp }]`.
 *
 * Meta writes UTF-8 text as Latin-1 escapes; every string is repaired (`fixMetaMojibake`). Each
 * file is streamed (`_json_stream.ts`): `maxBytes` (64 MiB by default) caps one entry, not the file.
 */
import { StableIds } from './_id.ts'
import {
  clip,
  compact,
  FieldReader,
  isObject,
  maxBytesOption,
  parseIsoTime,
  sniffText,
  type JsonObject,
} from './_json_export.ts'
import { streamJson, type JsonPath, type JsonSelection } from './_json_stream.ts'
import { ImportFormatError } from './errors.ts'
import { fixMetaMojibake } from './instagram.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'
import type { FollowRecord, PostRecord } from './x_archive.ts'

const FORMAT = 'meta-social'

/** Top-level keys of Facebook's people lists, and the direction each one means. */
const FACEBOOK_PEOPLE: Readonly<Record<string, FollowRecord['direction']>> = {
  // Friends follow each other; a friendship is kept once, as an account the person follows.
  friends: 'following',
  friends_v2: 'following',
  following: 'following',
  following_v2: 'following',
  following_v3: 'following',
  followers: 'follower',
  followers_v2: 'follower',
  followers_v3: 'follower',
}

const PEOPLE_KEY = /^\{\s*"(friends(?:_v2)?|following(?:_v[23])?|followers(?:_v[23])?)"\s*:\s*\[/

/**
 * Facebook / Instagram posts and follows JSON. Option `exportedAt` (ms or ISO text; default now)
 * dates the rare follow the export leaves undated.
 */
export const metaSocialImporter: Importer = {
  format: FORMAT,
  description:
    'Facebook / Instagram "Download your information" JSON: posts, followers, following, friends',
  sniff(head, name) {
    const text = sniffText(head).slice(0, 16384)
    if (text.startsWith('{')) {
      if (/^\{\s*"relationships_following"\s*:/.test(text)) return 90
      return PEOPLE_KEY.test(text) && /"name"\s*:/.test(text) ? 85 : 0
    }
    if (!text.startsWith('[')) return 0
    if (/"string_list_data"\s*:/.test(text)) return /follower/i.test(name) ? 90 : 75
    if (/"media"\s*:\s*\[/.test(text) && /"creation_timestamp"\s*:/.test(text)) return 80
    if (/"timestamp"\s*:/.test(text) && /"data"\s*:\s*\[/.test(text) && /"post"\s*:/.test(text))
      return 80
    if (/"timestamp"\s*:/.test(text) && /"attachments"\s*:\s*\[/.test(text)) return 75
    return 0
  },
  read(source, options) {
    return readMetaSocial(source, options)
  },
}

/** The lists read: a top-level list's elements, or the elements of one of the known keys. */
function select(path: JsonPath): JsonSelection {
  const [head] = path
  if (head === undefined) return 'descend'
  if (typeof head === 'number') return path.length === 1 ? 'value' : 'skip'
  if (head !== 'relationships_following' && !Object.hasOwn(FACEBOOK_PEOPLE, head)) return 'skip'
  return path.length === 1 ? 'descend' : path.length === 2 ? 'value' : 'skip'
}

type EntryReader = (entry: unknown, i: number) => ImportedRecord

/**
 * Streams one file: each entry of its list becomes a record as it is read, so memory is bounded by
 * one entry (`maxBytes`), not the file. A list is the top value or under one known key (the first
 * people key, or `relationships_following` wherever it is, as Meta writes one list per file).
 */
async function* readMetaSocial(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const exportedAt = exportedAtOption(options?.['exportedAt'])
  const maxValueBytes = maxBytesOption(options)
  const ids = new StableIds(FORMAT)
  let topKind: 'object' | 'array' | undefined
  // An object: the key whose list is read, and whether records came from it.
  let active: { key: string; read: EntryReader } | undefined
  let yielded = 0
  const opened = new Set<string>()
  // A list: how its entries are read once its first object says what they are.
  let readEntry: EntryReader | undefined
  let firstNonObject: number | undefined
  for await (const events of streamJson(source, FORMAT, { select, maxValueBytes }))
    for (const e of events) {
      const p = e.path
      if (p.length === 0) {
        if (e.kind === 'value' || (e.kind === 'open' && topKind !== undefined))
          throw new ImportFormatError(FORMAT, 'expected a JSON list or object')
        if (e.kind === 'open') topKind = e.container
        else if (topKind === 'object' && active === undefined)
          throw new ImportFormatError(
            FORMAT,
            'expected relationships_following, friends_v2, following_v3 or followers_v2',
          )
        continue
      }
      const [head, index] = p
      if (typeof head === 'number') {
        // An element of a top-level list.
        if (e.kind !== 'value') continue
        if (readEntry === undefined) {
          if (!isObject(e.value)) {
            firstNonObject ??= head
            continue
          }
          readEntry = listReader(e.value, ids, exportedAt)
          if (firstNonObject !== undefined) readEntry(null, firstNonObject)
        }
        yield readEntry(e.value, head)
        continue
      }
      const key = head as string
      if (p.length === 1) {
        if (e.kind === 'close') continue
        const isList = e.kind === 'open' && e.container === 'array'
        if (key === 'relationships_following') {
          if (!isList) list(e.kind === 'value' ? e.value : {}, key)
          if (active !== undefined && active.key !== key && yielded > 0)
            throw new ImportFormatError(FORMAT, `both ${active.key} and ${key}: one list per file`)
          active = {
            key,
            read: (entry, i) => instagramFollow(entry, i, 'following', ids, exportedAt),
          }
        } else if (active === undefined) {
          if (!isList) list(e.kind === 'value' ? e.value : {}, key)
          const direction = FACEBOOK_PEOPLE[key] ?? 'following'
          active = { key, read: (entry, i) => facebookPerson(entry, i, direction, ids, exportedAt) }
        }
        if (isList && active.key === key) {
          if (opened.has(key)) throw new ImportFormatError(FORMAT, `${key} appears twice`)
          opened.add(key)
        }
      } else if (e.kind === 'value' && active?.key === key) {
        yielded++
        yield active.read(e.value, index as number)
      }
    }
}

/** How the entries of a top-level list are read, told by its first object. */
function listReader(first: JsonObject, ids: StableIds, exportedAt: number): EntryReader {
  if ('string_list_data' in first)
    return (entry, i) => instagramFollow(entry, i, 'follower', ids, exportedAt)
  if (Array.isArray(first['media'])) return (entry, i) => instagramPost(entry, i, ids)
  if ('timestamp' in first) return (entry, i) => facebookPost(entry, i, ids)
  throw new ImportFormatError(
    FORMAT,
    'a list of neither followers (string_list_data), Instagram posts (media) nor Facebook posts (timestamp)',
    { record: 1 },
  )
}

function list(value: unknown, key: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ImportFormatError(FORMAT, `${key} must be a list`)
  return value
}

function exportedAtOption(value: unknown): number {
  if (value === undefined) return Date.now()
  const t = typeof value === 'string' ? parseIsoTime(value) : value
  if (typeof t !== 'number' || !Number.isSafeInteger(t))
    throw new TypeError('options.exportedAt must be ms since epoch or an ISO 8601 time')
  return t
}

/** Meta's timestamps are whole seconds since the epoch; 0 or absent means undated. */
function seconds(r: FieldReader, obj: JsonObject, key: string): number | undefined {
  const n = r.optNumber(obj, key)
  if (n === undefined || n === 0) return undefined
  if (!Number.isSafeInteger(n) || n < 0) throw r.fail(`${key} must be whole seconds since 1970`)
  return n * 1000
}

function text(r: FieldReader, obj: JsonObject, key: string): string | undefined {
  const v = r.optString(obj, key)
  return v === undefined || v.trim() === '' ? undefined : fixMetaMojibake(v)
}

function instagramFollow(
  entry: unknown,
  i: number,
  direction: FollowRecord['direction'],
  ids: StableIds,
  exportedAt: number,
): ImportedRecord {
  const r = new FieldReader(FORMAT, i + 1, `${direction}[${i}]`)
  if (!isObject(entry)) throw r.fail('must be an object')
  const data = r.array(entry, 'string_list_data').find(isObject) ?? {}
  const href = text(r, data, 'href')
  // The handle is in `value` (followers, older following files) or `title` (following, 2024+).
  const account =
    text(r, data, 'value') ??
    text(r, entry, 'title') ??
    /instagram\.com\/(?:_u\/)?([A-Za-z0-9._]+)/.exec(href ?? '')?.[1]
  if (account === undefined) throw r.fail('names no account (value, title or href)')
  const at = seconds(r, data, 'timestamp')
  return {
    collection: 'follows',
    record: compact<FollowRecord>({
      id: ids.next(['instagram', direction, account]),
      followedAt: at ?? exportedAt,
      approximate: at === undefined,
      platform: 'instagram',
      direction,
      account: clip(account, 200),
      source: FORMAT,
      accountUrl: clip(href, 2000),
    }),
  }
}

function facebookPerson(
  entry: unknown,
  i: number,
  direction: FollowRecord['direction'],
  ids: StableIds,
  exportedAt: number,
): ImportedRecord {
  const r = new FieldReader(FORMAT, i + 1, `${direction}[${i}]`)
  if (!isObject(entry)) throw r.fail('must be an object')
  const name = text(r, entry, 'name')
  if (name === undefined) throw r.fail('name is missing')
  const at = seconds(r, entry, 'timestamp')
  return {
    collection: 'follows',
    record: compact<FollowRecord>({
      id: ids.next(['facebook', direction, name, at]),
      followedAt: at ?? exportedAt,
      approximate: at === undefined,
      platform: 'facebook',
      direction,
      account: clip(name, 200),
      source: FORMAT,
    }),
  }
}

const HASHTAG = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu
const MENTION = /(?:^|[^\p{L}\p{N}_.])@([A-Za-z0-9._]{1,30})/gu

function tags(caption: string, pattern: RegExp): string | undefined {
  const found = [...caption.matchAll(pattern)].map((m) => m[1] ?? '')
  return found.length > 0 ? clip([...new Set(found)].join(' '), 2000) : undefined
}

function post(draft: {
  id: string
  postedAt: number
  platform: string
  text: string
  mediaCount: number
}): PostRecord {
  return compact<PostRecord>({
    ...draft,
    kind: 'post',
    text: clip(draft.text, 10_000),
    source: FORMAT,
    hashtags: tags(draft.text, HASHTAG),
    mentions: tags(draft.text, MENTION),
  })
}

function instagramPost(entry: unknown, i: number, ids: StableIds): ImportedRecord {
  const r = new FieldReader(FORMAT, i + 1, `posts[${i}]`)
  if (!isObject(entry)) throw r.fail('must be an object')
  const media = r.array(entry, 'media').filter(isObject)
  const first = media[0] ?? {}
  // A post of one photo keeps its caption and date on the photo; an album has them on the post.
  const caption = text(r, entry, 'title') ?? text(r, first, 'title') ?? ''
  const postedAt =
    seconds(r, entry, 'creation_timestamp') ?? seconds(r, first, 'creation_timestamp')
  if (postedAt === undefined) throw r.fail('creation_timestamp is missing')
  return {
    collection: 'posts',
    record: post({
      id: ids.next(['instagram', postedAt, r.optString(first, 'uri') ?? caption]),
      postedAt,
      platform: 'instagram',
      text: caption,
      mediaCount: media.length,
    }),
  }
}

function facebookPost(entry: unknown, i: number, ids: StableIds): ImportedRecord {
  const r = new FieldReader(FORMAT, i + 1, `posts[${i}]`)
  if (!isObject(entry)) throw r.fail('must be an object')
  const postedAt = seconds(r, entry, 'timestamp')
  if (postedAt === undefined) throw r.fail('timestamp is missing')
  const written = r
    .array(entry, 'data')
    .filter(isObject)
    .map((d) => text(r, d, 'post'))
    .find((t) => t !== undefined)
  let mediaCount = 0
  let link: string | undefined
  let caption: string | undefined
  for (const attachment of r.array(entry, 'attachments').filter(isObject)) {
    for (const item of r.array(attachment, 'data').filter(isObject)) {
      const media = r.optObject(item, 'media')
      if (media !== undefined) {
        mediaCount++
        caption ??= text(r, media, 'description')
      }
      const external = r.optObject(item, 'external_context')
      if (external !== undefined) link ??= text(r, external, 'url')
    }
  }
  // Without words of the person's own, a photo's caption or the shared link stands for the post.
  const body = written ?? caption ?? link ?? ''
  return {
    collection: 'posts',
    record: post({
      id: ids.next(['facebook', postedAt, body]),
      postedAt,
      platform: 'facebook',
      text: body,
      mediaCount,
    }),
  }
}
