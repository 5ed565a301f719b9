import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { normalizeSport } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

describe('favorite-sport', () => {
  it('maps trackers’ sport names onto the partner’s list', () => {
    expect(
      [
        'Trail Running',
        'jogging',
        'Road Cycling',
        'Mountain Biking',
        'Open Water Swim',
        'Hiking',
        'Weight training',
        'Climbing',
      ].map(normalizeSport),
    ).toEqual([
      'running',
      'running',
      'cycling',
      'cycling',
      'swimming',
      'hiking',
      'strength',
      'other',
    ])
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
      // One native group-sum; no column was copied into the guest.
      expect(result.stats.kernelCalls).toBe(1)
      expect(result.stats.columnsCopied).toBe(0)
    })
  }
})
