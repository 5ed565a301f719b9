/**
 * The guest standard library (`sealpost/guest`): checked against the host's own Date and known
 * values, and inlined by bundle build so that a bundle stays one self-contained file.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import {
  band,
  civilFromMs,
  completeMonths,
  completeWeeks,
  daysFromCivil,
  fold,
  haversineMeters,
  isoDate,
  isoWeek,
  median,
  monthKey,
  monthsBefore,
  nearestPoint,
  phraseMatcher,
  stepBand,
  weekStart,
  words,
} from '../../guest/index.ts'
import { bundleJavaScript } from '../../runtime/bundle/compile.ts'

const DAY = 86_400_000
const anyTime = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) })

describe('guest calendar', () => {
  it('agrees with Date on civil dates, ISO dates and month keys', () => {
    fc.assert(
      fc.property(anyTime, (t) => {
        const d = new Date(t)
        const c = civilFromMs(t)
        expect(c).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        })
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(Math.floor(t / DAY))
        expect(isoDate(t)).toBe(d.toISOString().slice(0, 10))
        expect(monthKey(t)).toBe(d.toISOString().slice(0, 7))
      }),
    )
  })

  it('numbers ISO weeks as ISO 8601 does, years included', () => {
    expect(isoWeek(Date.UTC(2026, 0, 1))).toBe('2026-W01') // a Thursday
    expect(isoWeek(Date.UTC(2021, 0, 3))).toBe('2020-W53') // a Sunday of the last 2020 week
    expect(isoWeek(Date.UTC(2024, 11, 30))).toBe('2025-W01') // a Monday
    expect(isoWeek(Date.UTC(2026, 11, 4, 16))).toBe('2026-W49')
    expect(new Date(weekStart(Date.UTC(2026, 11, 4, 16))).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    )
    fc.assert(
      fc.property(anyTime, (t) => {
        const s = weekStart(t)
        expect(new Date(s).getUTCDay()).toBe(1)
        expect(t - s).toBeGreaterThanOrEqual(0)
        expect(t - s).toBeLessThan(7 * DAY)
      }),
    )
  })

  it('lists complete months and weeks before now, oldest first', () => {
    const now = Date.UTC(2026, 2, 15, 10)
    expect(completeMonths(now, 3).map((m) => m.label)).toEqual(['2025-12', '2026-01', '2026-02'])
    expect(completeMonths(now, 1)[0]).toEqual({
      label: '2026-02',
      from: Date.UTC(2026, 1, 1),
      to: Date.UTC(2026, 2, 1),
    })
    const weeks = completeWeeks(now, 2)
    expect(weeks.map((w) => w.label)).toEqual(['2026-W09', '2026-W10'])
    expect(weeks[1]!.to).toBe(weekStart(now))
  })

  it('moves back calendar months with the day clamped, as P6M windows do', () => {
    expect(isoDate(monthsBefore(Date.UTC(2026, 7, 31), 6))).toBe('2026-02-28')
    expect(isoDate(monthsBefore(Date.UTC(2024, 7, 31), 6))).toBe('2024-02-29')
  })
})

describe('guest text and phrases', () => {
  it('folds case, accents, ligatures and apostrophes; keeps what it is told to', () => {
    expect(fold('Scheiße’s ÉTÉ')).toBe("scheisse's ete")
    expect(fold('Año Œuvre')).toBe('ano oeuvre')
    expect(fold('Año', { keep: 'ñ' })).toBe('año')
    expect(words("L'enculé! 42 fois")).toEqual(['l', 'encule', '42', 'fois'])
  })

  it('finds phrases as whole words inside a clause and marks the negated ones', () => {
    const match = phraseMatcher({
      phrases: { coffee: ['coffee', 'un café'], tea: ['green tea'] },
      negators: ['no', 'pas', 'not'],
      reach: 3,
    })
    expect(match('No coffee for me, but green tea yes')).toEqual([
      { label: 'coffee', phrase: 'coffee', negated: true },
      { label: 'tea', phrase: 'green tea', negated: false },
    ])
    expect(match('On prend un CAFÉ ?')).toEqual([
      { label: 'coffee', phrase: 'un cafe', negated: false },
    ])
    // Whole words only, and not across a clause boundary.
    expect(match('coffeehouse. green, tea')).toEqual([])
    // Out of reach: four words between the negator and the phrase.
    expect(match('not today or tomorrow, maybe coffee')).toEqual([
      { label: 'coffee', phrase: 'coffee', negated: false },
    ])
  })
})

describe('guest geo and bands', () => {
  it('measures great-circle distances', () => {
    const paris = { lat: 48.8566, lon: 2.3522 }
    const london = { lat: 51.5074, lon: -0.1278 }
    expect(haversineMeters(paris, london) / 1000).toBeCloseTo(343.5, 0)
    expect(haversineMeters(paris, paris)).toBe(0)
    expect(nearestPoint(paris, [london, { lat: 48.86, lon: 2.35 }])).toMatchObject({ index: 1 })
    expect(nearestPoint(paris, [])).toBeNull()
  })

  it('bands numbers into labels', () => {
    const table = [
      [2500, '2500+'],
      [1500, '1500-2500'],
      [0, 'under-1500'],
    ] as const
    expect([3000, 2500, 1800, 0, -5, NaN].map((v) => band(v, table))).toEqual([
      '2500+',
      '2500+',
      '1500-2500',
      'under-1500',
      'under-1500',
      'under-1500',
    ])
    const km = ['0-200', '200-400', '400-600', '600+']
    expect([0, 199.9, 200, 650, 10_000, -1].map((v) => stepBand(v, 200, km))).toEqual([
      '0-200',
      '0-200',
      '200-400',
      '600+',
      '600+',
      '0-200',
    ])
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
    expect(() => band(1, [])).toThrow(RangeError)
  })
})

describe('bundle build and sealpost/guest', () => {
  it('inlines the library into one self-contained module, only what is used', async () => {
    const dir = fileURLToPath(new URL('../../algorithms/loan-prequalification/', import.meta.url))
    const code = await bundleJavaScript(dir, 'index.js')
    expect(code).not.toMatch(/^\s*import\s/m)
    expect(code).not.toContain('sealpost/guest')
    expect(code).toContain('function monthStart(')
    expect(code).not.toContain('function haversineMeters(')
    expect(code).not.toContain('sourceMappingURL')
  })
})
