/**
 * Instagram and Facebook Messenger "messages" JSON → `messages`. Two shapes: `message_1.json` of
 * "Download your information" (`participants: [{ name }]`, `messages: [{ sender_name, timestamp_ms,
 * content }]`, the same for both apps), and the end-to-end encrypted Messenger chats' download
 * (`participants: ["name"]`, `threadName`, `messages: [{ senderName, timestamp, text }]`). Meta writes
 * UTF-8 text as if each byte were a Latin-1 character ("Ã©" for "é", "ð\u009f\u0098\u0082" for
 * "😂"); every string is repaired before use. Photos, videos and shared links without text become a
 * short placeholder. Which app a `message_1.json` came from is told by the archive path
 * (`your_instagram_activity/…`, `your_facebook_activity/…`), the `thread_path`, or `options.platform`.
 */
import { StableIds } from './_id.ts'
import {
  FieldReader,
  isObject,
  maxBytesOption,
  readJsonDocument,
  sniffText,
  type JsonObject,
} from './_json_export.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'
import { messageRecord } from './_message_record.ts'

const FORMAT = 'instagram'

/**
 * Undoes Meta's mojibake: when every character is below U+0100 and those bytes are valid UTF-8,
 * returns the decoded text; otherwise returns `text` unchanged (it was not mis-encoded).
 */
export function fixMetaMojibake(text: string): string {
  let high = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > 0xff) return text
    if (c >= 0x80) high = true
  }
  if (!high) return text
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return text
  }
}

/**
 * Instagram / Messenger message_1.json. Options: `me` (your display name, sets `fromMe`),
 * `platform` (`'instagram'` or `'messenger'`, when neither the path nor the file says).
 */
export const instagramImporter: Importer = {
  format: FORMAT,
  description: 'Instagram or Facebook Messenger messages JSON (message_1.json)',
  sniff(head) {
    const text = sniffText(head).slice(0, 16384)
    if (!text.startsWith('{') || !/"messages"\s*:/.test(text)) return 0
    if (/"sender_name"\s*:/.test(text) && /"timestamp_ms"\s*:/.test(text)) return 85
    if (
      /"senderName"\s*:/.test(text) &&
      /"timestamp"\s*:/.test(text) &&
      /"threadName"\s*:/.test(text)
    )
      return 85
    return 30
  },
  read(source, options) {
    return readInstagram(source, options)
  },
}

async function* readInstagram(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const me = options?.['me']
  if (me !== undefined && typeof me !== 'string') throw new TypeError('options.me must be a string')
  const doc = await readJsonDocument(source, FORMAT, maxBytesOption(options))
  if (!isObject(doc) || !Array.isArray(doc['messages'])) {
    throw new ImportFormatError(FORMAT, 'expected an object with a "messages" list')
  }
  const top = new FieldReader(FORMAT, 0, 'thread')
  // The end-to-end encrypted chats' download names its fields in camelCase.
  const e2ee = doc['threadName'] !== undefined
  const conversation = conversationName(top, doc, source.name)
  const platform = e2ee ? 'messenger' : platformOf(top, doc, options)
  const ids = new StableIds(FORMAT)
  const list = doc['messages']
  for (let i = 0; i < list.length; i++) {
    const m = list[i]
    const r = new FieldReader(FORMAT, i + 1, `messages[${i}]`)
    if (!isObject(m)) throw r.fail('must be an object')
    const timeKey = e2ee ? 'timestamp' : 'timestamp_ms'
    const sentAt = r.optEpochMs(m, timeKey)
    if (sentAt === undefined) throw r.fail(`${timeKey} is missing`)
    const senderRaw = r.optString(m, e2ee ? 'senderName' : 'sender_name')
    const sender = senderRaw === undefined ? undefined : fixMetaMojibake(senderRaw)
    const text = messageText(r, m)
    const record = messageRecord({
      source: FORMAT,
      id: ids.next([conversation, sentAt, sender, text]),
      sentAt,
      platform,
      conversation,
      kind: 'message',
      sender,
      fromMe: me === undefined || sender === undefined ? undefined : sender === me,
      text,
    })
    yield { collection: 'messages', record }
  }
}

function platformOf(
  r: FieldReader,
  doc: JsonObject,
  options: Readonly<Record<string, unknown>> | undefined,
): 'instagram' | 'messenger' {
  const named = options?.['platform']
  if (named !== undefined) {
    if (named !== 'instagram' && named !== 'messenger')
      throw new TypeError("options.platform must be 'instagram' or 'messenger'")
    return named
  }
  const path = options?.['archivePath']
  if (typeof path === 'string') {
    if (/instagram/i.test(path)) return 'instagram'
    if (/facebook|messenger/i.test(path)) return 'messenger'
  }
  if (/facebook|messenger/i.test(r.optString(doc, 'thread_path') ?? '')) return 'messenger'
  return mediaFolder(doc) === 'facebook' ? 'messenger' : 'instagram'
}

const MEDIA_KEYS = ['photos', 'videos', 'audio_files', 'gifs', 'files'] as const

/** The app named by the first media path (`your_facebook_activity/…`, `your_instagram_activity/…`). */
function mediaFolder(doc: JsonObject): 'facebook' | 'instagram' | undefined {
  const uris: unknown[] = [isObject(doc['image']) ? doc['image']['uri'] : undefined]
  const list = Array.isArray(doc['messages']) ? doc['messages'].slice(0, 1000) : []
  for (const m of list) {
    if (!isObject(m)) continue
    for (const key of MEDIA_KEYS) {
      const media = m[key]
      if (Array.isArray(media) && isObject(media[0])) uris.push(media[0]['uri'])
    }
  }
  for (const uri of uris) {
    const app =
      typeof uri === 'string' ? /^your_(facebook|instagram)_activity\//.exec(uri)?.[1] : undefined
    if (app === 'facebook' || app === 'instagram') return app
  }
  return undefined
}

function conversationName(r: FieldReader, doc: JsonObject, fileName: string): string {
  const title = r.optString(doc, 'title') ?? r.optString(doc, 'threadName')
  if (title !== undefined && title !== '') return fixMetaMojibake(title)
  const names = r
    .array(doc, 'participants')
    .map((p) => (typeof p === 'string' ? p : isObject(p) ? r.optString(p, 'name') : undefined))
    .filter((n): n is string => n !== undefined)
    .map(fixMetaMojibake)
  if (names.length > 0) return names.join(', ')
  return r.optString(doc, 'thread_path') ?? fileName
}

function messageText(r: FieldReader, m: JsonObject): string {
  const content = r.optString(m, 'content') ?? r.optString(m, 'text')
  if (content !== undefined && content !== '') return fixMetaMojibake(content)
  if (Array.isArray(m['media']) && m['media'].length > 0) return '[media]'
  const share = r.optObject(m, 'share')
  const link = share === undefined ? undefined : r.optString(share, 'link')
  if (link !== undefined) return link
  // A share whose post is gone keeps only its owner (`{ original_content_owner }`), no link.
  if (share !== undefined) return '[shared post]'
  for (const [key, label] of [
    ['photos', '[photo]'],
    ['videos', '[video]'],
    ['audio_files', '[audio]'],
    ['gifs', '[gif]'],
    ['sticker', '[sticker]'],
  ] as const) {
    if (m[key] !== undefined) return label
  }
  return ''
}
