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
  KernelArgumentError,
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
