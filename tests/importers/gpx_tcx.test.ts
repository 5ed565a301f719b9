import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { gpxImporter } from '../../runtime/importers/gpx.ts'
import { tcxImporter } from '../../runtime/importers/tcx.ts'
import { haversineM } from '../../runtime/importers/_activity.ts'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
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
import type { Importer } from '../../runtime/importers/types.ts'

async function load(
  importer: Importer,
  rel: string,
  options?: Record<string, unknown>,
  chunkSize?: number,
) {
  const name = rel.split('/').pop() ?? rel
  return readAllRecords(importer, bytesSource(name, sharedFixture(rel), chunkSize), options)
}

describe('haversine distance', () => {
  it('matches known great-circle distances', () => {
    // One degree of latitude on the mean sphere: 2πR/360 = 111,195.08 m.
    expect(haversineM(0, 0, 1, 0)).toBeCloseTo(111_195.08, 1)
    // Paris (48.8566, 2.3522) – London (51.5074, -0.1278): about 343.5 km.
    expect(haversineM(48.8566, 2.3522, 51.5074, -0.1278) / 1000).toBeCloseTo(343.5, 0)
    expect(haversineM(10, 20, 10, 20)).toBe(0)
  })
})

describe('GPX importer', () => {
  it('recognises GPX by its root element', () => {
    expect(gpxImporter.sniff(sharedFixture('wearables/run.gpx'), 'run.gpx')).toBe(95)
    expect(gpxImporter.sniff(sharedFixture('wearables/tour_hr.tcx'), 'tour_hr.tcx')).toBe(0)
  })

  it('summarises the Garmin run: 206 points, start, duration, haversine distance, mean heart rate', async () => {
    const all = await load(gpxImporter, 'wearables/run.gpx')
    const [run] = recordsOf(all, 'activities')
    expect(run).toMatchObject({
      startedAt: Date.parse('2012-10-24T23:29:40Z'),
      durationSec: 948,
      sport: 'unknown',
      name: 'Untitled',
      avgHeartRate: 190,
    })
    // Independently summed with Python over the 205 legs (R = 6,371,008.8 m): 3098.53 m.
    expect(run?.['distanceM']).toBeCloseTo(3098.5, 1)
    const points = recordsOf(all, 'locations')
    expect(points).toHaveLength(206)
    expect(points[0]).toMatchObject({
      lat: 38.92747367732227,
      lon: -77.02016168273985,
      elevationM: 25.600000381469727,
      kind: 'point',
      activityId: run?.['id'],
    })
  })

  it('reads the Apple Watch route with horizontal accuracy', async () => {
    const all = await load(gpxImporter, 'wearables/apple_watch_route.gpx')
    expect(recordsOf(all, 'activities')).toEqual([
      expect.objectContaining({
        startedAt: Date.parse('2019-12-15T20:19:55Z'),
        durationSec: 43,
        name: 'Route 2019-12-15 3:50pm',
      }),
    ])
    const points = recordsOf(all, 'locations')
    expect(points).toHaveLength(44)
    expect(points[0]).toMatchObject({ accuracyM: 1.801682, elevationM: 14.601502 })
  })

  it('reads GPX 1.0 with waypoints and several tracks; empty tracks yield no activity', async () => {
    const all = await load(gpxImporter, 'wearables/cerknicko-jezero.gpx')
    const activities = recordsOf(all, 'activities')
    expect(activities.map((a) => a['name'])).toEqual([
      'ACTIVE LOG #2',
      'ACTIVE LOG #3',
      'ACTIVE LOG #4',
      'ACTIVE LOG #5',
      'ACTIVE LOG #6',
      'ACTIVE LOG #7',
      'ACTIVE LOG #8',
    ])
    expect(activities[0]).toMatchObject({
      startedAt: Date.parse('2010-08-05T14:23:59Z'),
      durationSec: 2469,
    })
    const locations = recordsOf(all, 'locations')
    // 296 track points plus the one waypoint that has a time (the other six have none).
    expect(locations.filter((l) => l['kind'] === 'point')).toHaveLength(296)
    expect(locations.filter((l) => l['kind'] === 'waypoint')).toEqual([
      expect.objectContaining({
        placeName: '001',
        lat: 45.772163216,
        lon: 14.357652292,
        at: Date.parse('2010-08-05T14:23:59Z'),
      }),
    ])
  })

  it('skips locations with points: false, and gives the same records for any chunk size', async () => {
    const noPoints = await load(gpxImporter, 'wearables/run.gpx', { points: false })
    expect(noPoints.map((r) => r.collection)).toEqual(['activities'])
    const whole = await load(gpxImporter, 'wearables/cerknicko-jezero.gpx')
    expect(await load(gpxImporter, 'wearables/cerknicko-jezero.gpx', {}, 101)).toEqual(whole)
    expect(new Set(whole.map((r) => r.record['id'])).size).toBe(whole.length)
    expect(await load(gpxImporter, 'wearables/cerknicko-jezero.gpx')).toEqual(whole)
  })

  it('reads the sport from <type>', async () => {
    const gpx =
      '<gpx version="1.1"><trk><type>Running</type><trkseg><trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>'
    const [a] = recordsOf(await readAllRecords(gpxImporter, textSource('a.gpx', gpx)), 'activities')
    expect(a).toMatchObject({ sport: 'running', durationSec: 0, distanceM: 0 })
  })

  it('refuses malformed XML and bad coordinates with a line and column', async () => {
    const bad = await thrown(() =>
      readAllRecords(
        gpxImporter,
        textSource('a.gpx', '<gpx>\n<trk><trkseg><trkpt lat="1" lon="2"></trk></gpx>'),
      ),
    )
    expect(bad).toBeInstanceOf(ImportFormatError)
    expect((bad as ImportFormatError).position.line).toBe(2)
    const coords = await thrown(() =>
      readAllRecords(
        gpxImporter,
        textSource('a.gpx', '<gpx><trk><trkseg><trkpt lat="91" lon="2"/></trkseg></trk></gpx>'),
      ),
    )
    expect((coords as Error).message).toMatch(/lat\/lon/)
    const time = await thrown(() =>
      readAllRecords(
        gpxImporter,
        textSource(
          'a.gpx',
          '<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>yesterday</time></trkpt></trkseg></trk></gpx>',
        ),
      ),
    )
    expect(time).toBeInstanceOf(ImportFormatError)
    const root = await thrown(() => readAllRecords(gpxImporter, textSource('a.gpx', '<kml></kml>')))
    expect((root as Error).message).toMatch(/not <gpx>/)
  })

  it('property: generated tracks give their point count, elapsed time and haversine distance', async () => {
    const point = fc.record({
      lat: fc.double({ min: -80, max: 80, noNaN: true }),
      lon: fc.double({ min: -179, max: 179, noNaN: true }),
      dt: fc.integer({ min: 0, max: 600 }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(point, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 97 }),
        async (pts, chunk) => {
          let t = Date.UTC(2021, 5, 1)
          const times: number[] = []
          const body = pts.map((p) => {
            t += p.dt * 1000
            times.push(t)
            return `<trkpt lat="${p.lat}" lon="${p.lon}"><time>${new Date(t).toISOString()}</time></trkpt>`
          })
          const gpx = `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${body.join('\n')}</trkseg></trk></gpx>`
          const all = await readAllRecords(gpxImporter, textSource('g.gpx', gpx, chunk))
          let expected = 0
          for (let i = 1; i < pts.length; i++)
            expected += haversineM(pts[i - 1]!.lat, pts[i - 1]!.lon, pts[i]!.lat, pts[i]!.lon)
          const [a] = recordsOf(all, 'activities')
          expect(a?.['startedAt']).toBe(times[0])
          expect(a?.['durationSec']).toBe(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000)
          expect(Math.abs((a?.['distanceM'] as number) - expected)).toBeLessThanOrEqual(
            0.051 + expected * 1e-9,
          )
          expect(recordsOf(all, 'locations')).toHaveLength(pts.length)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('property: random input never throws anything but ImportFormatError', async () => {
    const pieces = fc.constantFrom(
      '<gpx>',
      '</gpx>',
      '<trk>',
      '</trk>',
      '<trkseg>',
      '<trkpt lat="1" lon="2">',
      '</trkpt>',
      '<time>2020-01-01T00:00:00Z</time>',
      '<hr>',
      '</hr>',
      '<wpt lat="x">',
      '<',
      '&',
      ']]>',
      'x',
    )
    for (const importer of [gpxImporter, tcxImporter]) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
            fc.string(),
            fc.uint8Array({ maxLength: 100 }).map((b) => new TextDecoder('latin1').decode(b)),
          ),
          async (text) => {
            const error = await thrown(() => readAllRecords(importer, textSource('r.xml', text)))
            if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
          },
        ),
        { numRuns: 200 },
      )
    }
  })
})

describe('TCX importer', () => {
  it('recognises TCX by its root element', () => {
    expect(tcxImporter.sniff(sharedFixture('wearables/tour_hr.tcx'), 'x')).toBe(95)
    expect(tcxImporter.sniff(sharedFixture('wearables/run.gpx'), 'run.gpx')).toBe(0)
  })

  it('reads the Fitbit ride: lap totals, sport, mean heart rate over 465 trackpoints', async () => {
    const all = await load(tcxImporter, 'wearables/tour_hr.tcx')
    const [ride] = recordsOf(all, 'activities')
    expect(ride).toMatchObject({
      startedAt: Date.parse('2020-12-27T14:43:49Z'),
      sport: 'cycling',
      durationSec: 2283,
      distanceM: 6839.97,
    })
    expect(ride?.['avgHeartRate']).toBeGreaterThan(120)
    expect(ride?.['avgHeartRate']).toBeLessThan(140)
    const points = recordsOf(all, 'locations')
    expect(points).toHaveLength(465)
    expect(points[0]).toMatchObject({
      at: Date.parse('2020-12-27T14:59:36Z'),
      lat: 47.38894331455231,
      lon: 8.467751383781433,
      elevationM: 483,
    })
    // The device's cumulative DistanceMeters runs 2604.45 → 3980.58 over these points: our haversine
    // over the same points agrees within a few percent.
    let track = 0
    for (let i = 1; i < points.length; i++) {
      track += haversineM(
        points[i - 1]!['lat'] as number,
        points[i - 1]!['lon'] as number,
        points[i]!['lat'] as number,
        points[i]!['lon'] as number,
      )
    }
    expect(Math.abs(track - (3980.58 - 2604.45)) / (3980.58 - 2604.45)).toBeLessThan(0.05)
  })

  it('falls back to trackpoints when the file has no lap totals', async () => {
    const tcx = `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2020-01-01T10:00:00Z</Id><Lap><Track>
      <Trackpoint><Time>2020-01-01T10:00:00Z</Time><Position><LatitudeDegrees>0</LatitudeDegrees><LongitudeDegrees>0</LongitudeDegrees></Position><HeartRateBpm><Value>100</Value></HeartRateBpm></Trackpoint>
      <Trackpoint><Time>2020-01-01T10:10:00Z</Time><Position><LatitudeDegrees>0.01</LatitudeDegrees><LongitudeDegrees>0</LongitudeDegrees></Position><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>
    </Track></Lap></Activity></Activities></TrainingCenterDatabase>`
    const [a] = recordsOf(await readAllRecords(tcxImporter, textSource('a.tcx', tcx)), 'activities')
    expect(a).toMatchObject({ sport: 'running', durationSec: 600, avgHeartRate: 110 })
    expect(a?.['distanceM']).toBeCloseTo(1111.95, 1)
  })

  it('refuses a truncated file', async () => {
    const text = new TextDecoder().decode(sharedFixture('wearables/tour_hr.tcx'))
    const error = await thrown(() =>
      readAllRecords(tcxImporter, textSource('t.tcx', text.slice(0, 5000))),
    )
    expect(error).toBeInstanceOf(ImportFormatError)
  })
})

describe.skipIf(!hasSchema('activities') || !hasSchema('locations'))(
  'GPX and TCX records against the schemas',
  () => {
    it('validate', async () => {
      for (const [importer, rel] of [
        [gpxImporter, 'wearables/run.gpx'],
        [gpxImporter, 'wearables/apple_watch_route.gpx'],
        [gpxImporter, 'wearables/cerknicko-jezero.gpx'],
        [tcxImporter, 'wearables/tour_hr.tcx'],
      ] as const) {
        expect(schemaErrors(await load(importer, rel))).toEqual([])
      }
    })
  },
)
