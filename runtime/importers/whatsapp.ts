/**
 * WhatsApp "Export chat" text files → `messages`, line by line. Understands the Android header
 * (`12/30/2021, 10:01 p. m. - Name: text`, `30/12/21, 22:01 - Name: text`) and the iOS one
 * (`[12/30/21 22:01] Name: text`), multi-line messages, and system lines ("You were added"). Whether
 * dates are day/month or month/day is decided from the whole file: by a field above 12, else by which
 * order keeps the chat in time order. Times are the phone's local time, taken as UTC unless the
 * `utcOffsetMinutes` option says otherwise.
 */
import { StableIds } from './_id.ts'
import { sniffText } from './_json_export.ts'
import { decodeText, splitLines } from './_source.ts'
import { ImportFormatError } from './errors.ts'
import { messageRecord } from './_message_record.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'whatsapp'

/** Options of the WhatsApp importer. */
export interface WhatsAppOptions {
  /** Your own display name in the chat: sets `fromMe` on every message. */
  readonly me?: string
  /** Minutes east of UTC of the phone that exported the chat (default 0). */
  readonly utcOffsetMinutes?: number
  /** Day/month order when the file cannot tell (default 'DMY'). */
  readonly dateOrder?: DateOrder
  /** What to do with system lines such as "You were added" (default 'mark': kind 'system'). */
  readonly system?: 'mark' | 'skip'
  /** Chat name; default taken from "WhatsApp Chat with NAME.txt", else the file name. */
  readonly conversation?: string
}

/** Order of the first two date fields. */
export type DateOrder = 'DMY' | 'MDY'

// Android: "01/30/2019, 08:49 p. m. - " ; iOS: "[01/30/19 20:49] " or "[30/01/2019, 20:49:05] ".
const ANDROID =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4}),? (\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[\s\u202f]*([aApP])\.?[\s\u202f]*[mM]\.?)? - /
const IOS =
  /^\[(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4}),? (\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[\s\u202f]*([aApP])\.?[\s\u202f]*[mM]\.?)?\] /
const DIRECTION_MARKS = /^[\u200e\u200f\u202a-\u202e]+/

interface Pending {
  readonly a: number
  readonly b: number
  readonly year: number
  readonly minutes: number // minutes into the day
  readonly second: number
  readonly line: number
  readonly sender: string | undefined
  text: string
}

/** WhatsApp chat export (.txt), Android and iOS styles. */
export const whatsappImporter: Importer = {
  format: FORMAT,
  description: 'WhatsApp "Export chat" text file (Android and iOS)',
  sniff(head, name) {
    const first = sniffText(head).split(/\r?\n/, 1)[0]?.replace(DIRECTION_MARKS, '') ?? ''
    if (ANDROID.test(first) || IOS.test(first)) return /whatsapp/i.test(name) ? 95 : 80
    return 0
  },
  read(source, options) {
    return readWhatsApp(source, parseOptions(options))
  },
}

function parseOptions(options: Readonly<Record<string, unknown>> | undefined): WhatsAppOptions {
  const o = options ?? {}
  const out: Record<string, unknown> = {}
  if (o['me'] !== undefined) {
    if (typeof o['me'] !== 'string') throw new TypeError('options.me must be a string')
    out['me'] = o['me']
  }
  if (o['utcOffsetMinutes'] !== undefined) {
    const v = o['utcOffsetMinutes']
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 14 * 60) {
      throw new RangeError('options.utcOffsetMinutes must be an integer between -840 and 840')
    }
    out['utcOffsetMinutes'] = v
  }
  if (o['dateOrder'] !== undefined) {
    if (o['dateOrder'] !== 'DMY' && o['dateOrder'] !== 'MDY') {
      throw new RangeError("options.dateOrder must be 'DMY' or 'MDY'")
    }
    out['dateOrder'] = o['dateOrder']
  }
  if (o['system'] !== undefined) {
    if (o['system'] !== 'mark' && o['system'] !== 'skip') {
      throw new RangeError("options.system must be 'mark' or 'skip'")
    }
    out['system'] = o['system']
  }
  if (o['conversation'] !== undefined) {
    if (typeof o['conversation'] !== 'string')
      throw new TypeError('options.conversation must be a string')
    out['conversation'] = o['conversation']
  }
  return out as WhatsAppOptions
}

/** The chat name in "WhatsApp Chat with Alice.txt" (also "WhatsApp Chat - Alice.txt"), else the file name. */
export function chatNameFromFile(name: string): string {
  const base = name.replace(/\.txt$/i, '')
  const m = /^WhatsApp Chat (?:with|-|mit|con|avec|met)\s+(.+)$/i.exec(base)
  return (m?.[1] ?? base).trim()
}

async function* readWhatsApp(
  source: ImportSource,
  options: WhatsAppOptions,
): AsyncGenerator<ImportedRecord> {
  const conversation = options.conversation ?? chatNameFromFile(source.name)
  const ids = new StableIds(FORMAT)
  const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000
  let order: DateOrder | undefined
  // Messages wait here until the day/month order is known; then they flow straight through.
  const waiting: Pending[] = []
  let current: Pending | undefined

  const emit = function* (p: Pending, o: DateOrder): Generator<ImportedRecord> {
    const [month, day] = o === 'MDY' ? [p.a, p.b] : [p.b, p.a]
    const sentAt = localTime(p.year, month, day, p.minutes, p.second)
    if (sentAt === undefined) {
      throw new ImportFormatError(FORMAT, `no such date ${p.a}/${p.b}/${p.year}`, { line: p.line })
    }
    const kind = p.sender === undefined ? 'system' : 'message'
    if (kind === 'system' && options.system === 'skip') return
    const at = sentAt - offsetMs
    const record = messageRecord({
      source: FORMAT,
      id: ids.next([conversation, at, p.sender, p.text]),
      sentAt: at,
      platform: 'whatsapp',
      conversation,
      kind,
      sender: p.sender,
      fromMe:
        options.me === undefined || p.sender === undefined ? undefined : p.sender === options.me,
      text: p.text.replace(/[\r\n]+$/, ''), // blank lines before the next header belong to no one
    })
    yield { collection: 'messages', record }
  }

  const settle = function* (p: Pending): Generator<ImportedRecord> {
    if (options.dateOrder !== undefined) {
      yield* emit(p, options.dateOrder)
      return
    }
    const says = orderFromFields(p)
    if (says !== undefined) {
      if (order !== undefined && says !== order) {
        throw new ImportFormatError(FORMAT, 'dates mix day/month and month/day order', {
          line: p.line,
        })
      }
      order = says
    }
    if (order === undefined) {
      waiting.push(p)
      return
    }
    for (const w of waiting.splice(0)) yield* emit(w, order)
    yield* emit(p, order)
  }

  for await (const { text: raw, line } of splitLines(decodeText(source, FORMAT), FORMAT)) {
    const text = raw.replace(DIRECTION_MARKS, '')
    const m = ANDROID.exec(text) ?? IOS.exec(text)
    if (m === null) {
      if (current === undefined) {
        if (text.trim() === '') continue
        throw new ImportFormatError(FORMAT, 'expected a line starting with a date and time', {
          line,
        })
      }
      current.text += `\n${raw}`
      continue
    }
    if (current !== undefined) yield* settle(current)
    current = startMessage(m, text.slice(m[0].length), line)
  }
  if (current !== undefined) yield* settle(current)
  if (waiting.length > 0) {
    const o = orderFromSequence(waiting)
    for (const w of waiting.splice(0)) yield* emit(w, o)
  }
}

function startMessage(m: RegExpExecArray, rest: string, line: number): Pending {
  const a = Number(m[1])
  const b = Number(m[2])
  const y = Number(m[3])
  const year = (m[3] ?? '').length === 2 ? 2000 + y : y
  let hour = Number(m[4])
  const minute = Number(m[5])
  const second = m[6] === undefined ? 0 : Number(m[6])
  const meridiem = m[7]?.toLowerCase()
  if (meridiem !== undefined) {
    if (hour > 12) throw new ImportFormatError(FORMAT, `hour ${hour} with a.m./p.m.`, { line })
    if (hour === 12) hour = 0 // 12 a.m. is midnight, 12 p.m. noon
    if (meridiem === 'p') hour += 12
  }
  if (hour > 23 || minute > 59 || second > 59) {
    throw new ImportFormatError(FORMAT, `no such time ${m[4]}:${m[5]}`, { line })
  }
  if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31) {
    throw new ImportFormatError(FORMAT, `no such date ${m[1]}/${m[2]}`, { line })
  }
  const { sender, text } = splitSender(rest)
  return { a, b, year, minutes: hour * 60 + minute, second, line, sender, text }
}

/** "Name: text" → sender and text; a line without a plausible "Name:" is a system line. */
function splitSender(rest: string): { sender: string | undefined; text: string } {
  const colon = rest.indexOf(':')
  if (colon <= 0 || colon > 100) return { sender: undefined, text: rest }
  const sender = rest.slice(0, colon).replace(DIRECTION_MARKS, '').trim()
  if (sender === '' || sender.includes('"')) return { sender: undefined, text: rest }
  return { sender, text: rest.slice(colon + 1).replace(/^ /, '') }
}

function orderFromFields(p: Pending): DateOrder | undefined {
  if (p.a > 12) return 'DMY'
  if (p.b > 12) return 'MDY'
  return undefined
}

/** With no field above 12 anywhere, the order under which the chat runs forward in time wins. */
function orderFromSequence(list: readonly Pending[]): DateOrder {
  const backwards = (o: DateOrder) => {
    let steps = 0
    let previous = -Infinity
    for (const p of list) {
      const [month, day] = o === 'MDY' ? [p.a, p.b] : [p.b, p.a]
      const t = localTime(p.year, month, day, p.minutes, p.second) ?? previous
      if (t < previous) steps++
      previous = t
    }
    return steps
  }
  return backwards('MDY') < backwards('DMY') ? 'MDY' : 'DMY'
}

function localTime(
  year: number,
  month: number,
  day: number,
  minutes: number,
  second: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  const t = Date.UTC(year, month - 1, day, 0, minutes, second)
  return new Date(t).getUTCDate() === day ? t : undefined
}
