/**
 * Archives as people download them: every entry an importer recognises is imported, the rest is
 * skipped with a reason; caps on entries, sizes and compression ratio, refused paths, and truncated
 * files end in typed errors with nothing imported. The archives are built here, in the exports'
 * real layouts, from the real public fixtures (plus synthetic files where no public sample exists).
 */
import { readFileSync } from 'node:fs'
import { gzipSync, zipSync, type Zippable } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  ImportFormatError,
  ImportLimitError,
  importFile,
  readArchive,
  sourceFromBytes,
} from '../../runtime/importers/index.ts'
import type { ArchiveEntryReport, ImportedRecord } from '../../runtime/importers/index.ts'
import { recordsOf, schemaErrors } from './_exports.ts'
import { emptyVault, refusedIntoVault } from './_vault.ts'

const fixture = (rel: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${rel}`, import.meta.url)))

async function importZip(
  name: string,
  zip: Uint8Array,
  options: Record<string, unknown> = {},
): Promise<{ records: ImportedRecord[]; entries: ArchiveEntryReport[] }> {
  const entries: ArchiveEntryReport[] = []
  const records: ImportedRecord[] = []
  for await (const r of importFile(sourceFromBytes(name, zip), {
    ...options,
    onEntry: (e: ArchiveEntryReport) => entries.push(e),
  }))
    records.push(r)
  expect(schemaErrors(records)).toEqual([])
  return { records, entries }
}

const count = (records: readonly ImportedRecord[], collection: string): number =>
  records.filter((r) => r.collection === collection).length

describe('Google Takeout as a whole zip', () => {
  const takeout = (): Uint8Array =>
    zipSync({
      Takeout: {
        'archive_browser.html': new TextEncoder().encode('<html>Takeout index</html>'),
        'Location History': {
          'Records.json': fixture('location/takeout_Records.json'),
          'Semantic Location History': {
            '2021': { '2021_AUGUST.json': fixture('location/takeout_semantic_2021_AUGUST.json') },
          },
        },
        'My Activity': {
          Search: {
            'My Activity.json': fixture('browsing/google_takeout_my_activity_search.json'),
          },
        },
        Mail: {
          'All mail Including Spam and Trash.mbox': fixture(
            'messages/gmail_takeout_small.gmail.mbox',
          ),
        },
        Calendar: { 'trips.ics': fixture('calendar/node-ical_tripit-location-escaping.ics') },
        // Synthetic: Takeout's Chrome history shape; no public sample with a licence exists.
        Chrome: {
          'BrowserHistory.json': new TextEncoder().encode(
            JSON.stringify({
              'Browser History': [
                {
                  favicon_url: '',
                  page_transition: 'LINK',
                  title: 'Trail shoes',
                  ptoken: {},
                  url: 'https://shop.example/trail',
                  client_id: 'x',
                  time_usec: 1704103200000000,
                },
                {
                  page_transition: 'GENERATED',
                  title: 'running shoes 42 - Google Search',
                  url: 'https://www.google.com/search?q=running+shoes+42',
                  client_id: 'x',
                  time_usec: 1704103100000000,
                },
                {
                  page_transition: 'TYPED',
                  title: 'Settings',
                  url: 'chrome://settings/',
                  client_id: 'x',
                  time_usec: 1704103000000000,
                },
              ],
            }),
          ),
        },
        Photos: { 'IMG_0001.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
      },
    })

  it('imports each entry it recognises and says why the others were skipped', async () => {
    const { records, entries } = await importZip('takeout-20240101T000000Z-001.zip', takeout())
    const byPath = new Map(entries.map((e) => [e.path, e]))
    expect(byPath.get('Takeout/Location History/Records.json')).toMatchObject({
      status: 'imported',
      counts: { locations: 12 },
    })
    expect(byPath.get('Takeout/My Activity/Search/My Activity.json')).toMatchObject({
      status: 'imported',
      format: 'google-my-activity',
      counts: { browsing: 2 },
    })
    expect(byPath.get('Takeout/Mail/All mail Including Spam and Trash.mbox')).toMatchObject({
      status: 'imported',
      format: 'mbox',
      counts: { messages: 6 },
    })
    expect(byPath.get('Takeout/Calendar/trips.ics')?.counts?.['flights']).toBe(14)
    expect(byPath.get('Takeout/Photos/IMG_0001.jpg')).toMatchObject({ status: 'skipped' })
    expect(byPath.get('Takeout/archive_browser.html')).toMatchObject({
      status: 'skipped',
      reason: 'not a format sealpost reads',
    })
    expect(count(records, 'messages')).toBe(6)
    expect(byPath.get('Takeout/Chrome/BrowserHistory.json')).toMatchObject({
      status: 'imported',
      format: 'chrome-takeout',
      counts: { browsing: 2 },
    })
    const chrome = recordsOf(records, 'browsing').filter((b) => b['source'] === 'chrome-takeout')
    expect(chrome.map((b) => [b['kind'], b['query'] ?? null, b['visitedAt']])).toEqual([
      ['visit', null, 1704103200000],
      ['search', 'running shoes 42', 1704103100000],
    ])
    expect(entries.filter((e) => e.status === 'imported')).toHaveLength(6)
  })

  it('gives the same records as importing each file on its own, with stable ids', async () => {
    const { records } = await importZip('takeout.zip', takeout())
    const alone: ImportedRecord[] = []
    for await (const r of importFile(
      sourceFromBytes('Records.json', fixture('location/takeout_Records.json')),
    ))
      alone.push(r)
    const ids = new Set(records.map((r) => r.record['id']))
    for (const r of alone) expect(ids.has(r.record['id'])).toBe(true)
    const again = await importZip('takeout.zip', takeout())
    expect(again.records.map((r) => r.record['id'])).toEqual(records.map((r) => r.record['id']))
  })
})

describe('Strava bulk export', () => {
  it('reads activities.csv with its sport vocabulary and skips the per-activity files it summarises', async () => {
    const zip = zipSync({
      'activities.csv': fixture('archives/synthetic_strava_activities.csv'),
      activities: {
        '9001000001.gpx': fixture('wearables/run.gpx'),
        '9001000002.fit.gz': gzipSync(fixture('wearables/garmin-fenix-5-run.fit')),
      },
      'profile.csv': new TextEncoder().encode('Athlete ID,Email Address\n1,a@example.org\n'),
    })
    const { records, entries } = await importZip('export_12345.zip', zip)
    const activities = recordsOf(records, 'activities')
    expect(activities.map((a) => a['sport'])).toEqual([
      'running',
      'cycling',
      'running',
      'yoga',
      'swimming',
    ])
    expect(activities[0]).toMatchObject({
      startedAt: Date.UTC(2024, 2, 3, 7, 2, 11),
      durationSec: 2745,
      distanceM: 8120.4,
      avgHeartRate: 148,
    })
    expect(entries.find((e) => e.path === 'activities/9001000002.fit.gz')).toMatchObject({
      status: 'skipped',
      reason: 'the activity is already in activities.csv',
    })
  })

  it('reads a .fit.gz on its own through gzip', async () => {
    const gz = gzipSync(fixture('wearables/garmin-fenix-5-run.fit'))
    const { records } = await importZip('9001000002.fit.gz', gz)
    expect(recordsOf(records, 'activities')).toEqual([
      expect.objectContaining({ sport: 'running' }),
    ])
  })
})

describe('Apple Health export.zip', () => {
  it('reads workouts and the Me element from export.xml, and the clinical records', async () => {
    const zip = zipSync({
      apple_health_export: {
        'export.xml': fixture('archives/synthetic_apple_health_export.xml'),
        'workout-routes': {
          'route_2024-03-02_8.42am.gpx': fixture('wearables/apple_watch_route.gpx'),
        },
        'clinical-records': {
          'Bundle-IPS.json': fixture(
            'health/ips_Bundle-IPS-examples-Bundle-with-immunization.json',
          ),
        },
      },
    })
    const { records, entries } = await importZip('export.zip', zip)
    expect(
      recordsOf(records, 'activities').map((a) => [
        a['sport'],
        a['durationSec'],
        a['distanceM'] ?? null,
      ]),
    ).toEqual([
      ['running', 2550, 7800],
      ['cycling', 3600, 21300],
      ['strength', 2100, null],
    ])
    expect(recordsOf(records, 'profile').map((p) => [p['key'], p['value']])).toEqual([
      ['birthYear', '1988'],
      ['sex', 'female'],
    ])
    expect(count(records, 'health')).toBeGreaterThan(0)
    expect(entries.find((e) => e.path.includes('workout-routes'))).toMatchObject({
      status: 'skipped',
    })
  })
})

describe('profile from LinkedIn, Facebook and Instagram exports', () => {
  it('fills name, languages, country and birth year as the person gives them', async () => {
    const zip = zipSync({
      'Profile.csv': fixture('archives/synthetic_linkedin_Profile.csv'),
      'Languages.csv': fixture('archives/synthetic_linkedin_Languages.csv'),
      'Connections.csv': new TextEncoder().encode(
        'First Name,Last Name,Company\nSam,Friend,ACME\n',
      ),
      profile_information: {
        'profile_information.json': fixture('archives/synthetic_facebook_profile_information.json'),
      },
      personal_information: {
        'personal_information.json': fixture(
          'archives/synthetic_instagram_personal_information.json',
        ),
      },
    })
    const { records, entries } = await importZip('Basic_LinkedInDataExport.zip', zip)
    const facts = recordsOf(records, 'profile').map(
      (p) => `${p['source']}:${p['key']}=${p['value']}`,
    )
    expect(facts).toEqual([
      'linkedin-profile:name=Alex Example',
      'linkedin-profile:headline=Data engineer, runner',
      'linkedin-profile:industry=Software Development',
      'linkedin-profile:location=Lyon, Auvergne-Rhône-Alpes, France',
      'linkedin-profile:country=France',
      'linkedin-profile:language=French',
      'linkedin-profile:language=English',
      'linkedin-profile:language=Spanish',
      'meta-profile:name=Alex Example',
      'meta-profile:birthYear=1988',
      'meta-profile:homeCity=Lyon, France',
      'meta-profile:hometown=Montréal, Quebec',
      'meta-profile:name=Alex Example',
      'meta-profile:instagramUsername=alex.runs',
      'meta-profile:birthYear=1988',
    ])
    // Other people's data in the same archive is not profile data.
    expect(entries.find((e) => e.path === 'Connections.csv')?.status).toBe('skipped')
  })
})

describe('bounds: typed errors, nothing half-imported in the vault', () => {
  const zeros = (n: number): Uint8Array => new Uint8Array(n)

  // Into a real vault that already holds an import: a refused archive leaves it exactly as it was.
  async function refused(zip: Uint8Array, options: Record<string, unknown> = {}): Promise<unknown> {
    using vault = await emptyVault()
    const gpx = fixture('wearables/run.gpx')
    await vault.ingestAll(importFile(sourceFromBytes('run.gpx', gpx)))
    return await refusedIntoVault(vault, sourceFromBytes('a.zip', zip), options)
  }

  it('refuses an entry that inflates past the size it declares (a zip bomb)', async () => {
    const zip = zipSync({
      'a.csv': fixture('bank/csv2ofx_ingesp.csv'),
      'bomb.json': zeros(8 * 1024 * 1024),
    })
    // Patch the central directory: the bomb now declares 1,000 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    // fflate writes no archive comment: the end record is the last 22 bytes.
    const cd = view.getUint32(zip.length - 22 + 16, true)
    for (let at = cd; view.getUint32(at, true) === 0x02014b50;) {
      const nameLength = view.getUint16(at + 28, true)
      const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength))
      if (name === 'bomb.json') view.setUint32(at + 24, 1000, true)
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    }
    const error = await refused(zip)
    expect(error).toBeInstanceOf(ImportLimitError)
    expect(error).toMatchObject({ code: 'SEALPOST_ARCHIVE_BOMB', limit: 'archive-ratio' })
  })

  it('refuses a compression ratio past the cap, and a total past the cap', async () => {
    const zip = zipSync({ 'data.json': zeros(4 * 1024 * 1024) })
    expect(await refused(zip, { limits: { maxRatio: 50 } })).toMatchObject({
      code: 'SEALPOST_ARCHIVE_BOMB',
    })
    expect(
      await refused(zip, { limits: { maxTotalBytes: 1024 * 1024, maxRatio: 1e9 } }),
    ).toMatchObject({
      code: 'SEALPOST_ARCHIVE_TOO_LARGE',
    })
    expect(
      await refused(zip, { limits: { maxEntryBytes: 1024 * 1024, maxRatio: 1e9 } }),
    ).toMatchObject({
      code: 'SEALPOST_ARCHIVE_ENTRY_TOO_LARGE',
    })
  })

  it('refuses too many entries before reading any', async () => {
    const files: Zippable = {}
    for (let i = 0; i < 20; i++) files[`f${i}.txt`] = new TextEncoder().encode('x')
    expect(await refused(zipSync(files), { limits: { maxEntries: 10 } })).toMatchObject({
      code: 'SEALPOST_ARCHIVE_TOO_MANY_ENTRIES',
    })
  })

  it('refuses a path that leaves the archive (zip slip)', async () => {
    for (const name of ['../evil.json', '/etc/passwd', 'a/../../b.json', 'C:/x.json']) {
      const zip = zipSync({ [name]: new TextEncoder().encode('{}') })
      expect(await refused(zip), name).toMatchObject({ code: 'SEALPOST_ARCHIVE_UNSAFE_PATH' })
    }
  })

  it('refuses a truncated archive with ImportFormatError', async () => {
    const zip = zipSync({ 'Records.json': fixture('location/takeout_Records.json') })
    for (const cut of [zip.length - 10, Math.floor(zip.length / 2), 30]) {
      expect(await refused(zip.subarray(0, cut)), String(cut)).toBeInstanceOf(ImportFormatError)
    }
  })

  it('reports a malformed member as skipped and imports the rest', async () => {
    const zip = zipSync({
      'bad.ofx': new TextEncoder().encode('OFXHEADER:100\n\n<OFX><BANKMSGSRSV1>'),
      'run.gpx': fixture('wearables/run.gpx'),
    })
    const { records, entries } = await importZip('mixed.zip', zip)
    expect(entries.find((e) => e.path === 'bad.ofx')).toMatchObject({
      status: 'skipped',
      format: 'ofx',
    })
    expect(count(records, 'activities')).toBe(1)
  })
})

describe('ZIP64', () => {
  // A stored entry whose sizes and offset live in the ZIP64 extra field, with a ZIP64 end record
  // (APPNOTE §4.3.14, §4.3.15, §4.5.3), as archivers write for Takeout parts past 4 GiB.
  function zip64(name: string, data: Uint8Array): Uint8Array {
    const nameBytes = new TextEncoder().encode(name)
    const parts: number[] = []
    const u16 = (n: number): void => void parts.push(n & 0xff, (n >>> 8) & 0xff)
    const u32 = (n: number): void => (u16(n & 0xffff), u16(n >>> 16))
    const u64 = (n: number): void => (u32(n % 0x1_0000_0000), u32(Math.floor(n / 0x1_0000_0000)))
    // Local header with ZIP64 extra (sizes).
    ;(u32(0x04034b50),
      u16(45),
      u16(0),
      u16(0),
      u16(0),
      u16(0),
      u32(0),
      u32(0xffffffff),
      u32(0xffffffff))
    ;(u16(nameBytes.length), u16(20))
    parts.push(...nameBytes)
    ;(u16(1), u16(16), u64(data.length), u64(data.length))
    parts.push(...data)
    const cdStart = parts.length
    ;(u32(0x02014b50), u16(45), u16(45), u16(0), u16(0), u16(0), u16(0), u32(0))
    ;(u32(0xffffffff),
      u32(0xffffffff),
      u16(nameBytes.length),
      u16(28),
      u16(0),
      u16(0),
      u16(0),
      u32(0))
    u32(0xffffffff)
    parts.push(...nameBytes)
    ;(u16(1), u16(24), u64(data.length), u64(data.length), u64(0))
    const cdSize = parts.length - cdStart
    const z64 = parts.length
    ;(u32(0x06064b50),
      u64(44),
      u16(45),
      u16(45),
      u32(0),
      u32(0),
      u64(1),
      u64(1),
      u64(cdSize),
      u64(cdStart))
    ;(u32(0x07064b50), u32(0), u64(z64), u32(1))
    ;(u32(0x06054b50),
      u16(0),
      u16(0),
      u16(0xffff),
      u16(0xffff),
      u32(0xffffffff),
      u32(0xffffffff),
      u16(0))
    return new Uint8Array(parts)
  }

  it('reads entries whose sizes and offsets are in the ZIP64 fields', async () => {
    const zip = zip64(
      'Takeout/Location History/Records.json',
      fixture('location/takeout_Records.json'),
    )
    const result = await readArchive(sourceFromBytes('takeout-zip64.zip', zip))
    expect(result.entries).toEqual([
      {
        path: 'Takeout/Location History/Records.json',
        status: 'imported',
        format: 'takeout-location',
        counts: { locations: 12 },
      },
    ])
  })
})
