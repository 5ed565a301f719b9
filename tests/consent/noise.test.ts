import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyNoise,
  geometricNoise,
  keepProbability,
  laplaceNoise,
  noiseRandom,
  randomizedResponse,
  NoiseSchemaError,
} from '../../runtime/consent/index.ts'
import { compileOutputSchema } from '../../runtime/manifest/index.ts'
import type { JsonSchema } from '../../runtime/manifest/types.ts'

const N = 10_000

/** |observed − expected| within 3 standard errors of a proportion. */
function expectRate(hits: number, n: number, p: number): void {
  const sigma = Math.sqrt((p * (1 - p)) / n)
  expect(Math.abs(hits / n - p)).toBeLessThan(3 * sigma)
}

describe('the noise random source', () => {
  it('repeats for a seed, differs across seeds, and stays in [0, 1)', () => {
    const a = noiseRandom('seed-1')
    const b = noiseRandom('seed-1')
    const c = noiseRandom('seed-2')
    const xs = Array.from({ length: 1000 }, () => a.next())
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs)
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    // Uniform: the mean of 1000 draws lies within 3σ (σ = sqrt(1/12/1000)) of 1/2.
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    expect(Math.abs(mean - 0.5)).toBeLessThan(3 * Math.sqrt(1 / 12 / 1000))
  })
})

describe('randomized response keeps the true value with probability e^ε/(e^ε+k−1)', () => {
  it('computes the keep probability', () => {
    expect(keepProbability(1, 2)).toBeCloseTo(Math.E / (Math.E + 1), 15)
    expect(keepProbability(2, 9)).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 8), 15)
    expect(keepProbability(800, 5)).toBe(1)
    expect(() => keepProbability(0, 2)).toThrow(/epsilon/)
  })

  it('keeps a boolean at the theoretical rate over 10k draws', () => {
    const random = noiseRandom('rr-boolean')
    let kept = 0
    for (let i = 0; i < N; i++) if (randomizedResponse(true, [false, true], 1, random)) kept++
    expectRate(kept, N, keepProbability(1, 2))
  })

  it('keeps an enum at the theoretical rate and spreads the rest evenly', () => {
    const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
    const random = noiseRandom('rr-enum')
    const counts = new Map<string, number>()
    for (let i = 0; i < N; i++) {
      const v = randomizedResponse('c', values, 2, random)
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    const p = keepProbability(2, 9)
    expectRate(counts.get('c') ?? 0, N, p)
    for (const v of values.filter((x) => x !== 'c')) expectRate(counts.get(v) ?? 0, N, (1 - p) / 8)
  })
})

describe('two-sided geometric noise has P(z) ∝ α^|z| with α = e^(−ε/Δ)', () => {
  it('matches the theoretical variance 2α/(1−α)² and P(0) = (1−α)/(1+α)', () => {
    const random = noiseRandom('geometric')
    const eps = 1
    const alpha = Math.exp(-eps)
    const zs = Array.from({ length: N }, () => geometricNoise(eps, 1, random))
    expect(zs.every(Number.isInteger)).toBe(true)
    const mean = zs.reduce((s, z) => s + z, 0) / N
    const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / (N - 1)
    const theory = (2 * alpha) / (1 - alpha) ** 2
    expect(Math.abs(mean)).toBeLessThan(3 * Math.sqrt(theory / N))
    expect(Math.abs(variance / theory - 1)).toBeLessThan(0.06)
    expectRate(zs.filter((z) => z === 0).length, N, (1 - alpha) / (1 + alpha))
  })

  it('spreads wider with a larger sensitivity', () => {
    const r = noiseRandom('geometric-wide')
    const zs = Array.from({ length: N }, () => geometricNoise(1, 10, r))
    const alpha = Math.exp(-0.1)
    const theory = (2 * alpha) / (1 - alpha) ** 2
    const variance = zs.reduce((s, z) => s + z * z, 0) / N
    expect(Math.abs(variance / theory - 1)).toBeLessThan(0.08)
  })
})

describe('Laplace noise has scale b', () => {
  it('has mean |x| = b and variance 2b²', () => {
    const random = noiseRandom('laplace')
    const b = 2
    const xs = Array.from({ length: N }, () => laplaceNoise(b, random))
    const meanAbs = xs.reduce((s, x) => s + Math.abs(x), 0) / N
    expect(Math.abs(meanAbs - b)).toBeLessThan(3 * (b / Math.sqrt(N)))
    const variance = xs.reduce((s, x) => s + x * x, 0) / N
    expect(Math.abs(variance / (2 * b * b) - 1)).toBeLessThan(0.08)
    expect(xs.filter((x) => x < 0).length).toBeGreaterThan(N / 2 - 3 * Math.sqrt(N / 4))
  })
})

const sportSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sport', 'runsWeekly', 'steps', 'km', 'plain'],
  properties: {
    sport: {
      enum: ['running', 'cycling', 'swimming'],
      'x-noise': { mechanism: 'randomized-response', epsilon: 1 },
    },
    runsWeekly: { type: 'boolean', 'x-noise': { mechanism: 'randomized-response', epsilon: 0.5 } },
    steps: {
      type: 'integer',
      minimum: 0,
      maximum: 20,
      'x-noise': { mechanism: 'geometric', epsilon: 1, sensitivity: 2 },
    },
    km: {
      type: 'number',
      minimum: 0,
      maximum: 100,
      multipleOf: 0.5,
      'x-noise': { mechanism: 'laplace', epsilon: 2 },
    },
    plain: { type: 'integer', minimum: 0, maximum: 9 },
    weeks: {
      type: 'array',
      maxItems: 4,
      items: {
        type: 'integer',
        minimum: 0,
        maximum: 7,
        'x-noise': { mechanism: 'geometric', epsilon: 1 },
      },
    },
  },
}

describe('applyNoise perturbs the annotated fields after validation', () => {
  const validate = compileOutputSchema(sportSchema)

  it('always returns an output that still validates (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          sport: fc.constantFrom('running', 'cycling', 'swimming'),
          runsWeekly: fc.boolean(),
          steps: fc.integer({ min: 0, max: 20 }),
          km: fc.integer({ min: 0, max: 200 }).map((k) => k / 2),
          plain: fc.integer({ min: 0, max: 9 }),
          weeks: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }),
        }),
        fc.string(),
        (output, seed) => {
          expect(validate(output)).toBe(true)
          const noised = applyNoise(output, sportSchema, {
            random: noiseRandom(seed),
          }) as typeof output
          expect(validate(noised)).toBe(true)
          expect(noised.plain).toBe(output.plain)
          expect(noised.weeks).toHaveLength(output.weeks.length)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('is deterministic for a seed and leaves the input untouched', () => {
    const output = {
      sport: 'running',
      runsWeekly: true,
      steps: 10,
      km: 42.5,
      plain: 3,
      weeks: [1, 2, 3],
    }
    const before = structuredClone(output)
    const a = applyNoise(output, sportSchema, { random: noiseRandom('x') })
    expect(applyNoise(output, sportSchema, { random: noiseRandom('x') })).toEqual(a)
    expect(output).toEqual(before)
  })

  it('clamps noised integers into the range (values pile up at the bounds)', () => {
    const random = noiseRandom('clamp')
    let atZero = 0
    for (let i = 0; i < 2000; i++) {
      const o = applyNoise(
        { sport: 'running', runsWeekly: true, steps: 0, km: 0, plain: 0 },
        sportSchema,
        { random },
      ) as { steps: number }
      if (o.steps === 0) atZero++
      expect(o.steps).toBeGreaterThanOrEqual(0)
    }
    // P(steps stays 0) = P(z ≤ 0) = 1 − α/(1+α) with α = e^(−1/2): about 0.62.
    const alpha = Math.exp(-0.5)
    expectRate(atZero, 2000, 1 - alpha / (1 + alpha))
  })

  it('keeps the enum at its rate inside a whole output', () => {
    const random = noiseRandom('inside')
    let kept = 0
    for (let i = 0; i < N; i++) {
      const o = applyNoise(
        { sport: 'cycling', runsWeekly: false, steps: 5, km: 1, plain: 1 },
        sportSchema,
        { random },
      ) as { sport: string }
      if (o.sport === 'cycling') kept++
    }
    expectRate(kept, N, keepProbability(1, 3))
  })

  it('leaves outputs without x-noise as they are and passes null through', () => {
    const schema: JsonSchema = { type: 'object', properties: { n: { type: 'integer' } } }
    const out = { n: 4 }
    expect(applyNoise(out, schema)).toBe(out)
    const nullable: JsonSchema = {
      type: 'object',
      properties: {
        n: {
          type: 'integer',
          minimum: 0,
          maximum: 9,
          'x-noise': { mechanism: 'geometric', epsilon: 1 },
        },
      },
    }
    expect(applyNoise({ n: null }, nullable, { random: noiseRandom('n') })).toEqual({ n: null })
  })

  it('refuses noise it cannot apply as stated', () => {
    const misplaced: JsonSchema = {
      type: 'string',
      maxLength: 3,
      'x-noise': { mechanism: 'geometric', epsilon: 1 },
    }
    expect(() => applyNoise('abc', misplaced)).toThrow(NoiseSchemaError)
    const inUnion: JsonSchema = {
      anyOf: [
        { type: 'boolean', 'x-noise': { mechanism: 'randomized-response', epsilon: 1 } },
        { type: 'null' },
      ],
    }
    expect(() => applyNoise(true, inUnion)).toThrow(/oneOf\/anyOf/)
    const zeroEps: JsonSchema = {
      type: 'boolean',
      'x-noise': { mechanism: 'randomized-response', epsilon: 0 },
    }
    expect(() => applyNoise(true, zeroEps)).toThrow(
      expect.objectContaining({ code: 'SEALPOST_NOISE_SCHEMA' }),
    )
  })
})
