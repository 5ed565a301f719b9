/**
 * Instagram (and Facebook Messenger) "messages" JSON → `messages`. Meta writes UTF-8 text as if each
 * byte were a Latin-1 character ("Ã©" for "é", "ð\u009f\u0098\u0082" for "😂"); every string is
 * repaired before use. Photos, videos and shared links without text become a short placeholder.
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

/** Instagram / Messenger message_1.json. Option `me`: your display name, sets `fromMe`. */
export const instagramImporter: Importer = {
  format: FORMAT,
  description: 'Instagram or Facebook Messenger messages JSON (message_1.json)',
  sniff(head) {
    const text = sniffText(head).slice(0, 16384)
    if (!text.startsWith('{') || !/"messages"\s*:/.test(text)) return 0
    return /"sender_name"\s*:/.test(text) && /"timestamp_ms"\s*:/.test(text) ? 85 : 30
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
  const conversation = conversationName(top, doc, source.name)
  const platform = /facebook|messenger/i.test(top.optString(doc, 'thread_path') ?? '')
    ? 'messenger'
    : 'instagram'
  const ids = new StableIds(FORMAT)
  const list = doc['messages']
  for (let i = 0; i < list.length; i++) {
    const m = list[i]
    const r = new FieldReader(FORMAT, i + 1, `messages[${i}]`)
    if (!isObject(m)) throw r.fail('must be an object')
    const sentAt = r.optEpochMs(m, 'timestamp_ms')
    if (sentAt === undefined) throw r.fail('timestamp_ms is missing')
    const senderRaw = r.optString(m, 'sender_name')
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

function conversationName(r: FieldReader, doc: JsonObject, fileName: string): string {
  const title = r.optString(doc, 'title')
  if (title !== undefined && title !== '') return fixMetaMojibake(title)
  const names = r
    .array(doc, 'participants')
    .filter(isObject)
    .map((p) => r.optString(p, 'name'))
    .filter((n): n is string => n !== undefined)
    .map(fixMetaMojibake)
  if (names.length > 0) return names.join(', ')
  return r.optString(doc, 'thread_path') ?? fileName
}

function messageText(r: FieldReader, m: JsonObject): string {
  const content = r.optString(m, 'content')
  if (content !== undefined) return fixMetaMojibake(content)
  const share = r.optObject(m, 'share')
  const link = share === undefined ? undefined : r.optString(share, 'link')
  if (link !== undefined) return link
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
