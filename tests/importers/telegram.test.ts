/**
 * Telegram Desktop's JSON export (`result.json`): the whole account and one chat, text pieces
 * joined, media placeholders, service messages as `system`, who is "me", stable ids, typed errors,
 * and the coffee trigger on a Telegram chat in a vault. No public export with a licence was found:
 * the fixture is synthetic, in the export's real shape (see PROVENANCE-importers.md).
 */
import { fileURLToPath } from 'node:url'
import { zipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import {
  detectFormat,
  ImportFormatError,
  importFile,
  sourceFromBytes,
  telegramImporter,
} from '../../runtime/importers/index.ts'
import type { ImportedRecord } from '../../runtime/importers/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import { createSandbox } from '../../sandbox/index.ts'
import { bytesSource, readAllRecords, schemaErrors, sharedFixture, thrown } from './_exports.ts'
import { emptyVault } from './_vault.ts'

const FIXTURE = 'messages/synthetic_telegram_result.json'
const bytes = (): Uint8Array => sharedFixture(FIXTURE)
const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value))

const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

describe('Telegram result.json', () => {
  it('is recognised by its content, whatever the file is called', () => {
    expect(detectFormat(bytes(), 'result.json').format).toBe('telegram')
    expect(detectFormat(bytes(), 'export.json').format).toBe('telegram')
    const oneChat = json({
      name: 'A',
      type: 'personal_chat',
      id: 1,
      messages: [{ id: 1, type: 'message', date_unixtime: '1', from: 'A', text: 'x' }],
    })
    expect(detectFormat(oneChat, 'x.json').format).toBe('telegram')
  })

  it('reads every message of every chat, with text pieces joined and media named', async () => {
    const records = await readAllRecords(telegramImporter, sourceFromBytes('result.json', bytes()))
    expect(schemaErrors(records)).toEqual([])
    expect(
      records.map(({ record: r }) => [
        new Date(r['sentAt'] as number).toISOString(),
        r['conversation'],
        r['kind'],
        r['sender'] ?? null,
        r['fromMe'] ?? null,
        r['text'],
      ]),
    ).toEqual([
      [
        '2024-05-06T10:02:11.000Z',
        'Sam Beispiel',
        'message',
        'Sam Beispiel',
        false,
        'Guten Morgen! Bist du heute im Büro?',
      ],
      [
        '2024-05-06T10:03:40.000Z',
        'Sam Beispiel',
        'message',
        'Alex Example',
        true,
        'Ja, bis 12 Uhr.',
      ],
      [
        '2024-05-06T10:20:05.000Z',
        'Sam Beispiel',
        'message',
        'Sam Beispiel',
        false,
        'Wollen wir einen Kaffee trinken gehen?',
      ],
      ['2024-05-06T10:21:30.000Z', 'Sam Beispiel', 'message', 'Alex Example', true, '[photo]'],
      [
        '2024-04-01T18:00:00.000Z',
        'Laufgruppe Mitte',
        'system',
        'Alex Example',
        true,
        'create group: Laufgruppe Mitte',
      ],
      [
        '2024-04-02T07:15:00.000Z',
        'Laufgruppe Mitte',
        'message',
        'Sam Beispiel',
        false,
        '[sticker]',
      ],
      [
        '2024-04-02T07:16:00.000Z',
        'Laufgruppe Mitte',
        'message',
        'Alex Example',
        true,
        'Samstag 8 Uhr am https://example.org/treffpunkt',
      ],
    ])
    expect(new Set(records.map((r) => r.record['platform']))).toEqual(new Set(['telegram']))
  })

  it('gives the same ids on every import and in any chunking', async () => {
    const ids = async (chunk: number): Promise<string[]> =>
      (await readAllRecords(telegramImporter, bytesSource('result.json', bytes(), chunk))).map(
        (r) => String(r.record['id']),
      )
    const whole = await ids(1 << 20)
    expect(new Set(whole).size).toBe(7)
    expect(await ids(7)).toEqual(whole)
  })

  it('reads one exported chat, with `date` in local time when there is no date_unixtime', async () => {
    const chat = json({
      name: 'Ana',
      type: 'personal_chat',
      id: 9,
      messages: [
        { id: 5, type: 'message', date: '2024-01-02T09:30:00', from: 'Ana', text: 'Hola' },
      ],
    })
    const [utc] = await readAllRecords(telegramImporter, sourceFromBytes('result.json', chat), {
      me: 'Ana',
    })
    expect(utc?.record).toMatchObject({ sentAt: Date.UTC(2024, 0, 2, 9, 30), fromMe: true })
    const [madrid] = await readAllRecords(telegramImporter, sourceFromBytes('result.json', chat), {
      utcOffsetMinutes: 60,
    })
    expect(madrid?.record['sentAt']).toBe(Date.UTC(2024, 0, 2, 8, 30))
  })

  it('refuses malformed exports with ImportFormatError and a position', async () => {
    for (const bad of [
      json({ chats: { list: [{ name: 'x', messages: [{ id: 1, text: 'no date' }] }] } }),
      json({ name: 'x', messages: [{ id: 1, date_unixtime: '1', text: 42 }] }),
      json({ name: 'x', messages: [{ date_unixtime: '1', text: 'no id' }] }),
      json({ something: 'else' }),
      new TextEncoder().encode('{"name":"x","messages":[{"id":1,'),
    ]) {
      const error = await thrown(() =>
        readAllRecords(telegramImporter, sourceFromBytes('result.json', bad)),
      )
      expect(error).toBeInstanceOf(ImportFormatError)
    }
    const error = await thrown(() =>
      readAllRecords(
        telegramImporter,
        sourceFromBytes('result.json', json({ name: 'x', messages: [{ id: 1 }] })),
      ),
    )
    expect((error as Error).message).toContain('record 1')
  })

  it('is read inside a Telegram Desktop export folder zipped', async () => {
    const zip = zipSync({
      'Telegram Desktop/DataExport_2024-05-07/result.json': bytes(),
      'Telegram Desktop/DataExport_2024-05-07/photos/photo_1@06-05-2024_10-21-30.jpg':
        new Uint8Array([0xff, 0xd8]),
    })
    const records: ImportedRecord[] = []
    const entries: unknown[] = []
    for await (const r of importFile(sourceFromBytes('telegram.zip', zip), {
      onEntry: (e: unknown) => entries.push(e),
    }))
      records.push(r)
    expect(records).toHaveLength(7)
    expect(entries).toContainEqual({
      path: 'Telegram Desktop/DataExport_2024-05-07/result.json',
      status: 'imported',
      format: 'telegram',
      counts: { messages: 7 },
    })
  })
})

describe('coffee-trigger on a Telegram chat in a vault', () => {
  it('fires on the German invitation of 10:20 (no location, so no shop)', async () => {
    using vault = await emptyVault()
    await vault.ingestAll(importFile(sourceFromBytes('result.json', bytes())))
    const bundle = await loadModuleFolder(
      fileURLToPath(new URL('../../algorithms/coffee-trigger/', import.meta.url)),
    )
    const now = Date.UTC(2024, 4, 6, 10, 21)
    // The last 30 minutes hold 10:02, 10:03 and 10:20: the new message is the third.
    const result = await runBundle(
      { source: vault, sandbox, consent: giveConsent(bundle, now) },
      bundle,
      { now, trigger: { collection: 'messages', firstRow: 2 } },
    )
    expect(result.output).toEqual({ triggered: true, shopId: null })
  })
})
