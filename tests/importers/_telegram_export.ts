/**
 * A Telegram Desktop whole-account `result.json` of a chosen size, made as it is read (never held
 * whole, never written to disk): chats of a few thousand messages each, in the export's layout and
 * pretty-printing, with text pieces, media, service messages and non-ASCII text. For the streaming
 * tests and `bench/importers/json-stream.ts`.
 */
import type { ImportSource } from '../../runtime/importers/types.ts'

/** The source, and how many messages it held once it has been read to the end. */
export interface GeneratedExport {
  readonly source: ImportSource
  /** Messages written so far (all of them once `chunks()` is exhausted). */
  messages(): number
  /** Bytes written so far. */
  bytes(): number
}

const MESSAGES_PER_CHAT = 5000

function message(n: number): string {
  const id = 1000 + n
  const time = 1_700_000_000 + n * 37
  const date = new Date(time * 1000).toISOString().slice(0, 19)
  const me = n % 3 === 0
  const from = me
    ? '"from": "Alex Example",\n      "from_id": "user5550001"'
    : '"from": "Sam Beispiel",\n      "from_id": "user5550002"'
  let text: string
  if (n % 50 === 7)
    return `     {\n      "id": ${id},\n      "type": "service",\n      "date": "${date}",\n      "date_unixtime": "${time}",\n      "actor": "Sam Beispiel",\n      "actor_id": "user5550002",\n      "action": "pin_message",\n      "text": ""\n     }`
  if (n % 10 === 3)
    text = `"text": ["Schau mal ", { "type": "link", "text": "https://example.org/${n}" }, " 😀"]`
  else if (n % 10 === 5)
    text = `"photo": "photos/photo_${n}@06-05-2024.jpg",\n      "width": 1280,\n      "height": 960,\n      "text": ""`
  else
    text = `"text": "Nachricht ${n}: Grüße aus Köln, \\"bis später\\" — café ☕ ${'x'.repeat(n % 120)}"`
  return `     {\n      "id": ${id},\n      "type": "message",\n      "date": "${date}",\n      "date_unixtime": "${time}",\n      ${from},\n      ${text}\n     }`
}

/** A generated export of at least `targetBytes` bytes (it ends its last chat, then closes). */
export function generatedTelegramExport(
  targetBytes: number,
  chunkBytes = 64 * 1024,
): GeneratedExport {
  let messages = 0
  let bytes = 0
  const encoder = new TextEncoder()
  async function* text(): AsyncGenerator<string> {
    yield '{\n "about": "Here is the data you requested.",\n "personal_information": {\n  "user_id": 5550001,\n  "first_name": "Alex"\n },\n "contacts": {\n  "about": "",\n  "list": [{ "first_name": "Sam", "phone_number": "+00 000" }]\n },\n "chats": {\n  "about": "This page lists all chats from this export.",\n  "list": [\n'
    let chat = 0
    while (bytes < targetBytes || chat === 0) {
      yield `${chat > 0 ? ',\n' : ''}   {\n    "name": "Chat ${chat}",\n    "type": "${chat % 2 ? 'private_group' : 'personal_chat'}",\n    "id": ${4_000_000 + chat},\n    "messages": [\n`
      for (let i = 0; i < MESSAGES_PER_CHAT; i++) {
        yield (i > 0 ? ',\n' : '') + message(messages++)
      }
      yield '\n    ]\n   }'
      chat++
    }
    yield '\n  ]\n },\n "left_chats": {\n  "about": "",\n  "list": []\n }\n}\n'
  }
  const source: ImportSource = {
    name: 'result.json',
    async *chunks() {
      let pending: string[] = []
      let size = 0
      for await (const piece of text()) {
        pending.push(piece)
        size += piece.length
        if (size >= chunkBytes) {
          const chunk = encoder.encode(pending.join(''))
          bytes += chunk.length
          pending = []
          size = 0
          yield chunk
        }
      }
      const last = encoder.encode(pending.join(''))
      bytes += last.length
      yield last
    },
  }
  return { source, messages: () => messages, bytes: () => bytes }
}
