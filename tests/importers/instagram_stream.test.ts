/**
 * Instagram / Messenger `message_1.json` is streamed: a file that can be read at any offset is read
 * twice (the thread's fields first, then one message at a time), a one-shot stream once with each
 * message kept as its record's few fields; both give exactly the records the whole read gave on
 * every fixture (pinned in fixtures/instagram_whole_read_records.json, written by the whole read
 * before it was replaced), `maxBytes` caps one message, and a broken file imports nothing.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ImportFormatError,
  ImportLimitError,
  instagramImporter,
  type ImportedRecord,
  type ImportSource,
} from '../../runtime/importers/index.ts'
import { bytesRandomAccess } from '../../runtime/importers/_source.ts'
import { bytesSource, readAllRecords, sharedFixture, thrown } from './_exports.ts'

interface Pinned {
  readonly fixture: string
  readonly name: string
  readonly options: Record<string, unknown>
  readonly records: ImportedRecord[]
}

const PINNED = JSON.parse(
  readFileSync(new URL('./fixtures/instagram_whole_read_records.json', import.meta.url), 'utf8'),
) as Pinned[]

/** A source that can be read at any offset (and so twice), cut into `chunkSize` byte chunks. */
function randomAccessSource(
  name: string,
  bytes: Uint8Array,
  chunkSize = bytes.length,
): ImportSource {
  return {
    ...bytesSource(name, bytes, chunkSize),
    randomAccess: async () => bytesRandomAccess(bytes),
  }
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

/** Records read until the first error, and that error. */
async function readUntilError(
  source: ImportSource,
  options: Record<string, unknown> = {},
): Promise<{ records: number; error: unknown }> {
  let records = 0
  try {
    for await (const _ of instagramImporter.read(source, options)) records++
  } catch (error) {
    return { records, error }
  }
  return { records, error: undefined }
}

describe('message_1.json streamed', () => {
  it('gives the records and ids of the whole read on every fixture, read twice or once', async () => {
    expect(PINNED.map((p) => p.records.length)).toEqual([8, 2, 3, 3, 3, 2])
    for (const p of PINNED) {
      const bytes = p.fixture.startsWith('../importers/')
        ? new Uint8Array(
            readFileSync(new URL('./' + p.fixture.slice('../importers/'.length), import.meta.url)),
          )
        : sharedFixture(p.fixture)
      for (const chunk of [bytes.length, 7, 1]) {
        for (const source of [
          randomAccessSource(p.name, bytes, chunk),
          bytesSource(p.name, bytes, chunk),
        ]) {
          expect(await readAllRecords(instagramImporter, source, p.options), p.fixture).toEqual(
            p.records,
          )
        }
      }
    }
  })

  it('names messages by a title and thread_path written after them', async () => {
    const text = JSON.stringify({
      participants: [{ name: 'Ana' }, { name: 'Ben' }],
      messages: [
        { sender_name: 'Ben', timestamp_ms: 2000, content: 'second' },
        { sender_name: 'Ana', timestamp_ms: 1000, content: 'first' },
      ],
      title: 'Ana & Ben',
      thread_path: 'inbox/anaben_123',
      image: { uri: 'your_facebook_activity/messages/photos/x.jpg' },
    })
    for (const source of [
      randomAccessSource('message_1.json', encode(text)),
      bytesSource('message_1.json', encode(text), 5),
    ]) {
      const records = await readAllRecords(instagramImporter, source, { me: 'Ana' })
      expect(records.map((r) => r.record)).toMatchObject([
        { conversation: 'Ana & Ben', platform: 'messenger', sender: 'Ben', fromMe: false },
        { conversation: 'Ana & Ben', platform: 'messenger', sender: 'Ana', fromMe: true },
      ])
    }
  })

  it('caps one message, not the file, with maxBytes (SEALPOST_IMPORT_RECORD_TOO_LARGE)', async () => {
    const messages = Array.from({ length: 2000 }, (_, i) => ({
      sender_name: 'Ana',
      timestamp_ms: 1_700_000_000_000 + i,
      content: `message ${i}`,
    }))
    const many = encode(JSON.stringify({ participants: [{ name: 'Ana' }], messages, title: 'Ana' }))
    expect(many.length).toBeGreaterThan(100 * 1024)
    for (const source of [
      randomAccessSource('message_1.json', many),
      bytesSource('message_1.json', many),
    ])
      expect(await readAllRecords(instagramImporter, source, { maxBytes: 4096 })).toHaveLength(2000)
    const big = encode(
      JSON.stringify({
        messages: [{ sender_name: 'Ana', timestamp_ms: 1, content: 'x'.repeat(5000) }],
        title: 'Ana',
      }),
    )
    for (const source of [
      randomAccessSource('message_1.json', big),
      bytesSource('message_1.json', big),
    ]) {
      const { records, error } = await readUntilError(source, { maxBytes: 4096 })
      expect(records).toBe(0)
      expect(error).toBeInstanceOf(ImportLimitError)
      expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_RECORD_TOO_LARGE')
    }
  })

  it('imports nothing from a truncated or malformed file: SEALPOST_IMPORT_MALFORMED', async () => {
    const whole = encode(
      JSON.stringify({
        participants: [{ name: 'Ana' }],
        messages: Array.from({ length: 3000 }, (_, i) => ({
          sender_name: 'Ana',
          timestamp_ms: i,
          content: `m${i}`,
        })),
        title: 'Ana',
      }),
    )
    for (const bad of [
      whole.subarray(0, whole.length - 10), // ends inside the title
      whole.subarray(0, whole.length / 2), // ends inside the messages
      new Uint8Array([...whole, 0x20, 0x78]), // garbage after the value
    ]) {
      for (const source of [
        randomAccessSource('message_1.json', bad, 4096),
        bytesSource('message_1.json', bad, 4096),
      ]) {
        const { records, error } = await readUntilError(source)
        expect(records).toBe(0)
        expect(error).toBeInstanceOf(ImportFormatError)
        expect((error as ImportFormatError).code).toBe('SEALPOST_IMPORT_MALFORMED')
      }
    }
  })

  it('refuses what a whole read refused, in the same order, and a second messages list', async () => {
    const cases: [string, RegExp][] = [
      ['[1, 2]', /"messages" list/],
      ['{"title": "x"}', /"messages" list/],
      ['{"messages": {"a": 1}}', /"messages" list/],
      ['{"messages": [1], "title": 5}', /title/], // the title is refused before the message
      ['{"messages": [1], "title": "x"}', /messages\[0\].*must be an object/],
      ['{"messages": [{"content": "hi"}], "title": "x"}', /timestamp_ms is missing/],
      ['{"messages": [], "messages": [], "title": "x"}', /more than one "messages" list/],
    ]
    for (const [text, message] of cases)
      for (const source of [
        randomAccessSource('message_1.json', encode(text)),
        bytesSource('message_1.json', encode(text)),
      ]) {
        const error = await thrown(() => readAllRecords(instagramImporter, source))
        expect(error, text).toBeInstanceOf(ImportFormatError)
        expect(String((error as Error).message), text).toMatch(message)
      }
  })

  it('imports a 20 MB thread, its title after the messages, under a 64 KiB record cap', async () => {
    const parts = ['{"participants":[{"name":"Ana"},{"name":"Ben"}],"messages":[']
    let size = parts[0]!.length
    let count = 0
    while (size < 20 * 1024 * 1024) {
      const part =
        (count === 0 ? '' : ',') +
        JSON.stringify({
          sender_name: count % 2 === 0 ? 'Ana' : 'Ben',
          timestamp_ms: 1_700_000_000_000 - count * 1000,
          content: `Nachricht ${count}: Gr\u00c3\u00bc\u00c3\u009fe aus K\u00c3\u00b6ln`,
          is_geoblocked_for_viewer: false,
        })
      parts.push(part)
      size += part.length
      count++
    }
    parts.push('],"title":"Ana","is_still_participant":true,"thread_path":"inbox/ana_1"}')
    const bytes = encode(parts.join(''))
    const maxBytes = 64 * 1024
    expect(bytes.length / maxBytes).toBeGreaterThan(300)
    for (const source of [
      randomAccessSource('message_1.json', bytes, 64 * 1024),
      bytesSource('message_1.json', bytes, 64 * 1024),
    ]) {
      let n = 0
      let first: Readonly<Record<string, unknown>> | undefined
      let last: Readonly<Record<string, unknown>> | undefined
      const ids = new Set<string>()
      for await (const { record } of instagramImporter.read(source, { maxBytes, me: 'Ana' })) {
        first ??= record
        last = record
        if (n % 97 === 0) ids.add(String(record['id']))
        n++
      }
      expect(n).toBe(count)
      expect(n).toBeGreaterThan(100_000)
      expect(ids.size).toBe(Math.ceil(n / 97))
      expect(first).toMatchObject({
        conversation: 'Ana',
        platform: 'instagram',
        sender: 'Ana',
        fromMe: true,
        sentAt: 1_700_000_000_000,
        text: 'Nachricht 0: Grüße aus Köln',
      })
      expect(last).toMatchObject({ sentAt: 1_700_000_000_000 - (count - 1) * 1000 })
    }
  })
})
