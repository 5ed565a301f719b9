import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { durationMaxMs, parseDuration, windowStart } from '../../runtime/manifest/index.ts'

const DAY = 86_400_000

describe('ISO 8601 durations', () => {
  it('parses whole-number components', () => {
    expect(parseDuration('P3Y')).toMatchObject({ years: 3, months: 0, days: 0 })
    expect(parseDuration('P1Y6M2W3DT4H5M6S')).toEqual({
      years: 1,
      months: 6,
      weeks: 2,
      days: 3,
      hours: 4,
      minutes: 5,
      seconds: 6,
    })
    expect(parseDuration('PT36H')).toMatchObject({ hours: 36 })
  })

  it('refuses what is not a duration', () => {
    for (const s of ['', 'P', 'PT', 'P1H', 'P1.5Y', '3Y', 'P-1D', 'P1YT', 'P99999999999Y']) {
      expect(parseDuration(s), s).toBeUndefined()
    }
  })

  it('steps back in UTC calendar arithmetic, clamping the day to the month', () => {
    expect(windowStart('P1M', Date.UTC(2024, 2, 31))).toBe(Date.UTC(2024, 1, 29))
    expect(windowStart('P1Y', Date.UTC(2024, 1, 29, 12))).toBe(Date.UTC(2023, 1, 28, 12))
    expect(windowStart('P3Y', Date.UTC(2025, 5, 1))).toBe(Date.UTC(2022, 5, 1))
    expect(windowStart('P13M', Date.UTC(2025, 0, 15))).toBe(Date.UTC(2023, 11, 15))
    expect(windowStart('P1WT1H', Date.UTC(2025, 0, 15))).toBe(Date.UTC(2025, 0, 8) - 3_600_000)
    expect(() => windowStart('soon', 0)).toThrow(RangeError)
  })

  it('never reaches further back than its conservative maximum length', () => {
    fc.assert(
      fc.property(
        fc.nat(40),
        fc.nat(30),
        fc.nat(400),
        fc.integer({ min: 0, max: 4e12 }),
        (y, mo, d, now) => {
          const text = `P${y}Y${mo}M${d}D`
          if (text === 'P0Y0M0D') return
          const span = now - windowStart(text, now)
          expect(span).toBeGreaterThanOrEqual(0)
          expect(span).toBeLessThanOrEqual(durationMaxMs(text))
        },
      ),
    )
    expect(durationMaxMs('P1Y')).toBe(366 * DAY)
  })
})
