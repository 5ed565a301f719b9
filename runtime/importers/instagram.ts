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
  sniffText,
  type JsonObject,
} from './_json_export.ts'
import { streamJson, type JsonEvent, type JsonPath, type JsonSelection } from './_json_stream.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource, RandomAccess } from './types.ts'
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

/** Top-level fields that name a thread's messages; everything else but `messages` is skipped. */
const HEADER_KEYS: ReadonlySet<string> = new Set([
  'title',
  'threadName',
  'thread_path',
  'participants',
  'image',
])

const MEDIA_KEYS = ['photos', 'videos', 'audio_files', 'gifs', 'files'] as const

/** Messages whose first media paths may tell the app (`your_facebook_activity/…`). */
const MEDIA_SCAN_MESSAGES = 1000

/** Bytes read at a time on the second pass over a file that can be read at any offset. */
const PASS_CHUNK_BYTES = 1024 * 1024

/** The app named by a media path (`your_facebook_activity/…`, `your_instagram_activity/…`). */
function appOfUri(uri: unknown): 'facebook' | 'instagram' | undefined {
  const app =
    typeof uri === 'string' ? /^your_(facebook|instagram)_activity\//.exec(uri)?.[1] : undefined
  return app === 'facebook' || app === 'instagram' ? app : undefined
}

/**
 * What a pass over the thread learns besides its messages: the top-level fields that name them,
 * and the app told by the first media path of the first 1,000 messages (in message order, then
 * photos, videos, audio, gifs, files).
 */
class ThreadHeader {
  readonly fields: Record<string, unknown> = {}
  messagesSeen = false
  messagesApp: 'facebook' | 'instagram' | undefined
  readonly #uris = new Map<number, Map<string, unknown>>()

  /** Takes one event of the top level or of `messages` (the header pass), or a top-level one. */
  take(e: JsonEvent): void {
    const p = e.path
    if (p.length === 0) {
      if (e.kind === 'value' || (e.kind === 'open' && e.container !== 'object')) throw notAThread()
      if (e.kind === 'close' && !this.messagesSeen) throw notAThread()
      return
    }
    const key = p[0]
    if (key !== 'messages') {
      if (p.length === 1 && e.kind === 'value' && typeof key === 'string')
        this.fields[key] = e.value
      return
    }
    if (p.length === 1) {
      if (e.kind === 'value' || (e.kind === 'open' && e.container !== 'array')) throw notAThread()
      if (e.kind === 'open') {
        // JSON.parse would keep the last of two lists; a stream has already read the first.
        if (this.messagesSeen)
          throw new ImportFormatError(FORMAT, 'the thread has more than one "messages" list')
        this.messagesSeen = true
      }
      return
    }
    const index = p[1]
    if (typeof index !== 'number' || index >= MEDIA_SCAN_MESSAGES) return
    if (e.kind === 'value' && p.length === 5 && p[4] === 'uri') {
      const byKey = this.#uris.get(index) ?? new Map<string, unknown>()
      byKey.set(String(p[2]), e.value)
      this.#uris.set(index, byKey)
    } else if (e.kind === 'close' && p.length === 2) {
      const byKey = this.#uris.get(index)
      this.#uris.delete(index)
      if (this.messagesApp !== undefined || byKey === undefined) return
      for (const k of MEDIA_KEYS) {
        this.messagesApp = appOfUri(byKey.get(k))
        if (this.messagesApp !== undefined) return
      }
    }
  }

  /** The app the thread's media paths name: its image first, then its messages'. */
  mediaApp(): 'facebook' | 'instagram' | undefined {
    const image = this.fields['image']
    return appOfUri(isObject(image) ? image['uri'] : undefined) ?? this.messagesApp
  }
}

function notAThread(): ImportFormatError {
  return new ImportFormatError(FORMAT, 'expected an object with a "messages" list')
}

/** Selects, for the header pass, the header fields and the first media path of each early message. */
function selectHeader(path: JsonPath): JsonSelection {
  const [key, index, media, first, uri] = path
  if (key === undefined) return 'descend'
  if (path.length === 1)
    return key === 'messages' ? 'descend' : HEADER_KEYS.has(String(key)) ? 'value' : 'skip'
  if (key !== 'messages' || typeof index !== 'number' || index >= MEDIA_SCAN_MESSAGES) return 'skip'
  if (path.length === 2) return 'descend'
  if (!(MEDIA_KEYS as readonly unknown[]).includes(media)) return 'skip'
  if (path.length === 3) return 'descend'
  if (first !== 0) return 'skip'
  if (path.length === 4) return 'descend'
  return path.length === 5 && uri === 'uri' ? 'value' : 'skip'
}

/** Selects each message whole, and nothing else. */
function selectMessages(path: JsonPath): JsonSelection {
  if (path.length === 0) return 'descend'
  if (path[0] !== 'messages') return 'skip'
  return path.length === 1 ? 'descend' : path.length === 2 ? 'value' : 'skip'
}

/** Selects the header (as `selectHeader`) and each message whole, for a single pass. */
function selectAll(path: JsonPath): JsonSelection {
  if (path.length === 2 && path[0] === 'messages') return 'value'
  return path.length > 2 && path[0] === 'messages' ? 'skip' : selectHeader(path)
}

/** How one message reads once the thread is known: its timestamp and sender keys differ by shape. */
interface ThreadContext {
  readonly e2ee: boolean
  readonly conversation: string
  readonly platform: 'instagram' | 'messenger'
  readonly me: string | undefined
  readonly ids: StableIds
}

function threadContext(
  header: ThreadHeader,
  sourceName: string,
  options: Readonly<Record<string, unknown>> | undefined,
  me: string | undefined,
): ThreadContext {
  const top = new FieldReader(FORMAT, 0, 'thread')
  const doc = header.fields as JsonObject
  // The end-to-end encrypted chats' download names its fields in camelCase.
  const e2ee = doc['threadName'] !== undefined
  const conversation = conversationName(top, doc, sourceName)
  const platform = e2ee ? 'messenger' : platformOf(top, doc, header.mediaApp(), options)
  return { e2ee, conversation, platform, me, ids: new StableIds(FORMAT) }
}

/** A message kept small while the thread's name is not yet known: only what its record needs. */
interface HeldMessage {
  readonly index: number
  readonly fields: JsonObject
  readonly text: string | ImportFormatError
  readonly notObject: boolean
}

const HELD_KEYS = ['timestamp_ms', 'timestamp', 'sender_name', 'senderName'] as const

function holdMessage(m: unknown, index: number): HeldMessage {
  const r = new FieldReader(FORMAT, index + 1, `messages[${index}]`)
  // Kept, not thrown: a whole read would first have refused a wrong top-level field.
  if (!isObject(m)) return { index, fields: {}, text: r.fail('must be an object'), notObject: true }
  const fields: Record<string, unknown> = {}
  for (const key of HELD_KEYS) if (m[key] !== undefined) fields[key] = m[key]
  let text: string | ImportFormatError
  try {
    text = messageText(r, m)
  } catch (error) {
    if (!(error instanceof ImportFormatError)) throw error
    text = error
  }
  return { index, fields: fields as JsonObject, text, notObject: false }
}

function messageFromHeld(t: ThreadContext, held: HeldMessage): ImportedRecord {
  const r = new FieldReader(FORMAT, held.index + 1, `messages[${held.index}]`)
  const m = held.fields
  if (held.notObject && held.text instanceof ImportFormatError) throw held.text
  const timeKey = t.e2ee ? 'timestamp' : 'timestamp_ms'
  const sentAt = r.optEpochMs(m, timeKey)
  if (sentAt === undefined) throw r.fail(`${timeKey} is missing`)
  const senderRaw = r.optString(m, t.e2ee ? 'senderName' : 'sender_name')
  const sender = senderRaw === undefined ? undefined : fixMetaMojibake(senderRaw)
  if (held.text instanceof ImportFormatError) throw held.text
  const text = held.text
  const record = messageRecord({
    source: FORMAT,
    id: t.ids.next([t.conversation, sentAt, sender, text]),
    sentAt,
    platform: t.platform,
    conversation: t.conversation,
    kind: 'message',
    sender,
    fromMe: t.me === undefined || sender === undefined ? undefined : sender === t.me,
    text,
  })
  return { collection: 'messages', record }
}

/** Chunks of a file read at any offset, from its start. */
async function* chunksOf(file: RandomAccess): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < file.size; at += PASS_CHUNK_BYTES) {
    const chunk = await file.read(at, Math.min(PASS_CHUNK_BYTES, file.size - at))
    if (chunk.length === 0) return
    yield chunk
  }
}

/**
 * Streams a thread. Meta writes `title` and `thread_path`, which name every message, after the
 * messages, so a file that can be read at any offset is read twice: a first pass takes the
 * top-level fields and the first media paths and skips the messages without building them, a
 * second yields each message as it is read; memory is bounded by one message (`maxBytes`). A
 * one-shot stream (an archive entry) is read once, each message kept as its record's few fields
 * until the thread ends. Either way nothing is yielded before the whole file has been read, so a
 * truncated file imports nothing.
 */
async function* readInstagram(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const me = options?.['me']
  if (me !== undefined && typeof me !== 'string') throw new TypeError('options.me must be a string')
  const maxValueBytes = maxBytesOption(options)
  const header = new ThreadHeader()
  if (source.randomAccess !== undefined) {
    const file = await source.randomAccess()
    try {
      const pass = (select: (path: JsonPath) => JsonSelection) =>
        streamJson({ name: source.name, chunks: () => chunksOf(file) }, FORMAT, {
          select,
          maxValueBytes,
        })
      for await (const events of pass(selectHeader)) for (const e of events) header.take(e)
      const thread = threadContext(header, source.name, options, me)
      for await (const events of pass(selectMessages))
        for (const e of events)
          if (e.kind === 'value' && e.path.length === 2 && typeof e.path[1] === 'number')
            yield messageFromHeld(thread, holdMessage(e.value, e.path[1]))
    } finally {
      await file.close()
    }
    return
  }
  const held: HeldMessage[] = []
  for await (const events of streamJson(source, FORMAT, { select: selectAll, maxValueBytes }))
    for (const e of events) {
      if (e.kind === 'value' && e.path.length === 2 && e.path[0] === 'messages') {
        const index = e.path[1]
        if (typeof index === 'number') {
          const m = e.value
          held.push(holdMessage(m, index))
          if (index < MEDIA_SCAN_MESSAGES && header.messagesApp === undefined && isObject(m))
            header.messagesApp = firstMediaApp(m)
          continue
        }
      }
      header.take(e)
    }
  const thread = threadContext(header, source.name, options, me)
  for (const m of held) yield messageFromHeld(thread, m)
}

/** The app named by one message's first media path, in the order photos, videos, audio, gifs, files. */
function firstMediaApp(m: JsonObject): 'facebook' | 'instagram' | undefined {
  for (const key of MEDIA_KEYS) {
    const media = m[key]
    const app = Array.isArray(media) && isObject(media[0]) ? appOfUri(media[0]['uri']) : undefined
    if (app !== undefined) return app
  }
  return undefined
}

function platformOf(
  r: FieldReader,
  doc: JsonObject,
  mediaApp: 'facebook' | 'instagram' | undefined,
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
  return mediaApp === 'facebook' ? 'messenger' : 'instagram'
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
