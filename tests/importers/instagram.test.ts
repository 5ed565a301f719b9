import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import {
  fixMetaMojibake,
  instagramImporter as importer,
} from '../../runtime/importers/instagram.ts'
import {
  bytesSource,
  hasSchema,
  ownFixture,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const SHARED = 'messages/instagram_messages_test_export.json'
// Our own 3-message thread written the way Meta writes it: UTF-8 bytes as Latin-1 escapes.
const MOJIBAKE = 'instagram_mojibake_message_1.json'

/** Meta's encoding: UTF-8 bytes, each shown as one U+00XX character. */
function metaEncode(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text))
}

describe('Instagram messages importer', () => {
  it('recognises a Meta messages export', () => {
    expect(importer.sniff(sharedFixture(SHARED), 'message_1.json')).toBe(85)
    expect(importer.sniff(ownFixture(MOJIBAKE), 'message_1.json')).toBe(85)
    expect(importer.sniff(new TextEncoder().encode('{"locations": []}'), 'x.json')).toBe(0)
  })

  it('reads the two messages of the shared export with senders and times', async () => {
    const records = recordsOf(
      await readAllRecords(importer, bytesSource('message_1.json', sharedFixture(SHARED)), {
        me: 'Jane Doe',
      }),
      'messages',
    )
    expect(records.map((r) => [r.sender, r.sentAt, r.text, r.fromMe])).toEqual([
      ['John Doe', 1579294140000, 'Hello Jane!', false],
      ['Jane Doe', 1577186580000, 'Hello John!', true],
    ])
    expect(records[0]).toMatchObject({
      platform: 'instagram',
      kind: 'message',
      conversation: 'message_1.json',
    })
  })

  it('repairs mojibake in names, titles and text, and labels media', async () => {
    const records = recordsOf(
      await readAllRecords(importer, bytesSource('m.json', ownFixture(MOJIBAKE))),
      'messages',
    )
    expect(records.map((r) => [r.sender, r.text])).toEqual([
      ['Zoë Müller', 'Café at 5? 😂'],
      ['Sam', '[photo]'],
      ['Sam', 'https://www.instagram.com/p/abc/'],
    ])
    expect(records[0]?.conversation).toBe('Zoë Müller')
  })

  it('leaves correctly encoded text alone', () => {
    expect(fixMetaMojibake('Zoë 😂')).toBe('Zoë 😂')
    expect(fixMetaMojibake('plain')).toBe('plain')
    expect(fixMetaMojibake('Ã')).toBe('Ã') // a lone Latin-1 letter is not valid UTF-8: kept
  })

  it('undoes Meta encoding for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(fixMetaMojibake(metaEncode(text))).toBe(text)
      }),
      { numRuns: 500 },
    )
  })

  it('gives the same ids when imported twice', async () => {
    const read = async (chunk?: number) =>
      (await readAllRecords(importer, bytesSource('m.json', ownFixture(MOJIBAKE), chunk))).map(
        (r) => r.record.id,
      )
    const a = await read()
    expect(await read(5)).toEqual(a)
    expect(new Set(a).size).toBe(3)
  })

  it.skipIf(!hasSchema('messages'))(
    'yields records valid against the messages schema',
    async () => {
      expect(
        schemaErrors(
          await readAllRecords(importer, bytesSource('m.json', ownFixture(MOJIBAKE)), {
            me: 'Sam',
          }),
        ),
      ).toEqual([])
    },
  )

  it('refuses a message without a time, naming it', async () => {
    const text = JSON.stringify({ messages: [{ sender_name: 'A', content: 'x' }] })
    const error = await thrown(() => readAllRecords(importer, textSource('m.json', text)))
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position.record).toBe(1)
  })

  it('round-trips generated threads (property)', async () => {
    const message = fc.record({
      sender_name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
      timestamp_ms: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      content: fc.string({ unit: 'grapheme', maxLength: 40 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 10 }), async (messages) => {
        const encoded = messages.map((m) => ({
          ...m,
          sender_name: metaEncode(m.sender_name),
          content: metaEncode(m.content),
        }))
        const out = recordsOf(
          await readAllRecords(
            importer,
            textSource('m.json', JSON.stringify({ messages: encoded }), 17),
          ),
          'messages',
        )
        expect(out.map((r) => [r.sender, r.sentAt, r.text])).toEqual(
          messages.map((m) => [m.sender_name, m.timestamp_ms, m.content]),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('throws nothing but ImportFormatError on garbage (property)', async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.json().map((j) => `{"messages": ${j}}`),
      fc.json().map((j) => `{"messages": [${j}], "participants": ${j}}`),
      fc.json().map((j) => `{"messages": [{"timestamp_ms": ${j}, "content": ${j}}]}`),
    )
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        const error = await thrown(() => readAllRecords(importer, textSource('m.json', text)))
        if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
      }),
      { numRuns: 300 },
    )
  })
})
