/**
 * mbox mail archives (Google Takeout's Gmail export, Thunderbird, Apple Mail) → `messages`, one
 * message at a time: From_ line splitting (mboxo and mboxrd `>From` unquoting), RFC 5322 headers,
 * RFC 2047 encoded words, the first text/plain part of multipart mail, quoted-printable and base64
 * bodies, and Gmail's X-GM-THRID as the conversation. Order confirmations among the messages also
 * yield their `purchases` (schema.org markup or a plain receipt: see `order_email.ts`).
 */
import { StableIds } from './_id.ts'
import { messageRecord, type MessageRecord } from './_message_record.ts'
import {
  bytesToText,
  entityText,
  MimeError,
  parseFromLineDate,
  parseMailbox,
  parseMailDate,
  splitEntity,
  type Headers,
} from './_mime.ts'
import { ImportFormatError, ImportTooLargeError } from './errors.ts'
import { purchasesOfRawMail } from './order_email.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'mbox'

/** Default cap on one message (a mail with large attachments); the file itself is streamed. */
export const MBOX_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

// "From sender@example.com Tue Aug 05 08:00:23 +0000 2008" / "From abc@x Sun Dec 25 21:33:37 2011"
const FROM_LINE = /^From \S* +[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{1,2}:\d{2}/

/** mbox mail archive. Options: `me` (your address or name, or a list) sets `fromMe`; `maxMessageBytes`. */
export const mboxImporter: Importer = {
  format: FORMAT,
  description: 'mbox mail archive (Gmail Takeout, Thunderbird, Apple Mail)',
  sniff(head, name) {
    const first = bytesToText(head.subarray(0, 512)).split(/\r?\n/, 1)[0] ?? ''
    if (FROM_LINE.test(first)) return /\.mbox$/i.test(name) ? 95 : 85
    return /\.mbox$/i.test(name) && first.startsWith('From ') ? 50 : 0
  },
  read(source, options) {
    return readMbox(source, options)
  },
}

interface RawMessage {
  readonly fromLine: string
  readonly line: number
  readonly lines: Uint8Array[]
}

async function* readMbox(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const me = meOption(options?.['me'])
  const maxMessageBytes = options?.['maxMessageBytes'] ?? MBOX_MAX_MESSAGE_BYTES
  if (
    typeof maxMessageBytes !== 'number' ||
    !Number.isSafeInteger(maxMessageBytes) ||
    maxMessageBytes <= 0
  ) {
    throw new RangeError('options.maxMessageBytes must be a positive integer')
  }
  const ids = new StableIds(FORMAT)
  const orderIds = new StableIds('order-email')
  let current: RawMessage | undefined
  let size = 0
  let count = 0
  for await (const { bytes, line } of byteLines(source)) {
    if (startsWithFrom(bytes) && FROM_LINE.test(bytesToText(bytes))) {
      if (current !== undefined) yield* withPurchases(current, ++count, ids, me, orderIds)
      current = { fromLine: bytesToText(bytes), line, lines: [] }
      size = 0
      continue
    }
    if (current === undefined) {
      if (bytes.length === 0) continue
      throw new ImportFormatError(FORMAT, 'an mbox file starts with a "From " line', { line })
    }
    size += bytes.length + 1
    if (size > maxMessageBytes)
      throw new ImportTooLargeError(FORMAT, `${source.name} message ${count + 1}`, maxMessageBytes)
    current.lines.push(unquoteFrom(bytes))
  }
  if (current !== undefined) yield* withPurchases(current, ++count, ids, me, orderIds)
}

function meOption(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string')) {
    throw new TypeError('options.me must be a string or a list of strings')
  }
  return new Set(list.map((v) => v.toLowerCase()))
}

function startsWithFrom(b: Uint8Array): boolean {
  return b[0] === 0x46 && b[1] === 0x72 && b[2] === 0x6f && b[3] === 0x6d && b[4] === 0x20
}

/** mboxrd: ">From " → "From ", ">>From " → ">From " (mboxo's ">From " is unquoted the same way). */
function unquoteFrom(b: Uint8Array): Uint8Array {
  let i = 0
  while (b[i] === 0x3e) i++
  return i > 0 && startsWithFrom(b.subarray(i)) ? b.subarray(1) : b
}

/** Lines of raw bytes (LF or CRLF removed) with 1-based numbers, chunk by chunk. */
export async function* byteLines(
  source: ImportSource,
): AsyncGenerator<{ bytes: Uint8Array; line: number }> {
  let carry = new Uint8Array(0)
  let line = 0
  for await (const chunk of source.chunks()) {
    const data = carry.length === 0 ? chunk : concat(carry, chunk)
    let start = 0
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 10) continue
      const end = i > start && data[i - 1] === 13 ? i - 1 : i
      yield { bytes: data.slice(start, end), line: ++line }
      start = i + 1
    }
    carry = data.slice(start)
  }
  if (carry.length > 0) {
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length
    yield { bytes: carry.subarray(0, end), line: ++line }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** The message, then the purchases of an order confirmation (see `order_email.ts`). */
async function* withPurchases(
  raw: RawMessage,
  index: number,
  ids: StableIds,
  me: ReadonlySet<string> | undefined,
  orderIds: StableIds,
): AsyncGenerator<ImportedRecord> {
  const message = toRecord(raw, index, ids, me)
  yield message
  const bytes = joinLines(raw.lines)
  yield* await purchasesOfRawMail(bytes, message.record['sentAt'] as number, orderIds)
}

function joinLines(lines: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length + 2, 0))
  let at = 0
  for (const l of lines) {
    out.set(l, at)
    out[at + l.length] = 13
    out[at + l.length + 1] = 10
    at += l.length + 2
  }
  return out
}

function toRecord(
  raw: RawMessage,
  index: number,
  ids: StableIds,
  me: ReadonlySet<string> | undefined,
): ImportedRecord {
  try {
    return { collection: 'messages', record: mailRecord(raw, ids, me) }
  } catch (cause) {
    if (!(cause instanceof MimeError)) throw cause
    throw new ImportFormatError(FORMAT, cause.message, { record: index, line: raw.line }, { cause })
  }
}

function mailRecord(
  raw: RawMessage,
  ids: StableIds,
  me: ReadonlySet<string> | undefined,
): MessageRecord {
  // Trailing blank lines separate messages in mbox; they are not part of the body.
  const lines = raw.lines
  while (lines.length > 0 && lines[lines.length - 1]?.length === 0) lines.pop()
  const entity = splitEntity(lines)
  const h = entity.headers
  const dateHeader = h.get('date')
  const sentAt =
    (dateHeader === undefined ? undefined : parseMailDate(dateHeader)) ??
    parseFromLineDate(raw.fromLine)
  if (sentAt === undefined) throw new MimeError('no readable Date header or From_ line date')
  const from = parseMailbox(h.get('from') ?? '')
  const subject = h.get('subject')
  const text = (entityText(entity) ?? '').trim()
  const messageId = h.get('message-id')?.trim()
  const recipients = [h.get('to'), h.get('cc')]
    .filter((v): v is string => v !== undefined && v !== '')
    .join(', ')
  const identity =
    messageId !== undefined && messageId !== ''
      ? [messageId]
      : [sentAt, h.get('from'), subject, text]
  const fromMe =
    me === undefined
      ? undefined
      : (from.address !== undefined && me.has(from.address.toLowerCase())) ||
        (from.name !== undefined && me.has(from.name.toLowerCase()))
  return messageRecord({
    source: FORMAT,
    id: ids.next(identity),
    sentAt,
    platform: h.has('x-gm-thrid') ? 'gmail' : 'email',
    conversation: conversation(h, subject, sentAt),
    kind: 'message',
    sender: from.name ?? from.address,
    senderAddress: from.address,
    fromMe,
    subject,
    recipients: recipients === '' ? undefined : recipients,
    labels: h.get('x-gmail-labels'),
    text,
  })
}

/** Gmail's thread id, else the thread root from References / In-Reply-To, else the message itself. */
function conversation(h: Headers, subject: string | undefined, sentAt: number): string {
  const thread = h.get('x-gm-thrid')?.trim()
  if (thread !== undefined && thread !== '') return thread
  const root =
    /<[^>]+>/.exec(h.get('references') ?? '')?.[0] ??
    /<[^>]+>/.exec(h.get('in-reply-to') ?? '')?.[0]
  if (root !== undefined) return root
  const own = h.get('message-id')?.trim()
  if (own !== undefined && own !== '') return own
  const topic = (subject ?? '').replace(/^\s*((re|fwd?|aw|sv|tr)\s*:\s*)+/i, '').trim()
  return topic !== '' ? topic : String(sentAt)
}
