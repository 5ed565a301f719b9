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
  sniffText,
  type JsonObject,
} from './_json_export.ts'
import { selectPaths, streamJson } from './_json_stream.ts'
import { messageRecord } from './_message_record.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'telegram'

/**
 * Telegram's JSON export, streamed. Options: `me` (your name, sets `fromMe`), `utcOffsetMinutes`,
 * `maxBytes` (largest single message in bytes of JSON, 64 MiB by default; the file may be larger).
 */
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

/** What the reader takes whole; everything else in the export is only validated. */
const CHAT_FIELDS = ['name', 'type', 'id', 'messages.*'] as const
const SELECT = selectPaths([
  ...CHAT_FIELDS,
  'personal_information',
  ...CHAT_FIELDS.map((f) => `chats.list.*.${f}`),
  ...CHAT_FIELDS.map((f) => `left_chats.list.*.${f}`),
])

/** A chat being read: its index, its fields so far and, once known, how its messages are named. */
interface Chat {
  readonly index: number
  readonly reader: FieldReader
  readonly fields: Record<string, unknown>
  /** Set when the messages start and `type` and `id` came first (Telegram's order): streamed. */
  envelope?: { readonly conversation: string; readonly key: string }
  /** Messages held until the chat ends, when `type` or `id` come after them. */
  held?: [number, unknown][]
  sawMessages: boolean
}

/**
 * Streams `result.json`: a chat's messages are turned into records as they are read, so memory is
 * bounded by one message (`maxBytes`), not the file. Telegram writes a chat's `name`, `type` and `id`
 * before its `messages`, and `personal_information` before `chats`; a chat in another order is held
 * until it ends, and an envelope field arriving too late to name records already read is refused.
 */
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
  const maxValueBytes = maxBytesOption(options)
  const top = new FieldReader(FORMAT, 0, 'export')
  const ids = new StableIds(FORMAT)
  let record = 0
  let accountChats = 0
  let yielded = 0
  /** 'chat': one exported chat (the top object); 'account': `chats` (and `left_chats`) lists. */
  let shape: 'chat' | 'account' | undefined
  let person: unknown
  let myId: string | undefined
  let myIdUsed = false
  let singleMessages = false
  const newChat = (index: number): Chat => ({
    index,
    reader: new FieldReader(FORMAT, record, `chats[${index}]`),
    fields: {},
    sawMessages: false,
  })
  const single = newChat(0)
  let chat: Chat | undefined

  /** `personal_information` says who "me" is in the whole-account export (read when needed). */
  const applyPerson = (): void => {
    if (person === undefined) return
    const info = top.optObject({ personal_information: person }, 'personal_information')
    const userId = info === undefined ? undefined : info['user_id']
    const id =
      typeof userId === 'number' || typeof userId === 'string' ? `user${userId}` : undefined
    if (myIdUsed && id !== myId)
      throw new ImportFormatError(FORMAT, 'personal_information comes after the chats it names')
    myId = id
  }
  const envelopeOf = (c: Chat): { conversation: string; key: string } => {
    const chatId = c.fields['id']
    const type = c.reader.optString(c.fields, 'type') ?? 'chat'
    const conversation =
      type === 'saved_messages'
        ? 'Saved Messages'
        : (c.reader.optString(c.fields, 'name') ?? `${type} ${String(chatId ?? c.index)}`)
    return { conversation, key: String(chatId ?? conversation) }
  }
  const messagesStart = (c: Chat): void => {
    const envelope = envelopeOf(c)
    if (c.sawMessages) throw c.reader.fail('messages appears twice')
    c.sawMessages = true
    if ('type' in c.fields && 'id' in c.fields) c.envelope = envelope
    else c.held = []
  }
  const field = (c: Chat, key: string, value: unknown): void => {
    c.fields[key] = value
    if (c.envelope === undefined) return
    const now = envelopeOf(c)
    if (now.conversation !== c.envelope.conversation || now.key !== c.envelope.key)
      throw c.reader.fail(`${key} comes after the messages it names`)
  }
  const message = (c: Chat, i: number, m: unknown): ImportedRecord | undefined => {
    if (c.envelope === undefined) {
      c.held?.push([i, m])
      return undefined
    }
    record++
    if (shape !== 'chat') myIdUsed = true
    return messageOf(m, new FieldReader(FORMAT, record, `chats[${c.index}].messages[${i}]`), {
      envelope: c.envelope,
      myId: shape === 'chat' ? undefined : myId,
      me,
      offset,
      ids,
    })
  }
  const end = function* (c: Chat): Generator<ImportedRecord> {
    const envelope = envelopeOf(c)
    if (c.held === undefined) return
    c.envelope = envelope
    for (const [i, m] of c.held.splice(0)) yield message(c, i, m) as ImportedRecord
  }

  for await (const events of streamJson(source, FORMAT, { select: SELECT, maxValueBytes }))
    for (const e of events) {
      const p = e.path
      const head = p[0]
      if (p.length === 0) {
        if (e.kind === 'close') {
          if (shape === 'chat') yield* count(end(single))
          else if (shape === 'account') applyPerson()
          else
            throw new ImportFormatError(
              FORMAT,
              'expected a chat with "messages" or an export with "chats"',
            )
        } else if (e.kind === 'value' || e.container !== 'object')
          throw new ImportFormatError(FORMAT, 'expected a JSON object')
      } else if (head === 'messages') {
        if (p.length === 1) {
          if (e.kind === 'close') singleMessages = false
          if (e.kind !== 'open' || e.container !== 'array') continue
          if (shape === 'account' && yielded > 0)
            throw new ImportFormatError(
              FORMAT,
              'both a chat\'s "messages" and an export\'s "chats"',
            )
          shape = 'chat'
          singleMessages = true
          messagesStart(single)
        } else if (singleMessages && e.kind === 'value') {
          const r = message(single, p[1] as number, e.value)
          if (r !== undefined) {
            yielded++
            yield r
          }
        }
      } else if (p.length === 1 && (head === 'name' || head === 'type' || head === 'id')) {
        if (e.kind === 'value') field(single, head, e.value)
      } else if (head === 'personal_information') {
        if (e.kind === 'value') {
          person = e.value
          if (accountChats > 0 && shape !== 'chat') applyPerson()
        }
      } else if (shape !== 'chat' && (head === 'chats' || head === 'left_chats')) {
        // The whole-account export: `chats` and `left_chats`, each `{ about, list: [chat, ...] }`.
        if (p.length === 1) {
          if (head === 'chats' && e.kind === 'open' && e.container === 'object') shape = 'account'
          else if (head === 'left_chats' && e.kind !== 'close') {
            const value = e.kind === 'open' ? (e.container === 'object' ? {} : []) : e.value
            top.optObject({ left_chats: value }, 'left_chats')
          }
        } else if (p.length === 2) {
          if (e.kind !== 'close') {
            const value = e.kind === 'open' ? (e.container === 'object' ? {} : []) : e.value
            top.array({ list: value }, 'list')
          }
        } else if (p.length === 3) {
          if (e.kind === 'open') {
            applyPerson()
            chat = newChat(accountChats++)
            if (e.container !== 'object') throw chat.reader.fail('must be an object')
          } else if (e.kind === 'value')
            throw newChat(accountChats++).reader.fail('must be an object')
          else if (chat !== undefined) {
            yield* count(end(chat))
            chat = undefined
          }
        } else if (chat !== undefined) {
          const key = p[3] as string
          if (p.length === 4 && key !== 'messages') {
            if (e.kind === 'value') field(chat, key, e.value)
          } else if (p.length === 4) {
            if (e.kind === 'open') {
              messagesStart(chat)
              if (e.container !== 'array') throw chat.reader.fail('messages must be an array')
            } else if (e.kind === 'value') {
              envelopeOf(chat)
              chat.reader.array({ messages: e.value }, 'messages')
            }
          } else if (e.kind === 'value') {
            const r = message(chat, p[4] as number, e.value)
            if (r !== undefined) {
              yielded++
              yield r
            }
          }
        }
      }
    }

  function* count(records: Iterable<ImportedRecord>): Generator<ImportedRecord> {
    for (const r of records) {
      yielded++
      yield r
    }
  }
}

/** What names a chat's messages, and who "me" is. */
interface MessageContext {
  readonly envelope: { readonly conversation: string; readonly key: string }
  readonly myId: string | undefined
  readonly me: string | undefined
  readonly offset: number
  readonly ids: StableIds
}

function messageOf(m: unknown, r: FieldReader, ctx: MessageContext): ImportedRecord {
  if (!isObject(m)) throw r.fail('must be an object')
  const sentAt = messageTime(r, m, ctx.offset)
  const messageId = m['id']
  if (typeof messageId !== 'number' && typeof messageId !== 'string') throw r.fail('id is missing')
  const service = m['type'] === 'service'
  const sender = r.optString(m, service ? 'actor' : 'from')
  const idField = service ? 'actor_id' : 'from_id'
  // Telegram Desktop before 2.7 (2021) wrote the sender's id as a bare number.
  const bareId = m[idField]
  const fromId = typeof bareId === 'number' ? `user${bareId}` : r.optString(m, idField)
  const { myId, me } = ctx
  const fromMe =
    myId !== undefined && fromId !== undefined
      ? fromId === myId
      : me !== undefined && sender !== undefined
        ? sender === me
        : undefined
  return {
    collection: 'messages',
    record: messageRecord({
      source: FORMAT,
      id: ctx.ids.next([ctx.envelope.key, String(messageId)]),
      sentAt,
      platform: 'telegram',
      conversation: ctx.envelope.conversation,
      kind: service ? 'system' : 'message',
      sender,
      fromMe,
      text: service ? serviceText(r, m) : messageText(r, m),
    }),
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
