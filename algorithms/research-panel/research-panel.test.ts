import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { applyNoise, keepProbability, noiseRandom } from '../../runtime/consent/noise.ts'
import { outputNoise } from '../../runtime/manifest/noise.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { daysBand, minutesBand } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

const MINUTES = ['none', '1-74', '75-149', '150-299', '300-plus']
const DAYS = ['none', '1-2', '3-4', '5-7']

/** Pearson's χ² of observed counts against expected probabilities. */
function chiSquare(observed: readonly number[], expected: readonly number[], n: number): number {
  return observed.reduce((s, o, i) => s + (o - n * expected[i]!) ** 2 / (n * expected[i]!), 0)
}

describe('research-panel', () => {
  it('bands minutes at the WHO targets and days by the rounded weekly mean', () => {
    expect([0, 0.5, 74.9, 75, 149.9, 150, 299.9, 300, 2000].map(minutesBand)).toEqual([
      'none',
      '1-74',
      '1-74',
      '75-149',
      '75-149',
      '150-299',
      '150-299',
      '300-plus',
      '300-plus',
    ])
    expect([0, 1, 9, 10, 17, 18, 28].map(daysBand)).toEqual([
      'none',
      '1-2',
      '1-2',
      '3-4',
      '3-4',
      '5-7',
      '5-7',
    ])
  })

  it('declares randomized response with ε = 1 on both answers', async () => {
    const { manifest } = await loadModuleFolder(dir)
    expect(outputNoise(manifest.output)).toEqual([
      {
        path: 'weeklyActiveMinutes',
        schemaPointer: '/properties/weeklyActiveMinutes',
        mechanism: 'randomized-response',
        epsilon: 1,
      },
      {
        path: 'activeDaysPerWeek',
        schemaPointer: '/properties/activeDaysPerWeek',
        mechanism: 'randomized-response',
        epsilon: 1,
      },
    ])
  })

  it('after the runtime’s noise, answers follow randomized response with ε = 1', async () => {
    const { manifest } = await loadModuleFolder(dir)
    const truth = { weeklyActiveMinutes: '150-299', activeDaysPerWeek: '1-2' }
    const n = 20_000
    const random = noiseRandom('research-panel noise test')
    const minutes = new Array<number>(MINUTES.length).fill(0)
    const days = new Array<number>(DAYS.length).fill(0)
    for (let i = 0; i < n; i++) {
      const noised = applyNoise(truth, manifest.output, { random }) as typeof truth
      minutes[MINUTES.indexOf(noised.weeklyActiveMinutes)]! += 1
      days[DAYS.indexOf(noised.activeDaysPerWeek)]! += 1
    }
    // Keep the truth with e/(e+k−1), each other band with 1/(e+k−1): 0.405 / 0.149 for k = 5,
    // 0.475 / 0.175 for k = 4.
    const pMin = keepProbability(1, 5)
    const pDay = keepProbability(1, 4)
    expect(pMin).toBeCloseTo(Math.E / (Math.E + 4), 12)
    const expectMin = MINUTES.map((b) => (b === truth.weeklyActiveMinutes ? pMin : (1 - pMin) / 4))
    const expectDay = DAYS.map((b) => (b === truth.activeDaysPerWeek ? pDay : (1 - pDay) / 3))
    // χ² critical values at p = 0.001: 18.47 (4 degrees of freedom), 16.27 (3).
    expect(chiSquare(minutes, expectMin, n)).toBeLessThan(18.47)
    expect(chiSquare(days, expectDay, n)).toBeLessThan(16.27)
    // The privacy loss seen in the counts: ln(P(truth) / P(a given other band)) ≈ ε = 1.
    const kept = minutes[MINUTES.indexOf(truth.weeklyActiveMinutes)]! / n
    const other = (1 - kept) / 4
    expect(Math.log(kept / other)).toBeGreaterThan(0.93)
    expect(Math.log(kept / other)).toBeLessThan(1.07)
    // Noise must not leave the true band alone: far fewer than all answers are the truth.
    expect(kept).toBeLessThan(0.45)
  })

  it('noises the same answer the same way for the same seed, differently for another', async () => {
    const { manifest } = await loadModuleFolder(dir)
    const truth = { weeklyActiveMinutes: 'none', activeDaysPerWeek: 'none' }
    const draw = (seed: string) => {
      const random = noiseRandom(seed)
      return Array.from({ length: 50 }, () => applyNoise(truth, manifest.output, { random }))
    }
    expect(draw('a')).toEqual(draw('a'))
    expect(draw('a')).not.toEqual(draw('b'))
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      // The true answer, before the runtime's noise.
      expect(result.output).toEqual(fixture.expected)
      // A sum and a histogram; no column entered the sandbox.
      expect(result.stats.kernelCalls).toBe(2)
      expect(result.stats.columnsCopied).toBe(0)
    })
  }
})
