import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { civilFromMs, completeMonths, daysFromCivil, trendOf } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

const DAY_MS = 86_400_000

describe('spending-insights', () => {
  it('does calendar arithmetic without Date, as Date.UTC does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (days) => {
        const ms = days * DAY_MS + 12 * 3600 * 1000
        const d = new Date(ms)
        expect(civilFromMs(ms)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        })
        const { year, month, day } = civilFromMs(ms) as { year: number; month: number; day: number }
        expect(daysFromCivil(year, month, day)).toBe(days)
      }),
    )
  })

  it('lists the complete months before the month of now, across a year boundary', () => {
    const months = completeMonths(Date.UTC(2026, 1, 14, 9), 3) as {
      label: string
      from: number
      to: number
    }[]
    expect(months).toEqual([
      { label: '2025-11', from: Date.UTC(2025, 10, 1), to: Date.UTC(2025, 11, 1) },
      { label: '2025-12', from: Date.UTC(2025, 11, 1), to: Date.UTC(2026, 0, 1) },
      { label: '2026-01', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) },
    ])
  })

  it('calls a change flat under 10 units or at most 10 %, and has no percent from zero', () => {
    expect(trendOf(109, 100)).toEqual({ trend: 'flat', change: 9, changePercent: 9 })
    expect(trendOf(880, 800)).toEqual({ trend: 'flat', change: 80, changePercent: 10 })
    expect(trendOf(881, 800)).toEqual({ trend: 'up', change: 81, changePercent: 10 })
    expect(trendOf(50, 200)).toEqual({ trend: 'down', change: -150, changePercent: -75 })
    expect(trendOf(40, 0)).toEqual({ trend: 'up', change: 40, changePercent: null })
    expect(trendOf(0, 0)).toEqual({ trend: 'flat', change: 0, changePercent: null })
    expect(trendOf(100_000, 1).changePercent).toBe(9999)
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
      // One currency count, then a group-sum and a sum per month; no column copied into the guest.
      const empty = (fixture.expected as { currency: string | null }).currency === null
      expect(result.stats.kernelCalls).toBe(empty ? 1 : 25)
      expect(result.stats.columnsCopied).toBe(0)
    })
  }
})
