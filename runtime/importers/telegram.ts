/**
 * Telegram Desktop "Export chat history" / "Export Telegram data" in JSON (`result.json`) →
 * `messages`. Two shapes: one chat (`{ name, type, id, messages }`) or the whole account
 * (`{ personal_information, chats: { list }, left_chats: { list } }`). Text is a string or a list of
 * strings and entities (`{ type: 'bold', text }`), joined; media without a caption becomes a short
 * placeholder; service messages (a group created, a call) are `system` messages. Ids are stable
 * (chat id and message id); the time is `date_unixtime` (UTC), else `date`, which Telegram writes in
 * the exporting device's local time and is read as UTC unless `utcOffsetMinutes` says otherwise.
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
import { messageRecord } from './_message_record.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'telegram'

/** Telegram's JSON export. Options: `me` (your name, sets `fromMe`), `utcOffsetMinutes`. */
export const telegramImporter: Importer = {
  format: FORMAT,
  description: 'Telegram Desktop JSON export (result.json): one chat or the whole account',
  sniff(head, name) {
    const text = sniffText(head).slice(0, 16384)
    if (!text.startsWith('{')) return 0
    const telegramish =
      /"date_unixtime"\s*:/.test(text) ||
      /"type"\s*:\s*"(?:personal_chat|private_group|private_supergroup|public_supergroup|saved_messages|bot_chat|private_channel|public_channel)"/.test(
        text,
      ) ||
      /"from_id"\s*:\s*"(?:user|channel)\d+"/.test(text)
    if (telegramish && /"messages"\s*:|"chats"\s*:/.test(text)) return 90
    if (/"personal_information"\s*:/.test(text) && /"chats"\s*:/.test(text)) return 80
    return /^result\.json$/i.test(name) && /"messages"\s*:/.test(text) ? 20 : 0
  },
  read(source, options) {
    return readTelegram(source, options)
  },
}

async function* readTelegram(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const me = options?.['me']
  if (me !== undefined && typeof me !== 'string') throw new TypeError('options.me must be a string')
  const offset = options?.['utcOffsetMinutes'] ?? 0
  if (typeof offset !== 'number' || !Number.isInteger(offset) || Math.abs(offset) > 840) {
    throw new RangeError('options.utcOffsetMinutes must be an integer between -840 and 840')
  }
  const doc = await readJsonDocument(source, FORMAT, maxBytesOption(options))
  if (!isObject(doc)) throw new ImportFormatError(FORMAT, 'expected a JSON object')
  const top = new FieldReader(FORMAT, 0, 'export')
  let chats: unknown[]
  let myId: string | undefined
  if (Array.isArray(doc['messages'])) {
    chats = [doc]
  } else if (isObject(doc['chats'])) {
    chats = [...top.array(doc['chats'], 'list')]
    const left = top.optObject(doc, 'left_chats')
    if (left !== undefined) chats.push(...top.array(left, 'list'))
    const person = top.optObject(doc, 'personal_information')
    const userId = person === undefined ? undefined : person['user_id']
    if (typeof userId === 'number' || typeof userId === 'string') myId = `user${userId}`
  } else {
    throw new ImportFormatError(FORMAT, 'expected a chat with "messages" or an export with "chats"')
  }
  const ids = new StableIds(FORMAT)
  let record = 0
  for (let c = 0; c < chats.length; c++) {
    const chat = chats[c]
    const cr = new FieldReader(FORMAT, record, `chats[${c}]`)
    if (!isObject(chat)) throw cr.fail('must be an object')
    const chatId = chat['id']
    const type = cr.optString(chat, 'type') ?? 'chat'
    const conversation =
      type === 'saved_messages'
        ? 'Saved Messages'
        : (cr.optString(chat, 'name') ?? `${type} ${String(chatId ?? c)}`)
    const messages = cr.array(chat, 'messages')
    for (let i = 0; i < messages.length; i++) {
      record++
      const m = messages[i]
      const r = new FieldReader(FORMAT, record, `chats[${c}].messages[${i}]`)
      if (!isObject(m)) throw r.fail('must be an object')
      const sentAt = messageTime(r, m, offset)
      const messageId = m['id']
      if (typeof messageId !== 'number' && typeof messageId !== 'string')
        throw r.fail('id is missing')
      const service = m['type'] === 'service'
      const sender = r.optString(m, service ? 'actor' : 'from')
      const idField = service ? 'actor_id' : 'from_id'
      // Telegram Desktop before 2.7 (2021) wrote the sender's id as a bare number.
      const bareId = m[idField]
      const fromId = typeof bareId === 'number' ? `user${bareId}` : r.optString(m, idField)
      const fromMe =
        myId !== undefined && fromId !== undefined
          ? fromId === myId
          : me !== undefined && sender !== undefined
            ? sender === me
            : undefined
      yield {
        collection: 'messages',
        record: messageRecord({
          source: FORMAT,
          id: ids.next([String(chatId ?? conversation), String(messageId)]),
          sentAt,
          platform: 'telegram',
          conversation,
          kind: service ? 'system' : 'message',
          sender,
          fromMe,
          text: service ? serviceText(r, m) : messageText(r, m),
        }),
      }
    }
  }
}

function messageTime(r: FieldReader, m: JsonObject, offsetMinutes: number): number {
  const unix = m['date_unixtime']
  if (typeof unix === 'string' && /^\d{1,12}$/.test(unix)) return Number(unix) * 1000
  if (typeof unix === 'number' && Number.isSafeInteger(unix)) return unix * 1000
  const date = r.optString(m, 'date')
  const parts =
    date === undefined ? null : /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/.exec(date)
  if (parts === null) throw r.fail('date_unixtime or date (YYYY-MM-DDTHH:MM:SS) is missing')
  const [y, mo, d, h, mi, s] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  if (!Number.isFinite(ms) || new Date(ms).getUTCDate() !== d)
    throw r.fail(`date ${date} is not a date`)
  return ms - offsetMinutes * 60_000
}

/** The text: a string, or pieces (strings and `{ type, text }` entities) joined as shown. */
function plainText(r: FieldReader, value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (!Array.isArray(value)) throw r.fail('text must be a string or a list')
  let out = ''
  for (const piece of value) {
    if (typeof piece === 'string') out += piece
    else if (isObject(piece) && typeof piece['text'] === 'string') out += piece['text']
    else throw r.fail('a text piece must be a string or an object with text')
  }
  return out
}

const MEDIA: readonly (readonly [string, string])[] = [
  ['sticker', '[sticker]'],
  ['animation', '[gif]'],
  ['video_file', '[video]'],
  ['video_message', '[video message]'],
  ['voice_message', '[voice message]'],
  ['audio_file', '[audio]'],
]

function messageText(r: FieldReader, m: JsonObject): string {
  const text = plainText(r, m['text'])
  if (text !== '') return text
  if (m['photo'] !== undefined) return '[photo]'
  const mediaType = r.optString(m, 'media_type')
  const media = MEDIA.find(([type]) => type === mediaType)
  if (media !== undefined) return media[1]
  if (m['file'] !== undefined) return '[file]'
  if (isObject(m['location_information'])) return '[location]'
  if (isObject(m['contact_information'])) return '[contact]'
  if (isObject(m['poll'])) {
    const question = r.optString(m['poll'], 'question')
    return question === undefined ? '[poll]' : `[poll] ${question}`
  }
  return ''
}

function serviceText(r: FieldReader, m: JsonObject): string {
  const action = r.optString(m, 'action') ?? 'service'
  const title = r.optString(m, 'title')
  const text = plainText(r, m['text'])
  return [action.replace(/_/g, ' '), title, text]
    .filter((p) => p !== undefined && p !== '')
    .join(': ')
}
