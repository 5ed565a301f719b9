/**
 * Telegram `result.json` and the Meta JSON files are streamed: a 20 MB export imports under a
 * record cap 300 times smaller than the file, a record past the cap is refused with its code, a
 * file that breaks after thousands of records leaves the vault as it was, and exports written in
 * another key order than the apps' give the same records or a typed refusal, never other records.
 * (The 200 MB run and its memory and throughput are in `bench/importers/json-stream.ts`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ImportFormatError,
  ImportLimitError,
  metaSocialImporter,
  sourceFromBytes,
  telegramImporter,
} from '../../runtime/importers/index.ts'
import type { Vault } from '../../runtime/vault/index.ts'
import { readAllRecords, sharedFixture, textSource, thrown } from './_exports.ts'
import { generatedTelegramExport } from './_telegram_export.ts'
import { emptyVault, refusedIntoVault, vaultState } from './_vault.ts'

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value))
const msg = (id: number, text: string, extra: object = {}): object => ({
  id,
  type: 'message',
  date_unixtime: String(1_700_000_000 + id),
  from: 'Sam',
  from_id: 'user2',
  text,
  ...extra,
})

let vault: Vault
beforeAll(async () => {
  vault = await emptyVault()
  await vault.ingestAll(
    telegramImporter.read(
      sourceFromBytes('result.json', sharedFixture('messages/synthetic_telegram_result.json')),
    ),
  )
})
afterAll(() => vault.close())

describe('Telegram result.json, streamed', () => {
  it('imports a 20 MB export with a record cap 300 times smaller than the file', async () => {
    const generated = generatedTelegramExport(20 * 1024 * 1024)
    const maxBytes = 64 * 1024
    let count = 0
    let first: Readonly<Record<string, unknown>> | undefined
    const ids = new Set<string>()
    for await (const { collection, record } of telegramImporter.read(generated.source, {
      maxBytes,
    })) {
      expect(collection).toBe('messages')
      first ??= record
      if (count % 97 === 0) ids.add(String(record['id']))
      count++
    }
    expect(generated.bytes()).toBeGreaterThan(20 * 1024 * 1024)
    expect(generated.bytes() / maxBytes).toBeGreaterThan(300)
    expect(count).toBe(generated.messages())
    expect(count).toBeGreaterThan(60_000)
    expect(ids.size).toBe(Math.ceil(count / 97))
    // personal_information (user 5550001) comes before the chats: message 0 is from "me".
    expect(first).toMatchObject({
      conversation: 'Chat 0',
      sender: 'Alex Example',
      fromMe: true,
      text: 'Nachricht 0: Grüße aus Köln, "bis später" — café ☕ ',
    })
  })

  it('refuses one message larger than maxBytes with SEALPOST_IMPORT_RECORD_TOO_LARGE', async () => {
    const big = json({
      name: 'A',
      type: 'personal_chat',
      id: 1,
      messages: [msg(1, 'x'.repeat(5000))],
    })
    const error = await thrown(() =>
      readAllRecords(telegramImporter, sourceFromBytes('result.json', big), { maxBytes: 4096 }),
    )
    expect(error).toBeInstanceOf(ImportLimitError)
    expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_RECORD_TOO_LARGE')
    // The file as a whole may be far larger than the cap.
    const many = json({
      name: 'A',
      type: 'personal_chat',
      id: 1,
      messages: Array.from({ length: 2000 }, (_, i) => msg(i, `message ${i}`)),
    })
    expect(many.length).toBeGreaterThan(100 * 1024)
    const records = await readAllRecords(telegramImporter, sourceFromBytes('result.json', many), {
      maxBytes: 4096,
    })
    expect(records).toHaveLength(2000)
  })

  it('leaves the vault as it was when the file breaks after thousands of records', async () => {
    const whole = json({
      name: 'A',
      type: 'personal_chat',
      id: 1,
      messages: Array.from({ length: 20_000 }, (_, i) => msg(i, `message ${i}`)),
    })
    const before = await vaultState(vault)
    for (const bad of [
      whole.subarray(0, whole.length - 10), // truncated
      new Uint8Array([...whole.subarray(0, whole.length - 2), 0x2c, 0x5d, 0x7d]), // trailing comma
      new Uint8Array([...whole, 0x20, 0x78]), // garbage after the value
    ]) {
      const error = await refusedIntoVault(vault, sourceFromBytes('result.json', bad), {
        format: 'telegram',
      })
      expect(error).toBeInstanceOf(ImportFormatError)
      expect((error as ImportFormatError).message).toMatch(/not valid JSON.*line 1, column \d+/)
    }
    const tooBig = await refusedIntoVault(vault, sourceFromBytes('result.json', whole), {
      format: 'telegram',
      limits: { maxRecords: 15_000 },
    })
    expect((tooBig as ImportLimitError).code).toBe('SEALPOST_IMPORT_TOO_MANY_RECORDS')
    expect(await vaultState(vault)).toEqual(before)
  })

  it('gives the same records when a chat names itself after its messages', async () => {
    const messages = [msg(1, 'a'), msg(2, 'b')]
    const telegramOrder = json({ name: 'Ana', type: 'personal_chat', id: 7, messages })
    const sortedKeys = json({ id: 7, messages, name: 'Ana', type: 'personal_chat' })
    const a = await readAllRecords(telegramImporter, sourceFromBytes('result.json', telegramOrder))
    const b = await readAllRecords(telegramImporter, sourceFromBytes('result.json', sortedKeys))
    expect(b).toEqual(a)
    expect(a.map((r) => r.record['conversation'])).toEqual(['Ana', 'Ana'])
  })

  it('refuses an envelope field that would rename messages already read', async () => {
    const lateName = textSource(
      'result.json',
      `{"type":"personal_chat","id":7,"messages":[${JSON.stringify(msg(1, 'a'))}],"name":"Ana"}`,
    )
    const error = await thrown(() => readAllRecords(telegramImporter, lateName))
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as Error).message).toContain('name comes after the messages it names')
    const latePerson = json({
      chats: { list: [{ name: 'A', type: 'personal_chat', id: 1, messages: [msg(1, 'a')] }] },
      personal_information: { user_id: 2 },
    })
    const personError = await thrown(() =>
      readAllRecords(telegramImporter, sourceFromBytes('result.json', latePerson)),
    )
    expect((personError as Error).message).toContain('personal_information comes after the chats')
  })
})

describe('Meta JSON files, streamed', () => {
  it('reads a list far larger than its record cap, one entry at a time', async () => {
    const followers = Array.from({ length: 5000 }, (_, i) => ({
      title: '',
      media_list_data: [],
      string_list_data: [
        {
          href: `https://www.instagram.com/user_${i}`,
          value: `user_${i}`,
          timestamp: 1_600_000_000 + i,
        },
      ],
    }))
    const bytes = json(followers)
    const records = await readAllRecords(
      metaSocialImporter,
      sourceFromBytes('followers_1.json', bytes),
      { maxBytes: 1024, exportedAt: 0 },
    )
    expect(bytes.length / 1024).toBeGreaterThan(500)
    expect(records).toHaveLength(5000)
    expect(records[4999]?.record).toMatchObject({ account: 'user_4999', direction: 'follower' })
    const error = await thrown(() =>
      readAllRecords(metaSocialImporter, sourceFromBytes('followers_1.json', bytes), {
        maxBytes: 100,
      }),
    )
    expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_RECORD_TOO_LARGE')
  })

  it('refuses a second list in one file once the first gave records', async () => {
    const both = '{"friends_v2":[{"name":"A","timestamp":5}],"relationships_following":[]}'
    const error = await thrown(() =>
      readAllRecords(metaSocialImporter, textSource('x.json', both), { exportedAt: 0 }),
    )
    expect(error).toBeInstanceOf(ImportFormatError)
    // Keys that are no people list are skipped, even when named like Object.prototype's.
    const odd = '{"constructor":[1],"toString":{},"followers_v2":[{"name":"C","timestamp":9}]}'
    const records = await readAllRecords(metaSocialImporter, textSource('x.json', odd), {
      exportedAt: 0,
    })
    expect(records.map((r) => r.record['direction'])).toEqual(['follower'])
  })
})
