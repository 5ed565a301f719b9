/**
 * Every import under caps on rows, bytes, time and memory (`runtime/importers/limits.ts`): a
 * browser history whose tables are views that never end, huge row counts, a huge single field, a
 * source that stalls or never ends, an import that holds too much memory. Each ends in an
 * `ImportLimitError` with its own code, and a vault that held data before holds exactly that after.
 */
import initSqlJs, { type Database } from 'sql.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_IMPORT_LIMITS,
  ImportLimitError,
  importFile,
  resolveLimits,
  sourceFromBytes,
} from '../../runtime/importers/index.ts'
import type { ImportSource } from '../../runtime/importers/index.ts'
import { locateSqlJsFile } from '../../runtime/importers/_sql_wasm_node.ts'
import type { Vault } from '../../runtime/vault/index.ts'
import { sharedFixture } from './_exports.ts'
import { emptyVault, refusedIntoVault, vaultState } from './_vault.ts'

let SQL: Awaited<ReturnType<typeof initSqlJs>>
let vault: Vault
beforeAll(async () => {
  SQL = await initSqlJs({ locateFile: locateSqlJsFile })
  vault = await emptyVault()
  // The vault already holds a real import: refusals must leave it as it is.
  await vault.ingestAll(importFile(sourceFromBytes('run.gpx', sharedFixture('wearables/run.gpx'))))
})
afterAll(() => vault.close())

/** A places.sqlite made with `build` (Firefox's two history tables unless the callback differs). */
function places(build: (db: Database) => void): Uint8Array {
  const db = new SQL.Database()
  try {
    build(db)
    return db.export()
  } finally {
    db.close()
  }
}

const FIREFOX_TABLES = `
  CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR);
  CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER,
    visit_type INTEGER);`

function firefoxRows(db: Database, n: number, url = (i: number) => `https://example.org/${i}`) {
  db.run(FIREFOX_TABLES)
  db.run('BEGIN')
  const page = db.prepare('INSERT INTO moz_places VALUES (?, ?, ?)')
  const visit = db.prepare('INSERT INTO moz_historyvisits VALUES (?, ?, ?, 1)')
  for (let i = 1; i <= n; i++) {
    page.run([i, url(i), `page ${i}`])
    visit.run([i, i, 1_600_000_000_000_000 + i * 1_000_000])
  }
  page.free()
  visit.free()
  db.run('COMMIT')
}

const code = (error: unknown): string | undefined => (error as { code?: string }).code

// First, while this worker's heap holds little garbage that a collection could free meanwhile.
describe('memory', () => {
  it('ends an import that holds more memory than maxMemoryBytes', async () => {
    // A whole-document format (FHIR JSON) holds what it reads until the end: 48 MiB here.
    const piece = 64 * 1024
    const big: ImportSource = {
      name: 'bundle.json',
      async *chunks() {
        yield new TextEncoder().encode('{"resourceType":"Bundle","type":"collection","x":"')
        for (let i = 0; i < 768; i++) yield new Uint8Array(piece).fill(0x61)
        yield new TextEncoder().encode('"}')
      },
    }
    const error = await refusedIntoVault(vault, big, {
      format: 'fhir',
      limits: { maxMemoryBytes: 8 * 1024 * 1024 },
    })
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_OUT_OF_MEMORY', limit: 'memory' })
  })
})

describe('a browser history database that never ends', () => {
  it('refuses history tables that are recursive views, before reading a row', async () => {
    // The shape that ran 9 minutes and reached 4.2 GB: both tables are views over an endless CTE.
    const bytes = places((db) =>
      db.run(`
        CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY);
        CREATE VIEW moz_places AS
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
          SELECT i AS id, 'https://example.org/' || i AS url, 'endless' AS title FROM n;
        CREATE VIEW moz_historyvisits AS
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
          SELECT i AS id, i AS place_id, 1600000000000000 + i AS visit_date, 1 AS visit_type
          FROM n;`),
    )
    const error = await refusedIntoVault(vault, sourceFromBytes('places.sqlite', bytes))
    expect(error).toBeInstanceOf(ImportLimitError)
    expect(code(error)).toBe('SEALPOST_IMPORT_UNSAFE_DATABASE')
    expect((error as Error).message).toContain('views')
  })

  it('refuses a view anywhere in the file, even when the history tables are plain', async () => {
    const bytes = places((db) => {
      firefoxRows(db, 3)
      db.run(`CREATE VIEW v AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
              SELECT i FROM n`)
    })
    const error = await refusedIntoVault(vault, sourceFromBytes('places.sqlite', bytes))
    expect(code(error)).toBe('SEALPOST_IMPORT_UNSAFE_DATABASE')
  })

  it('refuses generated columns, which SQLite computes on every read', async () => {
    const bytes = places((db) =>
      db.run(`
        CREATE TABLE moz_places (id INTEGER PRIMARY KEY, n INTEGER,
          url TEXT GENERATED ALWAYS AS (printf('%.*c', 1000 * n, 'x')) VIRTUAL, title TEXT);
        CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER,
          visit_date INTEGER, visit_type INTEGER);
        INSERT INTO moz_places (id, n, title) VALUES (1, 1, 't');
        INSERT INTO moz_historyvisits VALUES (1, 1, 1600000000000000, 1);`),
    )
    const error = await refusedIntoVault(vault, sourceFromBytes('places.sqlite', bytes))
    expect(code(error)).toBe('SEALPOST_IMPORT_UNSAFE_DATABASE')
    expect((error as Error).message).toContain('generated columns')
  })

  it('still reads a plain history database with triggers (they only run on writes)', async () => {
    const bytes = places((db) => {
      firefoxRows(db, 5)
      db.run(`CREATE TRIGGER t AFTER INSERT ON moz_places BEGIN
                DELETE FROM moz_historyvisits; END`)
    })
    const records = []
    for await (const r of importFile(sourceFromBytes('places.sqlite', bytes))) records.push(r)
    expect(records.map((r) => r.record['url'])).toEqual(
      [1, 2, 3, 4, 5].map((i) => `https://example.org/${i}`),
    )
  })
})

describe('huge row counts', () => {
  it('refuses a history with more visits than the cap from its row count, reading none', async () => {
    const bytes = places((db) => firefoxRows(db, 3000))
    const error = await refusedIntoVault(vault, sourceFromBytes('places.sqlite', bytes), {
      limits: { maxRecords: 1000 },
    })
    expect(error).toBeInstanceOf(ImportLimitError)
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_TOO_MANY_RECORDS', max: 1000 })
    expect((error as Error).message).toContain('moz_historyvisits has 3000 rows')
  })

  it('stops any format at the record cap: a bank CSV of 50 lines under a cap of 20', async () => {
    const lines = ['Date,Description,Amount,Currency']
    for (let i = 1; i <= 50; i++)
      lines.push(`2024-01-${String((i % 28) + 1).padStart(2, '0')},Shop ${i},-${i}.50,EUR`)
    const csv = new TextEncoder().encode(lines.join('\n'))
    const error = await refusedIntoVault(vault, sourceFromBytes('statement.csv', csv), {
      limits: { maxRecords: 20 },
    })
    expect(error).toMatchObject({
      code: 'SEALPOST_IMPORT_TOO_MANY_RECORDS',
      limit: 'records',
      format: 'bank-csv',
    })
    // Under the cap the same file imports whole.
    const records = []
    for await (const r of importFile(sourceFromBytes('statement.csv', csv), {
      limits: { maxRecords: 50 },
    }))
      records.push(r)
    expect(records).toHaveLength(50)
  })

  it('counts the records of every entry of an archive against one cap', async () => {
    const { zipSync } = await import('fflate')
    const gpx = sharedFixture('wearables/run.gpx')
    const zip = zipSync({ 'a/run.gpx': gpx, 'b/run.gpx': gpx, 'c/run.gpx': gpx })
    const all = []
    for await (const r of importFile(sourceFromBytes('x.zip', zip))) all.push(r)
    const error = await refusedIntoVault(vault, sourceFromBytes('x.zip', zip), {
      limits: { maxRecords: all.length - 1 },
    })
    expect(code(error)).toBe('SEALPOST_IMPORT_TOO_MANY_RECORDS')
  })
})

describe('a huge single field', () => {
  it('cuts an 8 MB URL inside SQLite and imports the visit', async () => {
    const long = `https://example.org/${'a'.repeat(8 * 1024 * 1024)}`
    const bytes = places((db) => firefoxRows(db, 2, (i) => (i === 1 ? long : `https://x.org/${i}`)))
    const records = []
    for await (const r of importFile(sourceFromBytes('places.sqlite', bytes))) records.push(r)
    expect(records).toHaveLength(2)
    const url = String(records[0]?.record['url'])
    expect(url.length).toBeLessThanOrEqual(4000)
    expect(long.startsWith(url)).toBe(true)
  })

  it('refuses a record larger than maxRecordBytes with SEALPOST_IMPORT_FIELD_TOO_LARGE', async () => {
    const chat = `12/03/2021, 09:15 - Ana: hi\n12/03/2021, 09:16 - Ben: ${'z'.repeat(5000)}\n`
    const error = await refusedIntoVault(
      vault,
      sourceFromBytes('WhatsApp Chat with Ana.txt', new TextEncoder().encode(chat)),
      { limits: { maxRecordBytes: 2000 } },
    )
    expect(error).toMatchObject({
      code: 'SEALPOST_IMPORT_FIELD_TOO_LARGE',
      limit: 'record-bytes',
      format: 'whatsapp',
    })
    expect((error as Error).message).toContain('record 2')
  })
})

describe('time', () => {
  it('ends an import whose source stalls', async () => {
    const stalled: ImportSource = {
      name: 'WhatsApp Chat with Ana.txt',
      async *chunks() {
        yield new TextEncoder().encode('12/03/2021, 09:15 - Ana: hi\n')
        await new Promise(() => undefined) // never resolves: a pipe that never closes
      },
    }
    const error = await refusedIntoVault(vault, stalled, { limits: { maxMillis: 300 } })
    expect(error).toBeInstanceOf(ImportLimitError)
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_TIMEOUT', max: 300 })
  })

  it('ends an import of a source that never ends', async () => {
    let chunks = 0
    const endless: ImportSource = {
      name: 'WhatsApp Chat with Ana.txt',
      async *chunks() {
        for (;;) {
          chunks++
          yield new TextEncoder().encode(`12/03/2021, 09:15 - Ana: message ${chunks}\n`)
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
      },
    }
    const error = await refusedIntoVault(vault, endless, { limits: { maxMillis: 300 } })
    expect(code(error)).toBe('SEALPOST_IMPORT_TIMEOUT')
    expect(chunks).toBeGreaterThan(1)
  })
})

describe('bytes', () => {
  it('refuses a file past maxSourceBytes', async () => {
    const csv = new TextEncoder().encode(
      'Date,Description,Amount,Currency\n' + '2024-01-02,Shop,-1.00,EUR\n'.repeat(100_000),
    )
    const error = await refusedIntoVault(vault, sourceFromBytes('statement.csv', csv), {
      limits: { maxSourceBytes: 1024 * 1024 },
    })
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_TOO_LARGE', limit: 'source-bytes' })
  })
})

describe('the limits themselves', () => {
  it('are finite, documented defaults that a host can override one by one', () => {
    for (const [key, value] of Object.entries(DEFAULT_IMPORT_LIMITS)) {
      expect(Number.isFinite(value) && value > 0, key).toBe(true)
    }
    expect(resolveLimits({ maxRecords: 5 })).toEqual({ ...DEFAULT_IMPORT_LIMITS, maxRecords: 5 })
  })

  it('refuse a cap that is not a positive number, and a name that is not a limit', () => {
    expect(() => resolveLimits({ maxRecords: Number.NaN })).toThrow(RangeError)
    expect(() => resolveLimits({ maxMillis: -1 })).toThrow(RangeError)
    expect(() => resolveLimits({ maxRecords: 0 })).toThrow(RangeError)
    expect(() => resolveLimits({ maxRows: 5 })).toThrow(/not a limit/)
    expect(resolveLimits({ maxMemoryBytes: 0 }).maxMemoryBytes).toBe(0)
  })

  it('leave the vault as it was after every refusal above', async () => {
    const state = await vaultState(vault)
    expect(state.rows['activities']).toBe(1)
  })
})
