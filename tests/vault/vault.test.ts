import 'fake-indexeddb/auto'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { frameFromRecords, columnValue } from '../../sandbox/frame/codec.ts'
import type { Frame } from '../../sandbox/frame/types.ts'
import { importFile, sourceFromBytes } from '../../runtime/importers/index.ts'
import { memoryStorage, openFsStorage, openIndexedDbStorage } from '../../runtime/storage/index.ts'
import type { Storage } from '../../runtime/storage/index.ts'
import {
  createVault,
  createVaultAt,
  destroyVault,
  InvalidRecordError,
  LIGHT_SCRYPT,
  NotAVaultError,
  openVault,
  openVaultAt,
  UnknownCollectionError,
  VaultClosedError,
  VaultExistsError,
  WrongPassphraseError,
} from '../../runtime/vault/index.ts'
import type { ViewSource } from '../../runtime/vault/index.ts'
import { allSchemas, fixture, makePings, PINGS_SCHEMA, PW } from './_helpers.ts'

const schemas = { pings: PINGS_SCHEMA }
const opts = { scrypt: LIGHT_SCRYPT, schemas, chunkRows: 64 }
const layout = {
  name: 'pings',
  timeField: 'at',
  kinds: { id: 'text', at: 'time', lat: 'number', lon: 'number', place: 'category' },
} as const

/** Plain rows of a frame, for comparing frames built different ways. */
function rows(frame: Frame): Record<string, unknown>[] {
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(Object.entries(frame.columns).map(([f, c]) => [f, columnValue(c, i)])),
  )
}

let db = 0
const backends: readonly [string, () => Promise<Storage>][] = [
  ['memory', async () => memoryStorage()],
  ['fs', async () => openFsStorage(join(await mkdtemp(join(tmpdir(), 'sp-vault-')), 'v'))],
  ['indexeddb', async () => openIndexedDbStorage(`sp-vault-${++db}`)],
]

describe.each(backends)('vault on %s storage', (_kind, make) => {
  it('stores records, reopens with the passphrase and serves the same view', async () => {
    const storage = await make()
    const records = makePings(300)
    const vault = await createVault(storage, PW, opts)
    expect(await vault.ingest('pings', records)).toEqual({ added: 300, duplicates: 0 })
    const from = Date.UTC(2024, 3, 1)
    const to = Date.UTC(2024, 6, 1)
    const expected = frameFromRecords(layout, records, ['at', 'place'], from, to)
    expect(expected.length).toBeGreaterThan(30)
    vault.close()
    const again = await openVault(storage, PW, { schemas })
    const frame = await again.view({ collection: 'pings', fields: ['at', 'place'], from, to })
    expect(frame.length).toBe(expected.length)
    expect(rows(frame)).toEqual(rows(expected))
    again.close()
  })
})

describe('vault', () => {
  it('satisfies the run pipeline ViewSource contract', async () => {
    const source: ViewSource = await createVault(memoryStorage(), PW, opts)
    const frame = await source.view({ collection: 'pings', fields: ['lat'], from: 0, to: 1 })
    expect(frame).toEqual({
      collection: 'pings',
      length: 0,
      columns: { lat: { kind: 'number', values: new Float64Array(0) } },
    })
  })

  it('views equal the in-memory reference for any records, window, field set and chunk size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 3 }),
        fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })),
        fc.subarray(['id', 'at', 'lat', 'lon', 'place']),
        async (n, chunkRows, batches, [a, b], fields) => {
          const all = makePings(n, n + chunkRows, 0, 1000)
          const vault = await createVault(memoryStorage(), PW, { ...opts, chunkRows })
          const per = Math.ceil(n / batches)
          for (let i = 0; i < n; i += per) await vault.ingest('pings', all.slice(i, i + per))
          const [from, to] = [Math.min(a, b), Math.max(a, b)]
          const frame = await vault.view({ collection: 'pings', fields, from, to })
          const ref = frameFromRecords(layout, all, fields, from, to)
          expect(frame.length).toBe(ref.length)
          // Equal times may come in any chunk order, so compare as time-sorted multisets.
          const key = (r: Record<string, unknown>) => JSON.stringify(r)
          expect(rows(frame).map(key).sort()).toEqual(rows(ref).map(key).sort())
          if (fields.includes('at')) {
            const t = (frame.columns.at as { values: Float64Array }).values
            for (let i = 1; i < t.length; i++) expect(t[i - 1]!).toBeLessThanOrEqual(t[i]!)
          }
          vault.close()
        },
      ),
      { numRuns: 40 },
    )
  })

  it('skips records whose id is already stored or repeated in the batch (re-import is idempotent)', async () => {
    const vault = await createVault(memoryStorage(), PW, opts)
    const records = makePings(100)
    expect(await vault.ingest('pings', records.slice(0, 60))).toEqual({ added: 60, duplicates: 0 })
    expect(await vault.ingest('pings', [...records, records[99]!])).toEqual({
      added: 40,
      duplicates: 61,
    })
    const gen = vault.generation
    expect(await vault.ingest('pings', records)).toEqual({ added: 0, duplicates: 100 })
    expect(vault.generation).toBe(gen) // nothing new, no commit
    expect((await vault.stats()).collections.pings!.rows).toBe(100)
  })

  it('refuses an invalid record by position and stores nothing of the batch', async () => {
    const vault = await createVault(memoryStorage(), PW, opts)
    const records: Record<string, unknown>[] = makePings(10)
    records[7] = { ...records[7], lat: 123 }
    const err = await vault.ingest('pings', records).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidRecordError)
    expect(err).toMatchObject({ code: 'SEALPOST_INVALID_RECORD', index: 7, collection: 'pings' })
    expect((err as InvalidRecordError).issues[0]!.instancePath).toBe('/lat')
    await expect(
      vault.ingest('pings', [{ id: 'x', at: 1, lat: 0, lon: 0, extra: 1 }]),
    ).rejects.toBeInstanceOf(InvalidRecordError)
    expect(vault.generation).toBe(0)
    expect((await vault.stats()).collections).toEqual({})
  })

  it('refuses unknown collections and fields with a named error', async () => {
    const vault = await createVault(memoryStorage(), PW, opts)
    await expect(vault.ingest('nope', [])).rejects.toBeInstanceOf(UnknownCollectionError)
    await expect(
      vault.view({ collection: 'pings', fields: ['speed'], from: 0, to: 1 }),
    ).rejects.toMatchObject({
      code: 'SEALPOST_UNKNOWN_COLLECTION',
    })
  })

  it('reports a wrong passphrase by name and leaves the storage untouched', async () => {
    const storage = memoryStorage()
    const vault = await createVault(storage, PW, opts)
    await vault.ingest('pings', makePings(5))
    vault.close()
    const before = await snapshot(storage)
    const err = await openVault(storage, 'wrong').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WrongPassphraseError)
    expect(err).toMatchObject({ code: 'SEALPOST_WRONG_PASSPHRASE' })
    expect(await snapshot(storage)).toEqual(before)
  })

  it('refuses to create over an existing vault and to open an empty storage', async () => {
    const storage = memoryStorage()
    await createVault(storage, PW, opts)
    await expect(createVault(storage, PW, opts)).rejects.toBeInstanceOf(VaultExistsError)
    await expect(openVault(memoryStorage(), PW)).rejects.toBeInstanceOf(NotAVaultError)
  })

  it('uses strong scrypt (N=2^17, r=8, p=1) unless told otherwise', async () => {
    const storage = memoryStorage()
    const vault = await createVault(storage, PW)
    const header = JSON.parse(new TextDecoder().decode((await storage.read('header'))!)) as {
      kdf: { N: number; r: number; p: number; salt: string }
    }
    expect(header.kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 })
    expect(header.kdf.salt).toMatch(/^[0-9a-f]{32}$/)
    expect((await vault.stats()).kdf).toEqual({ N: 2 ** 17, r: 8, p: 1 })
  })

  it('rekey re-wraps the key: the new passphrase opens it, the old one no longer does, records unchanged', async () => {
    const storage = memoryStorage()
    const vault = await createVault(storage, PW, opts)
    await vault.ingest('pings', makePings(50))
    const objectsBefore = (await storage.list()).filter((n) => n.startsWith('o-'))
    await vault.rekey('new passphrase', { scrypt: LIGHT_SCRYPT })
    expect((await storage.list()).filter((n) => n.startsWith('o-'))).toEqual(objectsBefore)
    vault.close()
    await expect(openVault(storage, PW)).rejects.toBeInstanceOf(WrongPassphraseError)
    const again = await openVault(storage, 'new passphrase', { schemas })
    expect((await again.stats()).collections.pings!.rows).toBe(50)
  })

  it('searches by time range, field values, ranges and accent-insensitive text', async () => {
    const vault = await createVault(memoryStorage(), PW, { scrypt: LIGHT_SCRYPT })
    const t = (m: number, d: number) => Date.UTC(2025, m, d)
    const tx = (id: string, at: number, merchant: string, category: string, amount: number) => ({
      id,
      orderedAt: at,
      merchant,
      category,
      amount,
      currency: 'EUR',
    })
    await vault.ingest('purchases', [
      tx('1', t(2, 3), 'Boulangerie Café Crème', 'bakery', 4.2),
      tx('2', t(2, 20), 'Aldi', 'groceries', 31),
      tx('3', t(2, 28), 'Bäckerei Kamps', 'bakery', 3.1),
      tx('4', t(3, 2), 'Boulangerie Paul', 'bakery', 5),
      tx('5', t(1, 27), 'Boulangerie Paul', 'bakery', 2),
    ])
    const march = { from: t(2, 1), to: t(3, 1) }
    const bakeries = await vault.search({
      collection: 'purchases',
      ...march,
      where: { category: 'bakery' },
    })
    expect(bakeries.map((r) => r.id)).toEqual(['1', '3'])
    expect(
      (await vault.search({ collection: 'purchases', text: 'cafe creme' })).map((r) => r.id),
    ).toEqual(['1'])
    expect(
      (await vault.search({ collection: 'purchases', text: 'BACKEREI' })).map((r) => r.id),
    ).toEqual(['3'])
    const big = await vault.search({
      collection: 'purchases',
      where: { amount: { gte: 4.2, lte: 31 } },
    })
    expect(big.map((r) => r.id)).toEqual(['1', '2', '4'])
    expect(await vault.search({ collection: 'purchases', limit: 2 })).toHaveLength(2)
    expect(bakeries[0]).toEqual(tx('1', t(2, 3), 'Boulangerie Café Crème', 'bakery', 4.2))
    await expect(
      vault.search({ collection: 'purchases', where: { colour: 'red' } }),
    ).rejects.toThrow(RangeError)
  })

  it('keeps documents under the same commit and exports everything as plain JSON', async () => {
    const storage = memoryStorage()
    const vault = await createVault(storage, PW, opts)
    const records = makePings(20)
    await vault.ingest('pings', records)
    await vault.putDocs({
      consents: [{ bundle: 'a', state: 'given' }],
      'audit-log': { head: 'abc' },
    })
    await vault.putDoc('audit-log', { head: 'def' })
    await vault.putDocs({ consents: undefined })
    expect(vault.docNames()).toEqual(['audit-log'])
    vault.close()
    const again = await openVault(storage, PW, { schemas })
    expect(await again.getDoc('audit-log')).toEqual({ head: 'def' })
    expect(await again.getDoc('consents')).toBeUndefined()
    const exported = await again.export()
    expect(exported.docs).toEqual({ 'audit-log': { head: 'def' } })
    const sorted = [...records].sort((a, b) => a.at - b.at)
    expect(exported.collections.pings).toEqual(sorted)
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported)
  })

  it('deleteCollection removes the records and their objects', async () => {
    const storage = memoryStorage()
    const vault = await createVault(storage, PW, opts)
    await vault.ingest('pings', makePings(200))
    await vault.putDoc('keep', 1)
    expect((await storage.list()).length).toBeGreaterThan(10)
    expect(await vault.deleteCollection('pings')).toBe(200)
    expect(await storage.list()).toHaveLength(4) // header, manifest, counter, the document
    expect(
      (await vault.view({ collection: 'pings', fields: ['at'], from: -Infinity, to: Infinity }))
        .length,
    ).toBe(0)
    expect(await vault.ingest('pings', makePings(3))).toEqual({ added: 3, duplicates: 0 })
  })

  it('compacts many small overlapping chunks into full time-ordered ones with the same content', async () => {
    const storage = memoryStorage()
    const vault = await createVault(storage, PW, { ...opts, chunkRows: 50 })
    for (let i = 0; i < 10; i++) await vault.ingest('pings', makePings(17, i + 1))
    const before = await vault.export()
    const result = await vault.compact()
    expect(result).toEqual({ chunksBefore: 10, chunksAfter: 4 })
    const after = await vault.export()
    expect(after.collections).toEqual(before.collections)
    expect(await vault.compact()).toEqual({ chunksBefore: 4, chunksAfter: 4 })
    const sizes = (await vault.stats()).collections.pings!
    expect(sizes).toMatchObject({ rows: 170, chunks: 4 })
  })

  it('wipes the key on close and refuses use afterwards', async () => {
    const vault = await createVault(memoryStorage(), PW, opts)
    {
      using v = vault
      expect(v.alive).toBe(true)
    }
    expect(vault.alive).toBe(false)
    await expect(vault.stats()).rejects.toBeInstanceOf(VaultClosedError)
  })

  it('destroyVault removes every object and the folder', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'sp-vault-')), 'v')
    const vault = await createVaultAt(dir, PW, opts)
    await vault.ingest('pings', makePings(10))
    vault.close()
    const again = await openVaultAt(dir, PW, { schemas })
    expect((await again.stats()).collections.pings!.rows).toBe(10)
    again.close()
    await destroyVault(await openFsStorage(dir))
    await expect(readFile(join(dir, 'header'))).rejects.toThrow(/ENOENT/)
  })

  it('imports a real GPX export idempotently and serves its heart-rate track', async () => {
    const bytes = new Uint8Array(await readFile(fixture('wearables/run.gpx')))
    const vault = await createVault(memoryStorage(), PW, {
      scrypt: LIGHT_SCRYPT,
      schemas: allSchemas(),
    })
    const first = await vault.ingestAll(importFile(sourceFromBytes('run.gpx', bytes)))
    expect(first).toEqual({
      activities: { added: 1, duplicates: 0 },
      locations: { added: 206, duplicates: 0 },
    })
    const second = await vault.ingestAll(importFile(sourceFromBytes('run.gpx', bytes)))
    expect(second).toEqual({
      activities: { added: 0, duplicates: 1 },
      locations: { added: 0, duplicates: 206 },
    })
    const frame = await vault.view({
      collection: 'locations',
      fields: ['at', 'lat'],
      from: 0,
      to: Date.UTC(2030, 0),
    })
    expect(frame.length).toBe(206)
    // First trackpoint of the file: 2012-10-24T23:29:40Z, lat 38.92747367732227
    expect((frame.columns.at as { values: Float64Array }).values[0]).toBe(
      Date.UTC(2012, 9, 24, 23, 29, 40),
    )
    expect((frame.columns.lat as { values: Float64Array }).values[0]).toBe(38.92747367732227)
  })
})

async function snapshot(storage: Storage): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const n of await storage.list())
    out[n] = Buffer.from((await storage.read(n))!).toString('hex')
  return out
}
