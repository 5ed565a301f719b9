import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import { loadFixtures } from '../../tests/_helpers/fixtures.ts'
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
      const bundle = await loadModuleFolder(dir)
      const result = await runBundle(
        {
          source: new MemorySource(fixture.collections),
          sandbox,
          consent: giveConsent(bundle, fixture.now),
        },
        bundle,
        { now: fixture.now },
      )
      expect(result.output).toEqual(fixture.expected)
      // One native group-sum; no column was copied into the guest.
      expect(result.stats.kernelCalls).toBe(1)
      expect(result.stats.columnsCopied).toBe(0)
    })
  }
})
