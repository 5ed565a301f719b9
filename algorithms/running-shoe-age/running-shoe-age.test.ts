import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { outputBitBound } from '../../runtime/manifest/index.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { isRun, isRunningShoe, kmBand } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

describe('running-shoe-age', () => {
  it('bands kilometres in 200 km steps, lower bound inclusive', () => {
    expect([0, 199.9, 200, 399.99, 400, 599, 600, 799.5, 800, 5000].map(kmBand)).toEqual([
      '0-200',
      '0-200',
      '200-400',
      '200-400',
      '400-600',
      '400-600',
      '600-800',
      '600-800',
      '800+',
      '800+',
    ])
  })

  it('recognises running shoes by words in several languages or by model line', () => {
    const yes = [
      'Brooks Ghost 15 running shoe',
      'Hoka Clifton 9',
      'Chaussures de course Kiprun',
      'Laufschuh Damen',
      'Zapatillas de correr',
      'New Balance Fresh Foam 1080v13',
      'Trail shoe',
    ]
    const no = ['Canvas sneakers', 'Hiking boots', 'Loafers', 'Slide sandals', 'Courtside tennis']
    expect(yes.filter((s) => !isRunningShoe(s))).toEqual([])
    expect(no.filter((s) => isRunningShoe(s))).toEqual([])
  })

  it('counts every tracker’s name for a run as a run', () => {
    expect(
      ['running', 'Trail Running', 'Treadmill run', 'jogging', 'Rowing', 'cycling'].map(isRun),
    ).toEqual([true, true, true, true, false, false])
  })

  it('can say at most about 3.6 bits: six bands or null, and one flag', async () => {
    const bundle = await loadModuleFolder(dir)
    expect(outputBitBound(bundle.manifest.output).bits).toBeCloseTo(Math.log2(6) + 1, 9)
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
      // The distance is one native sum; no activity column is copied into the guest.
      const bought = (fixture.expected as { kmBand: string | null }).kmBand !== null
      expect(result.stats.kernelCalls).toBe(bought ? 1 : 0)
    })
  }
})
