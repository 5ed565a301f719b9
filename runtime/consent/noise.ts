/**
 * Local differential privacy on outputs (docs/contracts.md "Outputs an auditor can bound"), applied by the
 * runtime after validation so partner code cannot skip it. Fields ask for it with `x-noise`:
 * randomized response for booleans and enums, two-sided geometric noise for integers, Laplace
 * noise for numbers through the snapping mechanism (Mironov 2012: plain floating-point Laplace
 * leaks the true value in its low bits); noised numbers are clamped (and rounded) back into the schema's range. The
 * sensitivity defaults to the width of the field's range: one person's value may lie anywhere in it.
 *
 * @example
 * const noised = applyNoise(output, manifest.output, { random: noiseRandom() })
 */

import { checkNoisePlacement, outputNoise } from '../manifest/noise.ts'
import type { JsonSchema } from '../manifest/types.ts'
import { stableJson } from '../digest.ts'
import { NoiseSchemaError } from './errors.ts'
import { noiseRandom, type NoiseRandom } from './_prng.ts'

export { noiseRandom, type NoiseRandom }

/** Options of `applyNoise`. */
export interface NoiseOptions {
  /** Where randomness comes from (`noiseRandom(seed)` in tests; a fresh secure one by default). */
  readonly random?: NoiseRandom
}

const isObject = (v: unknown): v is JsonSchema =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const finite = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

function aEpsilon(epsilon: number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon))
    throw new RangeError('epsilon must be a finite number > 0')
  return epsilon
}

/** Probability that randomized response over `k` values keeps the true one: e^ε / (e^ε + k − 1). */
export function keepProbability(epsilon: number, k: number): number {
  aEpsilon(epsilon)
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be an integer ≥ 1')
  // e^ε/(e^ε+k−1) = 1/(1+(k−1)e^−ε): no overflow for large ε.
  return 1 / (1 + (k - 1) * Math.exp(-epsilon))
}

/** Randomized response: `value` with probability keepProbability(ε, k), else another of `values`. */
export function randomizedResponse<T>(
  value: T,
  values: readonly T[],
  epsilon: number,
  random: NoiseRandom,
): T {
  const key = stableJson(value)
  const index = values.findIndex((v) => stableJson(v) === key)
  if (index < 0) throw new RangeError('value must be one of values')
  const k = values.length
  if (k === 1 || random.next() < keepProbability(epsilon, k)) return value
  // Uniform over the k − 1 other values.
  const j = Math.min(k - 2, Math.floor(random.next() * (k - 1)))
  return values[j >= index ? j + 1 : j]!
}

/** One draw of two-sided geometric noise: P(z) ∝ α^|z| with α = e^(−ε/sensitivity). */
export function geometricNoise(epsilon: number, sensitivity: number, random: NoiseRandom): number {
  aEpsilon(epsilon)
  if (!(sensitivity > 0)) throw new RangeError('sensitivity must be > 0')
  const lnAlpha = -epsilon / sensitivity
  // One-sided geometric P(g) = (1 − α)α^g by inversion; 1 − U lies in (0, 1].
  const one = (): number => Math.floor(Math.log(1 - random.next()) / lnAlpha)
  return one() - one()
}

/** One draw of Laplace noise with scale `b` (density e^(−|x|/b) / 2b). */
export function laplaceNoise(scale: number, random: NoiseRandom): number {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError('scale must be a finite number > 0')
  const u = random.next() - 0.5 // in [−0.5, 0.5)
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u))
}

/**
 * A uniform double in (0, 1) drawn with full precision: every double in the interval can come out,
 * with probability proportional to the gap it covers (Mironov 2012, §5.2). `random.next()` gives
 * only multiples of 2^−53, whose logarithms leave gaps the attack on Laplace noise exploits.
 */
function uniformFullPrecision(random: NoiseRandom): number {
  // The exponent: the number of leading zero bits of an infinite random bit string.
  let zeros = 0
  for (;;) {
    const word = Math.floor(random.next() * 2 ** 32)
    if (word !== 0) {
      zeros += Math.clz32(word)
      break
    }
    zeros += 32
    if (zeros >= 1074) break // below the smallest double: probability 2^−1074
  }
  const mantissa = Math.floor(random.next() * 2 ** 52)
  const u = (1 + mantissa / 2 ** 52) * 2 ** (-zeros - 1)
  return u > 0 ? u : Number.MIN_VALUE
}

/**
 * The snapping mechanism (Mironov, "On significance of the least significant bits for
 * differential privacy", CCS 2012): Laplace noise of scale `scale` on `value` clamped to
 * [lo, hi], with the sum rounded to a multiple of Λ, the smallest power of two ≥ scale, and
 * clamped again. Plain floating-point Laplace noise leaks the true value through which doubles
 * the sum can land on; after snapping, the output set no longer depends on the value. The
 * guarantee is (1/λ·Δ + 2^−49·B/λ)-DP with λ = scale and B half the range: ε plus a term that is
 * negligible for any range a schema can state.
 */
export function snappedLaplace(
  value: number,
  lo: number,
  hi: number,
  scale: number,
  random: NoiseRandom,
): number {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError('scale must be a finite number > 0')
  if (!(hi >= lo) || !Number.isFinite(lo) || !Number.isFinite(hi))
    throw new RangeError('[lo, hi] must be a finite range')
  const center = lo + (hi - lo) / 2
  const half = (hi - lo) / 2
  if (half === 0) return lo
  const snap = 2 ** Math.ceil(Math.log2(scale))
  const y = clamp(value - center, -half, half)
  const sign = random.next() < 0.5 ? -1 : 1
  const noisy = y + sign * scale * Math.log(uniformFullPrecision(random))
  // Division and multiplication by a power of two are exact; Math.round picks the multiple.
  const snapped = clamp(Math.round(noisy / snap) * snap, -half, half)
  return clamp(center + snapped, lo, hi)
}

/** The finite range of an integer node: [ceil(min), floor(max)], exclusive bounds respected. */
function integerRange(s: JsonSchema): [number, number] {
  const min = finite(s['minimum'])
  const max = finite(s['maximum'])
  const exMin = finite(s['exclusiveMinimum'])
  const exMax = finite(s['exclusiveMaximum'])
  const lo = Math.max(
    min === undefined ? -Infinity : Math.ceil(min),
    exMin === undefined ? -Infinity : Math.floor(exMin) + 1,
  )
  const hi = Math.min(
    max === undefined ? Infinity : Math.floor(max),
    exMax === undefined ? Infinity : Math.ceil(exMax) - 1,
  )
  return [lo, hi]
}

function typesOf(s: JsonSchema): string[] {
  const t = s['type']
  return typeof t === 'string' ? [t] : Array.isArray(t) ? (t as string[]) : []
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

function noiseNumber(
  value: number,
  s: JsonSchema,
  eps: number,
  sens: number | undefined,
  random: NoiseRandom,
): number {
  const integer = typesOf(s).includes('integer')
  const m = finite(s['multipleOf'])
  if (integer || (m !== undefined && Number.isInteger(m))) {
    const [lo0, hi0] = integerRange(s)
    const step = m !== undefined && Number.isInteger(m) && m > 0 ? m : 1
    const lo = Math.ceil(lo0 / step) * step
    const hi = Math.floor(hi0 / step) * step
    const raw = snappedLaplace(value, lo, hi, (sens ?? Math.max(step, hi - lo)) / eps, random)
    return clamp(Math.round(raw / step) * step, lo, hi)
  }
  const exLo = finite(s['exclusiveMinimum'])
  const exHi = finite(s['exclusiveMaximum'])
  let lo = finite(s['minimum']) ?? exLo!
  let hi = finite(s['maximum']) ?? exHi!
  if (m !== undefined && m > 0) {
    const kLo =
      exLo !== undefined && finite(s['minimum']) === undefined
        ? Math.floor(lo / m) + 1
        : Math.ceil(lo / m)
    const kHi =
      exHi !== undefined && finite(s['maximum']) === undefined
        ? Math.ceil(hi / m) - 1
        : Math.floor(hi / m)
    const scale = (sens ?? Math.max(m, (kHi - kLo) * m)) / eps
    const raw = snappedLaplace(value, kLo * m, kHi * m, scale, random)
    // k·m, computed from the integer k, is exactly what a multipleOf check accepts.
    return clamp(Math.round(raw / m), kLo, kHi) * m
  }
  const width = hi - lo
  if (exLo !== undefined && finite(s['minimum']) === undefined) lo += width * 1e-12
  if (exHi !== undefined && finite(s['maximum']) === undefined) hi -= width * 1e-12
  return snappedLaplace(value, lo, hi, (sens ?? width) / eps, random)
}

function noiseInteger(
  value: number,
  s: JsonSchema,
  eps: number,
  sens: number | undefined,
  random: NoiseRandom,
): number {
  const [lo, hi] = integerRange(s)
  const m = finite(s['multipleOf'])
  const step = m !== undefined && Number.isInteger(m) && m > 0 ? m : 1
  const kLo = Math.ceil(lo / step)
  const kHi = Math.floor(hi / step)
  // Noise on the index k of value = k·step keeps the result a multiple.
  const k = value / step + geometricNoise(eps, sens ?? Math.max(1, kHi - kLo), random)
  return clamp(k, kLo, kHi) * step
}

function perturb(value: unknown, s: JsonSchema, random: NoiseRandom): unknown {
  const n = s['x-noise'] as JsonSchema
  const eps = n['epsilon'] as number
  const sens = finite(n['sensitivity'])
  switch (n['mechanism']) {
    case 'randomized-response': {
      const values = Array.isArray(s['enum']) ? (s['enum'] as unknown[]) : [false, true]
      return randomizedResponse(value, values, eps, random)
    }
    case 'geometric':
      return typeof value === 'number' ? noiseInteger(value, s, eps, sens, random) : value
    case 'laplace':
      return typeof value === 'number' ? noiseNumber(value, s, eps, sens, random) : value
    default:
      throw new NoiseSchemaError(`unknown noise mechanism ${String(n['mechanism'])}`)
  }
}

function walk(value: unknown, s: unknown, random: NoiseRandom, depth: number): unknown {
  if (!isObject(s) || depth > 64) return value
  let out = value
  if (isObject(s['x-noise'])) out = perturb(out, s, random)
  const all = s['allOf']
  if (Array.isArray(all)) for (const member of all) out = walk(out, member, random, depth + 1)
  if (isObject(out) && isObject(s['properties'])) {
    const props = s['properties']
    const copy: Record<string, unknown> = { ...out }
    for (const key of Object.keys(copy)) {
      if (Object.hasOwn(props, key)) copy[key] = walk(copy[key], props[key], random, depth + 1)
    }
    out = copy
  } else if (Array.isArray(out)) {
    const prefix = Array.isArray(s['prefixItems']) ? (s['prefixItems'] as unknown[]) : []
    out = out.map((v, i) => walk(v, i < prefix.length ? prefix[i] : s['items'], random, depth + 1))
  }
  return out
}

/**
 * Returns a noised copy of a VALIDATED `output`: every `x-noise` field perturbed by its mechanism
 * and ε, clamped into its range. Throws NoiseSchemaError (SEALPOST_NOISE_SCHEMA) when an annotation
 * cannot be applied faithfully (wrong placement, or inside oneOf/anyOf where the branch is unknown).
 */
export function applyNoise(
  output: unknown,
  schema: JsonSchema,
  options: NoiseOptions = {},
): unknown {
  const fields = outputNoise(schema)
  if (fields.length === 0) return output
  const problem = checkNoisePlacement(schema)
  if (problem) throw new NoiseSchemaError(`${problem.pointer}: ${problem.message}`)
  const inUnion = fields.find((f) => /\/(oneOf|anyOf)\//.test(f.schemaPointer))
  if (inUnion) {
    throw new NoiseSchemaError(
      `${inUnion.schemaPointer}/x-noise: noise inside oneOf/anyOf cannot be applied`,
    )
  }
  for (const f of fields) {
    if (!(f.epsilon > 0) || !Number.isFinite(f.epsilon)) {
      throw new NoiseSchemaError(`${f.schemaPointer}/x-noise: epsilon must be a finite number > 0`)
    }
  }
  return walk(output, schema, options.random ?? noiseRandom(), 0)
}
