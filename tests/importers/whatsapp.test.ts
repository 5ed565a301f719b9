import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import { chatNameFromFile, whatsappImporter as importer } from '../../runtime/importers/whatsapp.ts'
import {
  bytesSource,
  hasSchema,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const FILES = [
  'messages/whatsapp_android_ddmmyy_24hrs.txt',
  'messages/whatsapp_android_mmddyyyy_12hrs.txt',
  'messages/whatsapp_ios_bracket_mmddyy_24hrs.txt',
] as const

async function load(rel: string, options?: Record<string, unknown>, chunkSize?: number) {
  const name = rel.split('/').pop() ?? rel
  return recordsOf(
    await readAllRecords(importer, bytesSource(name, sharedFixture(rel), chunkSize), options),
    'messages',
  )
}

const EXPECTED = [
  ['2019-01-01T11:25:00Z', 'message', 'John Doe', 'Lorem ipsum dolor sit amet.'],
  ['2019-01-20T11:23:00Z', 'message', 'John Doe', '.'],
  [
    '2019-01-30T20:49:00Z',
    'message',
    'Jahn Doe',
    'Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.',
  ],
  ['2020-06-10T15:55:00Z', 'message', 'John-John Doe', 'Lorem ipsum : dolor sit amet.'],
  ['2020-06-20T00:08:00Z', 'system', undefined, '+12 345 578 created group "Groupname"'],
  ['2020-06-30T09:10:00Z', 'system', undefined, 'You were added'],
  ['2021-12-10T10:10:00Z', 'message', 'John Doe 🤓', 'Lorem ipsum 🤓'],
  ['2021-12-20T12:10:00Z', 'message', '🤓', 'Lorem ipsum 🤓'],
  [
    '2021-12-30T22:01:00Z',
    'message',
    'John Doe',
    'Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.',
  ],
]

describe('WhatsApp chat importer', () => {
  it('recognises Android and iOS exports by their first line', () => {
    for (const rel of FILES) expect(importer.sniff(sharedFixture(rel), 'chat.txt')).toBe(80)
    expect(importer.sniff(sharedFixture(FILES[0]), 'WhatsApp Chat with Ana.txt')).toBe(95)
    expect(importer.sniff(new TextEncoder().encode('Date,Amount\n01/02/2020,3'), 'bank.csv')).toBe(
      0,
    )
  })

  it.each(FILES)('reads the same 9 entries with the same times from %s', async (rel) => {
    const records = await load(rel)
    expect(
      records.map((r) => [
        new Date(r.sentAt as number).toISOString().replace('.000', ''),
        r.kind,
        r.sender,
        r.text,
      ]),
    ).toEqual(EXPECTED)
  })

  it('works out day/month order from the whole file (20/01 vs 01/20)', async () => {
    // The first line, 01/01, is ambiguous in both files; a later line decides.
    const dm = await load(FILES[0])
    const md = await load(FILES[1])
    expect(dm[0]?.sentAt).toBe(Date.UTC(2019, 0, 1, 11, 25))
    expect(md[3]?.sentAt).toBe(dm[3]?.sentAt)
  })

  it('falls back on time order when no date has a field above 12', async () => {
    const text = '03/04/21, 10:00 - A: one\n05/04/21, 10:00 - B: two\n02/05/21, 10:00 - A: three\n'
    // As D/M: 3 Apr, 5 Apr, 2 May (forward). As M/D: 4 Mar, 4 May, 5 Feb (goes back).
    const records = recordsOf(await readAllRecords(importer, textSource('c.txt', text)), 'messages')
    expect(records.map((r) => r.sentAt)).toEqual([
      Date.UTC(2021, 3, 3, 10),
      Date.UTC(2021, 3, 5, 10),
      Date.UTC(2021, 4, 2, 10),
    ])
    const forced = recordsOf(
      await readAllRecords(importer, textSource('c.txt', text), { dateOrder: 'MDY' }),
      'messages',
    )
    expect(forced[0]?.sentAt).toBe(Date.UTC(2021, 2, 4, 10))
  })

  it('sets fromMe from the me option and can skip system lines', async () => {
    const records = await load(FILES[2], { me: 'Jahn Doe', system: 'skip' })
    expect(records).toHaveLength(7)
    expect(records.filter((r) => r.fromMe === true).map((r) => r.text)).toEqual([
      'Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.',
    ])
    expect((await load(FILES[2]))[0]).not.toHaveProperty('fromMe')
  })

  it('applies the phone offset and reads 12 a.m. as midnight', async () => {
    const text =
      '[1/2/2024, 12:05:09 AM] Ana: late\n[1/2/2024, 12:05 PM] Ana: lunch\n[13/2/2024, 1:00 p. m.] Ana: x'
    const records = recordsOf(
      await readAllRecords(importer, textSource('c.txt', text), { utcOffsetMinutes: 60 }),
      'messages',
    )
    expect(records.map((r) => r.sentAt)).toEqual([
      Date.UTC(2024, 1, 1, 0, 5, 9) - 3_600_000,
      Date.UTC(2024, 1, 1, 12, 5) - 3_600_000,
      Date.UTC(2024, 1, 13, 13, 0) - 3_600_000,
    ])
  })

  it('names the chat after the export file', () => {
    expect(chatNameFromFile('WhatsApp Chat with Ana Lima.txt')).toBe('Ana Lima')
    expect(chatNameFromFile('WhatsApp Chat - Family.txt')).toBe('Family')
    expect(chatNameFromFile('_chat.txt')).toBe('_chat')
  })

  it('gives the same ids when imported twice, whatever the chunking', async () => {
    for (const rel of FILES) {
      const a = (await load(rel)).map((r) => r.id)
      const b = (await load(rel, {}, 7)).map((r) => r.id)
      expect(b).toEqual(a)
      expect(new Set(a).size).toBe(a.length)
    }
  })

  it.skipIf(!hasSchema('messages'))(
    'yields records valid against the messages schema',
    async () => {
      for (const rel of FILES) {
        expect(
          schemaErrors(
            await readAllRecords(importer, bytesSource('c.txt', sharedFixture(rel)), {
              me: 'John Doe',
            }),
          ),
        ).toEqual([])
      }
    },
  )

  it('refuses a file that does not start with a dated line', async () => {
    const error = await thrown(() =>
      readAllRecords(importer, textSource('c.txt', 'hello\n01/01/19, 11:25 - A: b')),
    )
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position.line).toBe(1)
  })

  it('refuses dates that mix both orders, and impossible dates', async () => {
    const mixed = '13/01/19, 10:00 - A: x\n01/13/19, 10:00 - A: y'
    const error = await thrown(() => readAllRecords(importer, textSource('c.txt', mixed)))
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position.line).toBe(2)
    const impossible = '31/02/19, 10:00 - A: x\n13/01/19, 10:00 - A: y'
    expect(
      await thrown(() => readAllRecords(importer, textSource('c.txt', impossible))),
    ).toBeInstanceOf(ImportFormatError)
  })

  it('round-trips generated chats in either layout (property)', async () => {
    const message = fc.record({
      t: fc
        .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
        .map((t) => t - (t % 60_000)),
      sender: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}[A-Za-z]$/),
      lines: fc.array(fc.stringMatching(/^[a-z .,!?]{0,30}$/), { minLength: 1, maxLength: 3 }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('android', 'ios'),
        fc.constantFrom<'DMY' | 'MDY'>('DMY', 'MDY'),
        fc.integer({ min: 1, max: 50 }),
        async (list, layout, order, chunk) => {
          const sorted = [...list].sort((x, y) => x.t - y.t)
          const text = sorted
            .map((m) => {
              const d = new Date(m.t)
              const [dd, mm] = [d.getUTCDate(), d.getUTCMonth() + 1].map((n) =>
                String(n).padStart(2, '0'),
              )
              const date = order === 'DMY' ? `${dd}/${mm}` : `${mm}/${dd}`
              const time = d.toISOString().slice(11, 16)
              const year = d.getUTCFullYear()
              const head =
                layout === 'ios' ? `[${date}/${year}, ${time}:00] ` : `${date}/${year}, ${time} - `
              return `${head}${m.sender}: ${m.lines.join('\n')}`
            })
            .join('\n')
          const out = recordsOf(
            await readAllRecords(importer, textSource('c.txt', text, chunk), { dateOrder: order }),
            'messages',
          )
          expect(out.map((r) => [r.sentAt, r.sender, r.text])).toEqual(
            sorted.map((m) => [m.t, m.sender, m.lines.join('\n').replace(/\n+$/, '')]),
          )
        },
      ),
      { numRuns: 150 },
    )
  })

  it('throws nothing but ImportFormatError on garbage (property)', async () => {
    const line = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.nat(40), fc.nat(40), fc.nat(99), fc.nat(30), fc.nat(70), fc.string())
        .map(([a, b, y, h, m, s]) => `${a}/${b}/${y}, ${h}:${String(m).padStart(2, '0')} - ${s}`),
      fc
        .tuple(fc.nat(40), fc.nat(40), fc.nat(30), fc.string())
        .map(([a, b, h, s]) => `[${a}/${b}/21 ${h}:00 PM] ${s}`),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), async (lines) => {
        const error = await thrown(() =>
          readAllRecords(importer, textSource('c.txt', lines.join('\n'))),
        )
        if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
      }),
      { numRuns: 300 },
    )
  })
})
