import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decayExp } from '../../sandbox/_exp.ts'
import { frameFromRecords } from '../../sandbox/frame/codec.ts'
import { groupSum } from '../../sandbox/kernels.ts'

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): bigint {
  const view = new DataView(new ArrayBuffer(16))
  view.setFloat64(0, a)
  view.setFloat64(8, b)
  const d = view.getBigInt64(0) - view.getBigInt64(8)
  return d < 0n ? -d : d
}

describe("decayExp: the kernels' exp", () => {
  it('is within 1 ulp of Math.exp over the whole range it computes itself', () => {
    let s = 7
    const rand = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0
      return s / 4294967296
    }
    let differing = 0
    const n = 200_000
    for (let i = 0; i < n; i++) {
      // Decay arguments (small negative), and the full range |x| < 700.
      const x = i % 2 === 0 ? -rand() * 8 : (rand() - 0.5) * 1400
      const d = ulps(decayExp(x), Math.exp(x))
      if (d > 1n) expect.fail(`decayExp(${x}) is ${d} ulps from Math.exp`)
      if (d === 1n) differing++
    }
    // A table method, not a copy of Math.exp: some last bits differ, most do not.
    expect(differing).toBeGreaterThan(0)
    expect(differing).toBeLessThan(n * 0.2)
  })

  it('is within 1 ulp for any double in range (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -699.999, max: 699.999, noNaN: true }), (x) => {
        expect(ulps(decayExp(x), Math.exp(x))).toBeLessThanOrEqual(1n)
      }),
      { numRuns: 5000 },
    )
  })

  it('is exact where exp is, and Math.exp itself outside |x| < 700', () => {
    expect(decayExp(0)).toBe(1)
    expect(decayExp(-0)).toBe(1)
    for (const x of [700, -700, 709.7, -708.5, -745, -746, 710, NaN, Infinity, -Infinity]) {
      expect(Object.is(decayExp(x), Math.exp(x))).toBe(true)
    }
    // Tiny arguments: 1 + x, as exp rounds them.
    expect(decayExp(1e-300)).toBe(1)
    expect(decayExp(-(2 ** -40))).toBe(1 - 2 ** -40)
    // Whole halvings of a half-life are exact powers of two.
    for (let h = 0; h < 60; h++) expect(decayExp(-h * Math.LN2)).toBeCloseTo(2 ** -h, 15)
  })
})

describe('groupSum with decay', () => {
  const layout = {
    name: 'activities',
    timeField: 'startedAt',
    kinds: { startedAt: 'time', sport: 'category', durationSec: 'number' },
  } as const
  const row = fc.record({
    startedAt: fc.integer({ min: 0, max: 2_000_000 }),
    sport: fc.option(fc.constantFrom('running', 'cycling', 'yoga'), { nil: undefined }),
    durationSec: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
  })

  it('gives the same sums, bit for bit, on the all-rows path and the filtered one', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
        const f = frameFromRecords(
          layout,
          rows,
          ['startedAt', 'sport', 'durationSec'],
          -Infinity,
          Infinity,
        )
        const decay = { halfLifeMs: 86_400_000, now: 1_500_000 }
        const all = groupSum(f, 'sport', 'durationSec', { decay })
        const filtered = groupSum(f, 'sport', 'durationSec', { decay, where: { from: -1 } })
        expect(filtered).toEqual(all)
        // And close to the naive sum with Math.exp.
        const naive: Record<string, number> = {}
        for (const r of rows) {
          if (r.sport === undefined || r.durationSec === undefined) continue
          const age = decay.now - r.startedAt
          const w = age > 0 ? Math.exp((-Math.LN2 / decay.halfLifeMs) * age) : 1
          naive[r.sport] = (naive[r.sport] ?? 0) + r.durationSec * w
        }
        expect(Object.keys(all).sort()).toEqual(Object.keys(naive).sort())
        for (const [k, v] of Object.entries(naive)) {
          expect(Math.abs(all[k]! - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-13)
        }
      }),
      { numRuns: 300 },
    )
  })
})
