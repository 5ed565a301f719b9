import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImportFormatError, ImportTooLargeError } from '../../runtime/importers/errors.ts'
import {
  parseLatLngText,
  takeoutLocationImporter as importer,
} from '../../runtime/importers/takeout_location.ts'
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

const FILES = {
  records: 'location/takeout_Records.json',
  legacy: 'location/takeout_Location_History_legacy.json',
  semantic: 'location/takeout_semantic_2021_AUGUST.json',
  device: 'location/device_timeline_test-data.json',
} as const

async function load(rel: string, chunkSize?: number) {
  const bytes = sharedFixture(rel)
  return readAllRecords(importer, bytesSource(rel.split('/').pop() ?? rel, bytes, chunkSize))
}

describe('Google location history importer', () => {
  it('recognises all four Google shapes and nothing else', () => {
    for (const rel of Object.values(FILES)) {
      const head = sharedFixture(rel).subarray(0, 65536)
      expect(importer.sniff(head, rel)).toBeGreaterThanOrEqual(60)
    }
    const enc = new TextEncoder()
    expect(importer.sniff(enc.encode('{"messages": []}'), 'message_1.json')).toBe(0)
    expect(importer.sniff(enc.encode('<gpx></gpx>'), 'a.gpx')).toBe(0)
  })

  it('reads Records.json with ISO timestamps into 12 points in degrees', async () => {
    const records = recordsOf(await load(FILES.records), 'locations')
    expect(records).toHaveLength(12)
    expect(records[0]).toMatchObject({
      at: Date.parse('2015-10-10T18:47:02.597Z'),
      lat: 43.7789954,
      lon: -79.4176419,
      accuracyM: 30,
      kind: 'point',
      activityType: 'unknown', // confidence 58 beats STILL 25
    })
    expect(records[1]).not.toHaveProperty('activityType')
    expect(records.at(-1)).toMatchObject({ lat: 43.7790309, lon: -79.4175893, accuracyM: 33 })
  })

  it('reads the legacy Location History.json with timestampMs', async () => {
    const records = recordsOf(await load(FILES.legacy), 'locations')
    expect(records).toEqual([
      expect.objectContaining({
        at: 1437263846012,
        lat: 37.6955289,
        lon: -121.9287261,
        accuracyM: 45,
      }),
      expect.objectContaining({
        at: 1437263905529,
        lat: 37.6955454,
        lon: -121.9287454,
        activityType: 'unknown',
      }),
    ])
  })

  it('turns a Semantic month into visits with place names and activity start/end points', async () => {
    const records = recordsOf(await load(FILES.semantic), 'locations')
    const visits = records.filter((r) => r.kind === 'visit')
    const starts = records.filter((r) => r.kind === 'activity-start')
    const ends = records.filter((r) => r.kind === 'activity-end')
    expect([visits.length, starts.length, ends.length]).toEqual([64, 61, 61])
    expect(visits.filter((v) => typeof v.placeName === 'string')).toHaveLength(37)
    expect(visits[0]).toMatchObject({
      at: Date.parse('2021-08-01T01:22:24Z'),
      endAt: Date.parse('2021-08-01T01:25:36Z'),
      lat: 43.8865167,
      lon: -79.0179014,
      address: '6 Rumbellow Cres, Ajax, ON L1T 0J9, Canada',
      placeType: 'searched_address',
    })
    expect(visits.map((v) => v.placeName)).toContain('Petro-Canada')
    expect(starts[0]).toMatchObject({
      at: Date.parse('2021-08-01T00:22:28Z'),
      endAt: Date.parse('2021-08-01T01:22:24Z'),
      lat: 43.6996461,
      activityType: 'in_passenger_vehicle',
      distanceM: 70404,
    })
    // Source order: the first timeline object is an activity segment, the second a visit.
    expect(records.slice(0, 3).map((r) => r.kind)).toEqual([
      'activity-start',
      'activity-end',
      'visit',
    ])
    const total = starts.reduce((sum, r) => sum + ((r.distanceM as number | undefined) ?? 0), 0)
    expect(total).toBe(2090690)
  })

  it('reads the on-device Timeline: visits, path points and raw positions', async () => {
    const records = recordsOf(await load(FILES.device), 'locations')
    expect(records.map((r) => r.kind)).toEqual([
      'visit',
      'path',
      'path',
      'path',
      'path',
      'path',
      'visit',
      'path',
      'path',
      'path',
      'path',
      'path',
      'point',
      'point',
    ])
    expect(records[0]).toMatchObject({
      at: Date.parse('2023-10-01T08:00:00.000Z'),
      endAt: Date.parse('2023-10-01T09:00:00.000Z'),
      lat: 40.712776,
      lon: -74.005974,
      placeType: 'work',
      placeId: 'ChIJd8BlQ2BZwokRAFUEcm_qrcA',
    })
    expect(records[5]).toMatchObject({ at: Date.parse('2023-10-01T09:15:00.000Z'), lat: 40.716776 })
    expect(records[13]).toMatchObject({ lat: 40.713776, lon: -74.006974, accuracyM: 6 })
  })

  it('gives the same ids when the same file is imported twice, and distinct ids within it', async () => {
    for (const rel of Object.values(FILES)) {
      const a = (await load(rel)).map((r) => r.record.id)
      const b = (await load(rel, 997)).map((r) => r.record.id)
      expect(b).toEqual(a)
      expect(new Set(a).size).toBe(a.length)
    }
  })

  it.skipIf(!hasSchema('locations'))(
    'yields records valid against the locations schema',
    async () => {
      for (const rel of Object.values(FILES)) expect(schemaErrors(await load(rel))).toEqual([])
    },
  )

  it('undoes the int32 overflow of old E7 values', async () => {
    const doc = {
      locations: [
        { timestampMs: '1', latitudeE7: 4294967296 - 337000000, longitudeE7: 1510000000 },
      ],
    }
    const [r] = await readAllRecords(importer, textSource('Records.json', JSON.stringify(doc)))
    expect(r?.record).toMatchObject({ lat: -33.7, lon: 151 })
  })

  it('parses both point notations of the new Timeline', () => {
    expect(parseLatLngText('40.712776°, -74.005974°')).toEqual({ lat: 40.712776, lon: -74.005974 })
    expect(parseLatLngText('geo:-33.8,151.2')).toEqual({ lat: -33.8, lon: 151.2 })
    expect(parseLatLngText('40.7 -74.0')).toBeUndefined()
  })

  it('refuses a truncated file with a line number', async () => {
    const bytes = sharedFixture(FILES.records)
    const error = await thrown(() =>
      readAllRecords(importer, bytesSource('Records.json', bytes.subarray(0, 500))),
    )
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).code).toBe('SEALPOST_IMPORT_MALFORMED')
  })

  it('refuses a point without a time, naming the entry', async () => {
    const doc = {
      locations: [
        { timestampMs: '1', latitudeE7: 1, longitudeE7: 2 },
        { latitudeE7: 1, longitudeE7: 2 },
      ],
    }
    const error = await thrown(() =>
      readAllRecords(importer, textSource('Records.json', JSON.stringify(doc))),
    )
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position.record).toBe(2)
    expect((error as Error).message).toContain('locations[1]')
  })

  it('refuses a file above its size cap', async () => {
    const bytes = sharedFixture(FILES.semantic)
    const error = await thrown(() =>
      readAllRecords(importer, bytesSource('x.json', bytes, 65536), { maxBytes: 100_000 }),
    )
    expect(error).toBeInstanceOf(ImportTooLargeError)
  })

  it('round-trips generated Records.json points (property)', async () => {
    const point = fc.record({
      t: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      lat: fc.integer({ min: -900_000_000, max: 900_000_000 }),
      lon: fc.integer({ min: -1_800_000_000, max: 1_800_000_000 }),
      acc: fc.nat(5000),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(point, { maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        async (points, chunk) => {
          const doc = {
            locations: points.map((p) => ({
              timestamp: new Date(p.t).toISOString(),
              latitudeE7: p.lat,
              longitudeE7: p.lon,
              accuracy: p.acc,
            })),
          }
          const out = recordsOf(
            await readAllRecords(importer, textSource('Records.json', JSON.stringify(doc), chunk)),
            'locations',
          )
          expect(out.map((r) => [r.at, r.lat, r.lon, r.accuracyM])).toEqual(
            points.map((p) => [p.t, p.lat / 1e7, p.lon / 1e7, p.acc]),
          )
        },
      ),
      { numRuns: 100 },
    )
  })

  it('throws nothing but ImportFormatError on garbage (property)', async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.json().map((j) => `{"locations": ${j}}`),
      fc.json().map((j) => `{"timelineObjects": [${j}]}`),
      fc.json().map((j) => `{"semanticSegments": [${j}]}`),
      fc
        .json()
        .map((j) => `{"locations": [{"timestamp": ${j}, "latitudeE7": 1, "longitudeE7": 1}]}`),
    )
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        const error = await thrown(() => readAllRecords(importer, textSource('x.json', text)))
        if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
      }),
      { numRuns: 300 },
    )
  })
})
