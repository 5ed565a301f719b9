import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import initSqlJs from 'sql.js'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import { locateSqlJsFile } from '../../runtime/importers/_sql_wasm_node.ts'
import { domainOf, searchQuery } from '../../runtime/importers/_search_url.ts'
import {
  browserHistoryImporter,
  myActivityImporter,
  unwrapGoogleRedirect,
} from '../../runtime/importers/browser_history.ts'
import {
  bytesSource,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const FIREFOX = 'browsing/firefox_places_test_profile.sqlite'
const ACTIVITY = 'browsing/google_takeout_my_activity_search.json'

async function firefox(chunkSize?: number) {
  const source = bytesSource('places.sqlite', sharedFixture(FIREFOX), chunkSize)
  return readAllRecords(browserHistoryImporter, source)
}

/** A tiny Chromium `History` database made here (no licensed Chrome fixture exists). */
async function chromiumHistory(
  visits: readonly {
    url: string
    title: string
    timeMs: number
    transition: number
    durationUs: number
  }[],
): Promise<Uint8Array> {
  const SQL = await initSqlJs({ locateFile: locateSqlJsFile })
  const db = new SQL.Database()
  try {
    db.run('CREATE TABLE urls (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR)')
    db.run(
      'CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER NOT NULL, visit_time INTEGER NOT NULL, transition INTEGER, visit_duration INTEGER)',
    )
    visits.forEach((v, i) => {
      db.run('INSERT INTO urls VALUES (?, ?, ?)', [i + 1, v.url, v.title])
      const filetimeUs = (v.timeMs + 11_644_473_600_000) * 1000
      db.run('INSERT INTO visits VALUES (?, ?, ?, ?, ?)', [
        i + 1,
        i + 1,
        filetimeUs,
        v.transition,
        v.durationUs,
      ])
    })
    return db.export()
  } finally {
    db.close()
  }
}

describe('browser history importer (SQLite)', () => {
  it('recognises a Firefox places.sqlite by its tables', () => {
    expect(browserHistoryImporter.sniff(sharedFixture(FIREFOX).subarray(0, 65536), 'x')).toBe(95)
    expect(browserHistoryImporter.sniff(new TextEncoder().encode('{"a":1}'), 'places.sqlite')).toBe(
      0,
    )
  })

  it('reads the 26 visits of the Firefox profile in time order with PRTime converted', async () => {
    const records = recordsOf(await firefox(), 'browsing')
    expect(records).toHaveLength(26)
    expect(records[0]).toMatchObject({
      visitedAt: 1716565337883, // 1716565337883336 µs
      url: 'https://duckduckgo.com/',
      domain: 'duckduckgo.com',
      title: 'DuckDuckGo — Privacy, simplified.',
      transition: 'typed',
      kind: 'visit',
      source: 'browser-history:firefox',
    })
    expect(records.at(-1)).toMatchObject({
      url: 'https://dplyr.tidyverse.org/articles/base.html',
      title: 'dplyr base R • dplyr',
    })
    const times = records.map((r) => r.visitedAt as number)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(new Date(times[0] ?? 0).toISOString().slice(0, 10)).toBe('2024-05-24')
  })

  it('records visits to results pages as searches with their terms', async () => {
    const searches = recordsOf(await firefox(), 'browsing').filter((r) => r.kind === 'search')
    expect(searches.map((r) => r.query)).toEqual([
      'firefox',
      'firefox',
      'firefox',
      'Firefox',
      'Firefox',
      'github',
      'github',
      'github',
    ])
    expect(searches[3]).toMatchObject({ domain: 'en.wikipedia.org', transition: 'link' })
  })

  it('reads a Chromium History database: FILETIME, core transition and duration', async () => {
    const t = Date.UTC(2024, 4, 1, 12, 0, 0, 123)
    const bytes = await chromiumHistory([
      {
        url: 'https://www.google.com/search?q=trail+shoes',
        title: 'trail shoes - Google',
        timeMs: t,
        transition: 0x30000001,
        durationUs: 0,
      },
      {
        url: 'https://shop.example/shoes',
        title: 'Shoes',
        timeMs: t + 5000,
        transition: 0x00000000,
        durationUs: 42_500_000,
      },
    ])
    const records = recordsOf(
      await readAllRecords(browserHistoryImporter, bytesSource('History', bytes)),
      'browsing',
    )
    expect(
      records.map((r) => [r.visitedAt, r.kind, r.query, r.transition, r.durationSec, r.domain]),
    ).toEqual([
      [t, 'search', 'trail shoes', 'typed', undefined, 'google.com'],
      [t + 5000, 'visit', undefined, 'link', 42.5, 'shop.example'],
    ])
    expect(browserHistoryImporter.sniff(bytes, 'History')).toBeGreaterThanOrEqual(60)
  })

  it('gives the same ids when imported twice', async () => {
    const a = (await firefox()).map((r) => r.record.id)
    expect((await firefox(4096)).map((r) => r.record.id)).toEqual(a)
    expect(new Set(a).size).toBe(26)
  })

  it('yields records valid against the browsing schema', async () => {
    expect(schemaErrors(await firefox())).toEqual([])
  })

  it('refuses a file that is not SQLite, a truncated database and an unrelated database', async () => {
    const notSqlite = await thrown(() =>
      readAllRecords(browserHistoryImporter, textSource('places.sqlite', 'hello')),
    )
    expect(notSqlite).toBeInstanceOf(ImportFormatError)
    const truncated = sharedFixture(FIREFOX).subarray(0, 5000)
    const e2 = await thrown(() =>
      readAllRecords(browserHistoryImporter, bytesSource('places.sqlite', truncated)),
    )
    expect(e2).toBeInstanceOf(ImportFormatError)
    const SQL = await initSqlJs({ locateFile: locateSqlJsFile })
    const db = new SQL.Database()
    db.run('CREATE TABLE notes (id INTEGER)')
    const other = db.export()
    db.close()
    const e3 = await thrown(() =>
      readAllRecords(browserHistoryImporter, bytesSource('x.sqlite', other)),
    )
    expect((e3 as Error).message).toContain('neither Firefox nor Chromium')
  })

  it('throws nothing but ImportFormatError on corrupted databases (property)', async () => {
    const original = sharedFixture(FIREFOX)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(original.length - 1), fc.nat(255)), {
          minLength: 1,
          maxLength: 20,
        }),
        async (edits) => {
          const bytes = original.slice()
          for (const [at, value] of edits) bytes[at] = value
          const error = await thrown(() =>
            readAllRecords(browserHistoryImporter, bytesSource('places.sqlite', bytes)),
          )
          if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('Google My Activity importer', () => {
  it('recognises My Activity JSON', () => {
    expect(myActivityImporter.sniff(sharedFixture(ACTIVITY), 'My Activity.json')).toBe(85)
    expect(myActivityImporter.sniff(new TextEncoder().encode('[1, 2]'), 'x.json')).toBe(0)
  })

  it('turns "Visited" into a visit of the real page and "Searched for" into a search', async () => {
    const all = await readAllRecords(
      myActivityImporter,
      bytesSource('My Activity.json', sharedFixture(ACTIVITY)),
    )
    expect(recordsOf(all, 'browsing')).toEqual([
      expect.objectContaining({
        kind: 'visit',
        visitedAt: Date.parse('2019-05-30T15:37:18.828Z'),
        url: 'https://webapps.stackexchange.com/questions/95560/how-to-download-google-search-history',
        domain: 'webapps.stackexchange.com',
        title: 'data liberation - How to download Google Search history? - Web ...',
        source: 'google-my-activity:search',
      }),
      expect.objectContaining({
        kind: 'search',
        visitedAt: Date.parse('2019-05-30T15:37:14.947Z'),
        query: '"myactivity" google export',
        domain: 'google.com',
      }),
    ])
    expect(schemaErrors(all)).toEqual([])
  })

  it('refuses an item without a time', async () => {
    const text = JSON.stringify([
      { header: 'Search', title: 'Searched for x', titleUrl: 'https://www.google.com/search?q=x' },
    ])
    const error = await thrown(() => readAllRecords(myActivityImporter, textSource('a.json', text)))
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position.record).toBe(1)
  })

  it('round-trips generated searches (property)', async () => {
    const item = fc.record({
      q: fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
        .filter((s) => s.trim() === s && s !== ''),
      t: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 10 }), async (items) => {
        const doc = items.map((i) => ({
          header: 'Search',
          title: `Searched for ${i.q}`,
          titleUrl: `https://www.google.com/search?q=${encodeURIComponent(i.q)}`,
          time: new Date(i.t).toISOString(),
          products: ['Search'],
        }))
        const out = recordsOf(
          await readAllRecords(myActivityImporter, textSource('a.json', JSON.stringify(doc), 31)),
          'browsing',
        )
        expect(out.map((r) => [r.query, r.visitedAt])).toEqual(items.map((i) => [i.q, i.t]))
        for (const r of out) expect(searchQuery(new URL(r.url as string))).toBe(r.query)
      }),
      { numRuns: 100 },
    )
  })

  it('throws nothing but ImportFormatError on garbage (property)', async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.json().map((j) => `[${j}]`),
      fc
        .json()
        .map((j) => `[{"title": "Visited x", "time": "2020-01-01T00:00:00Z", "titleUrl": ${j}}]`),
      fc.json().map((j) => `[{"title": ${j}, "time": ${j}, "titleUrl": "https://a.b/"}]`),
    )
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        const error = await thrown(() =>
          readAllRecords(myActivityImporter, textSource('a.json', text)),
        )
        if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
      }),
      { numRuns: 300 },
    )
  })
})

describe('search and domain helpers', () => {
  it('knows the common engines and ignores ordinary pages', () => {
    expect(searchQuery(new URL('https://www.bing.com/search?q=a+b'))).toBe('a b')
    expect(searchQuery(new URL('https://www.youtube.com/results?search_query=tea'))).toBe('tea')
    expect(searchQuery(new URL('https://www.google.com/maps?q=paris'))).toBeUndefined()
    expect(searchQuery(new URL('https://example.com/?q=x'))).toBeUndefined()
    expect(domainOf(new URL('https://www.tidyverse.org/x'))).toBe('tidyverse.org')
    expect(domainOf(new URL('about:blank'))).toBe('about')
    expect(unwrapGoogleRedirect('https://www.google.com/url?q=https://a.example/&usg=x')).toBe(
      'https://a.example/',
    )
    expect(unwrapGoogleRedirect('https://a.example/url?q=1')).toBe('https://a.example/url?q=1')
  })
})
