import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { frameFromRecords } from '../../sandbox/frame/codec.ts'
import {
  count,
  groupMean,
  groupSum,
  histogram,
  sum,
  topK,
  callKernel,
  EARTH_RADIUS_M,
  haversineM,
  KernelArgumentError,
  nearest,
} from '../../sandbox/kernels.ts'

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: { startedAt: 'time', sport: 'category', durationSec: 'number', indoor: 'bool' },
} as const
type Row = {
  startedAt: number
  sport?: string | undefined
  durationSec?: number | undefined
  indoor?: boolean | undefined
}

const row = fc.record(
  {
    startedAt: fc.integer({ min: 0, max: 1000 }),
    sport: fc.constantFrom('running', 'cycling', 'yoga'),
    durationSec: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(undefined)),
    indoor: fc.boolean(),
  },
  { requiredKeys: ['startedAt'] },
)
const frameOf = (rows: Row[]) =>
  frameFromRecords(
    layout,
    rows,
    ['startedAt', 'sport', 'durationSec', 'indoor'],
    -Infinity,
    Infinity,
  )

describe('kernels agree with the naive computation over rows', () => {
  it('count and sum with a time range and equality filter', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 80 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, cut) => {
          const f = frameOf(rows)
          const inRange = rows.filter((r) => r.startedAt >= cut && r.startedAt < cut + 300)
          expect(count(f, { from: cut, to: cut + 300 })).toBe(inRange.length)
          const running = inRange.filter((r) => r.sport === 'running')
          expect(count(f, { from: cut, to: cut + 300, eq: { sport: 'running' } })).toBe(
            running.length,
          )
          expect(sum(f, 'durationSec', { eq: { sport: ['running', 'yoga'] } })).toBe(
            rows
              .filter((r) => r.sport === 'running' || r.sport === 'yoga')
              .reduce((s, r) => s + (r.durationSec ?? 0), 0),
          )
        },
      ),
    )
  })

  it('groupSum, groupMean and topK, with and without recency decay', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), (rows) => {
        const f = frameOf(rows)
        const naive: Record<string, number> = {}
        const weighted: Record<string, number> = {}
        const counts: Record<string, number> = {}
        for (const r of rows) {
          if (r.sport === undefined || r.durationSec === undefined) continue
          naive[r.sport] = (naive[r.sport] ?? 0) + r.durationSec
          counts[r.sport] = (counts[r.sport] ?? 0) + 1
          const w = Math.exp((-Math.LN2 / 100) * Math.max(0, 1000 - r.startedAt))
          weighted[r.sport] = (weighted[r.sport] ?? 0) + r.durationSec * w
        }
        expect(groupSum(f, 'sport', 'durationSec')).toEqual(naive)
        const decayed = groupSum(f, 'sport', 'durationSec', {
          decay: { halfLifeMs: 100, now: 1000 },
        })
        for (const [k, v] of Object.entries(weighted)) expect(decayed[k]).toBeCloseTo(v, 6)
        const means = groupMean(f, 'sport', 'durationSec')
        for (const [k, v] of Object.entries(naive)) expect(means[k]).toBeCloseTo(v / counts[k]!, 9)
        const top = topK(f, 'sport', 2, { by: 'durationSec' })
        const expected = Object.entries(naive)
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, 2)
          .map(([key, value]) => ({ key, value }))
        expect(top).toEqual(expected)
      }),
    )
  })

  it('groups by bool fields and counts rows when no value is given', () => {
    const f = frameOf([
      { startedAt: 1, indoor: true },
      { startedAt: 2, indoor: false },
      { startedAt: 3, indoor: true },
      { startedAt: 4 },
    ])
    expect(groupSum(f, 'indoor', null)).toEqual({ true: 2, false: 1 })
  })

  it('bins numbers into a histogram, dropping values outside the range', () => {
    const f = frameOf(
      [0, 10, 19, 20, 55, 99, 100, -1].map((d, i) => ({ startedAt: i, durationSec: d })),
    )
    expect(histogram(f, 'durationSec', { min: 0, max: 100, bins: 5 })).toEqual([3, 1, 1, 0, 1])
  })

  it('refuses bad arguments with a KernelArgumentError', () => {
    const f = frameOf([{ startedAt: 1, sport: 'running', durationSec: 1 }])
    const frames = new Map([['activities', f]])
    expect(
      JSON.parse(callKernel(frames, 'count', 'activities', '[{"eq":{"sport":"running"}}]')),
    ).toBe(1)
    for (const [name, coll, args] of [
      ['eval', 'activities', '[]'],
      ['count', 'messages', '[]'],
      ['count', 'activities', '{}'],
      ['count', 'activities', '[{"from":"yesterday"}]'],
      ['topK', 'activities', '["sport", 1e9]'],
      ['groupSum', 'activities', '["durationSec", null]'],
      ['histogram', 'activities', '["durationSec", {"min":1,"max":0,"bins":2}]'],
      ['groupSum', 'activities', '["sport", "durationSec", {"decay":{"halfLifeMs":-1,"now":0}}]'],
    ] as const) {
      expect(() => callKernel(frames, name, coll, args)).toThrow(KernelArgumentError)
    }
  })
})

describe('nearest: the point closest to the latest located row', () => {
  const geo = {
    name: 'locations',
    timeField: 'at',
    kinds: { at: 'time', lat: 'number', lon: 'number', kind: 'category' },
  } as const
  type Fix = { at: number; lat?: number | undefined; lon?: number | undefined; kind?: string }
  const fixes = (rows: Fix[]) =>
    frameFromRecords(geo, rows, ['at', 'lat', 'lon', 'kind'], -Infinity, Infinity)

  it('measures great circles exactly on the meridian and the equator', () => {
    const r = EARTH_RADIUS_M
    expect(haversineM(0, 0, 1, 0)).toBeCloseTo((r * Math.PI) / 180, 6)
    expect(haversineM(0, 0, 90, 0)).toBeCloseTo((r * Math.PI) / 2, 4)
    expect(haversineM(0, 0, 0, 180)).toBeCloseTo(r * Math.PI, 4)
    expect(haversineM(48.8566, 2.3522, 48.8566, 2.3522)).toBe(0)
    // Paris–London, about 344 km by great circle.
    expect(Math.round(haversineM(48.8566, 2.3522, 51.5072, -0.1276) / 1000)).toBe(344)
  })

  it('uses the latest row with both coordinates, within where', () => {
    const f = fixes([
      { at: 1, lat: 10, lon: 10, kind: 'visit' },
      { at: 2, lat: 0, lon: 0, kind: 'point' },
      { at: 3, lat: 20, lon: 20, kind: 'visit' },
      { at: 4, lat: undefined, lon: 5, kind: 'point' },
    ])
    const points = [
      { lat: 0, lon: 0.001, id: 'a' },
      { lat: 20, lon: 20 },
      { lat: 10, lon: 10 },
    ]
    expect(nearest(f, 'lat', 'lon', points)).toEqual({ row: 2, index: 1, meters: 0 })
    expect(nearest(f, 'lat', 'lon', points, { where: { to: 3 } })).toEqual({
      row: 1,
      index: 0,
      meters: haversineM(0, 0, 0, 0.001),
    })
    expect(nearest(f, 'lat', 'lon', points, { where: { eq: { kind: 'visit' }, to: 3 } })).toEqual({
      row: 0,
      index: 2,
      meters: 0,
    })
    expect(nearest(f, 'lat', 'lon', points, { where: { from: 4 } })).toBeNull()
    expect(nearest(fixes([]), 'lat', 'lon', points)).toBeNull()
  })

  it('agrees with a naive scan', () => {
    const coord = fc.double({ min: -80, max: 80, noNaN: true })
    fc.assert(
      fc.property(
        fc.array(fc.record({ lat: coord, lon: coord }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.record({ lat: coord, lon: coord }), { minLength: 1, maxLength: 20 }),
        (rows, points) => {
          const f = fixes(rows.map((r, i) => ({ at: i, ...r })))
          const last = rows[rows.length - 1]!
          const d = points.map((p) => haversineM(last.lat, last.lon, p.lat, p.lon))
          const best = d.indexOf(Math.min(...d))
          expect(nearest(f, 'lat', 'lon', points)).toEqual({
            row: rows.length - 1,
            index: best,
            meters: d[best],
          })
        },
      ),
    )
  })

  it('refuses points that are not coordinates', () => {
    const frames = new Map([['locations', fixes([{ at: 1, lat: 1, lon: 1 }])]])
    expect(
      JSON.parse(callKernel(frames, 'nearest', 'locations', '["lat","lon",[{"lat":1,"lon":1}]]')),
    ).toEqual({ row: 0, index: 0, meters: 0 })
    for (const args of [
      '["lat","lon",{"lat":1}]',
      '["lat","lon",[{"lat":91,"lon":0}]]',
      '["lat","lon",[{"lat":"1","lon":0}]]',
      '["lat","lon",[null]]',
      '["kind","lon",[{"lat":1,"lon":1}]]',
    ]) {
      expect(() => callKernel(frames, 'nearest', 'locations', args)).toThrow(KernelArgumentError)
    }
  })
})
