import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { outputBitBound } from '../../runtime/manifest/index.ts'
import { windowStart } from '../../runtime/manifest/duration.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { band, median, monthStart, monthsBefore, overdraftBand, overdraftEntries } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

describe('loan-prequalification', () => {
  it('goes back six calendar months exactly as a P6M window does', () => {
    const from = Date.UTC(1990, 0, 1)
    const to = Date.UTC(2100, 0, 1)
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (now) => {
        expect(monthsBefore(now, 6)).toBe(windowStart('P6M', now))
      }),
    )
    // 31 August: February has no 31st, so the day is clamped to its last.
    expect(monthsBefore(Date.UTC(2026, 7, 31, 8), 6)).toBe(Date.UTC(2026, 1, 28, 8))
    expect(monthStart(Date.UTC(2026, 0, 15), -1)).toBe(Date.UTC(2025, 11, 1))
  })

  it('puts values on band boundaries in the upper band', () => {
    const table = [
      [0.9, 'high'],
      [0.3, 'mid'],
      [0, 'low'],
    ]
    expect([0, 0.29, 0.3, 0.89, 0.9, 5].map((v) => band(v, table))).toEqual([
      'low',
      'low',
      'mid',
      'mid',
      'high',
      'high',
    ])
    expect([0, 1, 2, 3, 4, 40].map(overdraftBand)).toEqual([
      'none',
      '1',
      '2-3',
      '2-3',
      '4-plus',
      '4-plus',
    ])
  })

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 10])).toBe(3.5)
  })

  it('counts entries into overdraft per account, not days spent overdrawn', () => {
    const times = new Float64Array([1, 2, 3, 4, 5, 6, 7])
    const balances = new Float64Array([10, -1, -2, NaN, 5, -3, -4])
    const accounts = new Int32Array([0, 0, 0, 0, 0, 0, 1])
    // Row 1 enters (account 0), row 2 stays, row 3 has no balance, row 5 enters again, row 6 is
    // account 1's first row and already negative.
    expect(overdraftEntries(times, balances, accounts, 0)).toBe(3)
    expect(overdraftEntries(times, balances, accounts, 3)).toBe(2)
  })

  it('lets at most a dozen bits leave', async () => {
    const bundle = await loadModuleFolder(dir)
    const bits = outputBitBound(bundle.manifest.output).bits
    // log2(8) + log2(13) + log2(7) + log2(4)
    expect(bits).toBeCloseTo(3 + Math.log2(13) + Math.log2(7) + 2, 10)
    expect(bits).toBeLessThan(12)
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
      // Only the overdraft walk copies columns: times, balances and accounts.
      expect(result.stats.columnsCopied).toBe(3)
    })
  }
})
