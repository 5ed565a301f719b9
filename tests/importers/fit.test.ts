import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  decodeFit,
  fitCrc,
  fitImporter as importer,
  fitTimeToMs,
} from '../../runtime/importers/fit.ts'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import {
  bytesSource,
  hasSchema,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  thrown,
} from './_exports.ts'

const FIXTURE = 'wearables/garmin-fenix-5-run.fit'

// python-fitparse tests/files/garmin-fenix-5-run-records.csv (same commit family as the fixture):
// time (PDT = UTC−7), heart_rate, distance m, position_lat, position_long (semicircles), altitude m.
const EXPECTED_RECORDS = [
  ['07:34:09', 61, 0.0, 456099128, -1463077077, 2.2],
  ['07:34:10', 61, 0.5, 456099059, -1463077109, 2.4],
  ['07:34:11', 58, 0.88, 456099079, -1463077607, 2.2],
  ['07:34:13', 56, 7.93, 456098414, -1463078075, 3.4],
  ['07:34:14', 59, 10.94, 456098127, -1463078262, 3.2],
  ['07:34:16', 63, 17.97, 456097397, -1463078534, 3.2],
  ['07:34:23', 71, 36.76, 456095506, -1463079425, 4.0],
  ['07:34:25', 77, 40.84, 456095112, -1463079672, 3.6],
  ['07:34:26', 77, 43.29, 456094880, -1463079835, 3.2],
  ['07:34:31', 80, 60.74, 456093205, -1463080896, 2.4],
  ['07:34:32', 82, 63.67, 456092911, -1463081037, 2.0],
  ['07:34:34', 87, 69.79, 456092311, -1463081382, 2.2],
  ['07:34:36', 92, 75.8, 456091727, -1463081734, 2.4],
  ['07:34:38', 100, 82.77, 456091091, -1463082235, 2.8],
  ['07:34:39', 103, 86.31, 456090774, -1463082503, 3.2],
  ['07:34:42', 106, 95.43, 456089922, -1463083113, 3.4],
  ['07:34:45', 107, 102.55, 456089242, -1463083563, 4.2],
  ['07:34:54', 110, 122.86, 456087277, -1463084768, 4.4],
  ['07:34:56', 111, 128.95, 456086647, -1463085005, 4.4],
  ['07:35:01', 111, 142.1, 456085522, -1463086065, 5.4],
  ['07:35:06', 112, 157.56, 456084072, -1463087093, 4.2],
] as const
const pdt = (hms: string) => Date.parse(`2017-06-11T${hms}-07:00`)
const SEMI = 180 / 2 ** 31

/** A minimal FIT writer for tests: one definition per local type, little-endian, real CRCs. */
function writeFit(
  messages: readonly { global: number; fields: readonly [number, number, number, number][] }[],
): Uint8Array {
  const body: number[] = []
  messages.forEach((m, i) => {
    const local = i % 16
    body.push(0x40 | local, 0, 0, m.global & 0xff, m.global >> 8, m.fields.length)
    for (const [num, size, base] of m.fields) body.push(num, size, base)
    body.push(local)
    for (const [, size, base, value] of m.fields) {
      const b = new DataView(new ArrayBuffer(size))
      if (size === 1) b.setUint8(0, value)
      else if (size === 2) b.setUint16(0, value, true)
      else if (base === 0x85) b.setInt32(0, value, true)
      else b.setUint32(0, value, true)
      body.push(...new Uint8Array(b.buffer))
    }
  })
  const header = new Uint8Array(14)
  const hv = new DataView(header.buffer)
  header.set([14, 0x20], 0)
  hv.setUint16(2, 2132, true)
  hv.setUint32(4, body.length, true)
  header.set([0x2e, 0x46, 0x49, 0x54], 8)
  hv.setUint16(12, fitCrc(header, 0, 12), true)
  const file = new Uint8Array(14 + body.length + 2)
  file.set(header)
  file.set(body, 14)
  new DataView(file.buffer).setUint16(14 + body.length, fitCrc(file, 0, 14 + body.length), true)
  return file
}

describe('FIT decoder', () => {
  it('computes the FIT CRC-16 (0 for empty input; header CRC of the fixture matches)', () => {
    expect(fitCrc(new Uint8Array(0))).toBe(0)
    const bytes = sharedFixture(FIXTURE)
    expect(fitCrc(bytes, 0, 12)).toBe(
      new DataView(bytes.buffer, bytes.byteOffset).getUint16(12, true),
    )
    // A file's CRC over itself including the stored CRC is 0 (CRC residue property).
    expect(fitCrc(bytes)).toBe(0)
  })

  it('decodes the fenix 5 run: header, 21 record messages, one session', () => {
    const file = decodeFit(sharedFixture(FIXTURE))
    expect(file.protocolVersion).toBe(16)
    expect(file.profileVersion).toBe(2030)
    const records = file.messages.filter((m) => m.global === 20)
    expect(records).toHaveLength(21)
    expect(file.messages.filter((m) => m.global === 18)).toHaveLength(1)
    expect(
      records.map((m) => [
        fitTimeToMs(m.timestamp ?? 0),
        m.fields.get(3),
        (m.fields.get(5) as number) / 100,
        m.fields.get(0),
        m.fields.get(1),
      ]),
    ).toEqual(EXPECTED_RECORDS.map(([t, hr, d, lat, lon]) => [pdt(t), hr, d, lat, lon]))
  })

  it('refuses a flipped byte (CRC), a truncated file, and a missing signature', () => {
    const bytes = sharedFixture(FIXTURE)
    const flipped = bytes.slice()
    flipped[100] = (flipped[100] ?? 0) ^ 0x01
    expect(() => decodeFit(flipped)).toThrow(/CRC/)
    expect(() => decodeFit(bytes.slice(0, 3000))).toThrow(/truncated/)
    const unsigned = bytes.slice()
    unsigned[9] = 0x58
    expect(() => decodeFit(unsigned)).toThrow(ImportFormatError)
  })

  it('expands compressed timestamp headers relative to the last full timestamp', () => {
    // Definition for local type 0 (record, timestamp + heart_rate), one full message, then a
    // compressed-header message for local type 0 with offset 5 after a timestamp ending in 0x1e.
    const t0 = 1_000_000_030 // low 5 bits = 30
    const body = [
      0x40,
      0,
      0,
      20,
      0,
      2,
      253,
      4,
      0x86,
      3,
      1,
      0x02,
      0x00,
      ...le32(t0),
      90,
      0x80 | 5,
      ...le32(0xffffffff),
      91,
    ]
    const file = wrap(body)
    const records = decodeFit(file).messages
    expect(records.map((m) => [m.timestamp, m.fields.get(3)])).toEqual([
      [t0, 90],
      [t0 - 30 + 32 + 5, 91], // offset 5 < 30: rolled over into the next 32-second window
    ])
  })

  it('skips developer fields by their declared size', () => {
    const body = [0x60, 0, 0, 20, 0, 1, 3, 1, 0x02, 1, 0, 4, 0, 0x00, 77, 1, 2, 3, 4]
    expect(decodeFit(wrap(body)).messages.map((m) => m.fields.get(3))).toEqual([77])
  })

  it('property: written files decode to the same values; any single flipped bit is refused', () => {
    const msg = fc.record({
      hr: fc.integer({ min: 0, max: 254 }),
      lat: fc.integer({ min: -(2 ** 30), max: 2 ** 30 }),
      t: fc.integer({ min: 0, max: 2 ** 31 }),
    })
    fc.assert(
      fc.property(fc.array(msg, { minLength: 1, maxLength: 20 }), fc.nat(), (msgs, flip) => {
        const file = writeFit(
          msgs.map((m) => ({
            global: 20,
            fields: [
              [253, 4, 0x86, m.t],
              [3, 1, 0x02, m.hr],
              [0, 4, 0x85, m.lat],
            ],
          })),
        )
        const decoded = decodeFit(file).messages
        expect(decoded.map((m) => [m.timestamp, m.fields.get(3), m.fields.get(0)])).toEqual(
          msgs.map((m) => [m.t, m.hr, m.lat]),
        )
        const bad = file.slice()
        const bit = flip % (bad.length * 8)
        bad[bit >> 3] = (bad[bit >> 3] ?? 0) ^ (1 << (bit & 7))
        expect(() => decodeFit(bad)).toThrow(ImportFormatError)
      }),
      { numRuns: 150 },
    )
  })

  it('property: random bytes never throw anything but ImportFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (junk, framed) => {
        const bytes = framed ? wrap([...junk]) : junk
        try {
          decodeFit(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(ImportFormatError)
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe('FIT importer', () => {
  it('recognises FIT by its header signature', () => {
    expect(importer.sniff(sharedFixture(FIXTURE), 'a.bin')).toBe(95)
    expect(importer.sniff(new Uint8Array(20), 'a.bin')).toBe(0)
  })

  it('turns the session into one running activity and the 21 records into locations', async () => {
    const all = await readAllRecords(importer, bytesSource('run.fit', sharedFixture(FIXTURE), 512))
    const [run, ...rest] = all
    expect(run?.collection).toBe('activities')
    expect(run?.record).toMatchObject({
      startedAt: pdt('07:34:09'),
      sport: 'running',
      durationSec: 56.887,
      distanceM: 157.56,
      avgHeartRate: 90,
      source: 'fit',
    })
    const points = recordsOf(rest, 'locations')
    expect(points).toHaveLength(21)
    points.forEach((p, i) => {
      const [t, , , lat, lon, alt] = EXPECTED_RECORDS[i]!
      expect(p).toMatchObject({
        at: pdt(t),
        lat: lat * SEMI,
        lon: lon * SEMI,
        activityId: run?.record['id'],
      })
      expect(p['elevationM']).toBeCloseTo(alt, 6)
    })
    expect(points[0]?.['lat']).toBeCloseTo(38.2297873, 6)
    expect(points[0]?.['lon']).toBeCloseTo(-122.6337039, 6)
  })

  it('is idempotent and honours points: false', async () => {
    const a = await readAllRecords(importer, bytesSource('run.fit', sharedFixture(FIXTURE)))
    const b = await readAllRecords(importer, bytesSource('run.fit', sharedFixture(FIXTURE), 7))
    expect(b).toEqual(a)
    expect(new Set(a.map((r) => r.record['id'])).size).toBe(22)
    expect(
      (
        await readAllRecords(importer, bytesSource('run.fit', sharedFixture(FIXTURE)), {
          points: false,
        })
      ).map((r) => r.collection),
    ).toEqual(['activities'])
  })

  it('refuses files over the size cap', async () => {
    const error = await thrown(() =>
      readAllRecords(importer, bytesSource('run.fit', sharedFixture(FIXTURE)), { maxBytes: 1000 }),
    )
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_TOO_LARGE' })
  })

  it.skipIf(!hasSchema('activities') || !hasSchema('locations'))(
    'yields records valid against their schemas',
    async () => {
      expect(
        schemaErrors(
          await readAllRecords(importer, bytesSource('run.fit', sharedFixture(FIXTURE))),
        ),
      ).toEqual([])
    },
  )
})

function le32(x: number): number[] {
  return [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff]
}

/** Wraps raw data-record bytes into a 12-byte-header FIT file with a valid file CRC. */
function wrap(body: readonly number[]): Uint8Array {
  const file = new Uint8Array(12 + body.length + 2)
  file.set([12, 0x10, 0, 0, ...le32(body.length), 0x2e, 0x46, 0x49, 0x54])
  file.set(body, 12)
  new DataView(file.buffer).setUint16(12 + body.length, fitCrc(file, 0, 12 + body.length), true)
  return file
}
