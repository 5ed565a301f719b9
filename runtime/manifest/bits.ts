/**
 * How much one output can say, in bits (docs/contracts.md "Outputs an auditor can bound"). The bound is an
 * upper bound on log2 of the number of distinct values that validate against the output schema:
 * conservative wherever exactness would cost complexity, never optimistic. Rules: runtime/bundle/FORMAT.md.
 */

import { UnboundedOutputError } from './errors.ts'
import { parseSingleClassPattern } from './_pattern.ts'
import type { JsonSchema, Manifest } from './types.ts'

/** The bound of one output field (a leaf, an array, or a union), with the rule that produced it. */
export interface FieldBound {
  /** `euSize`, `shop.id`, `top[]`; `(output)` for the whole output when it is not an object. */
  readonly path: string
  /** Infinity when the field is unbounded. */
  readonly bits: number
  readonly why: string
}

/** The bound of a whole output: `bits` is the sum over `fields` (Infinity if any is unbounded). */
export interface BitBound {
  readonly bits: number
  readonly fields: readonly FieldBound[]
}

/** Schemas nested deeper than this are treated as unbounded rather than walked. */
export const MAX_SCHEMA_DEPTH = 64

interface Node {
  readonly bits: number
  readonly why: string
  readonly fields: readonly FieldBound[]
}

const ROOT = '(output)'
const LOG2_3 = Math.log2(3)

const fmt = (bits: number): string => (Number.isInteger(bits) ? String(bits) : bits.toFixed(2))
/**
 * A leaf bound. Float arithmetic on partner numbers (a `multipleOf` of 1e-300, ranges near the
 * largest double) can give NaN, Infinity or a negative; none of them is a bound, so every such
 * result becomes "unbounded" here, once, instead of relying on each rule to get it right.
 */
function leaf(path: string, bits: number, why: string): Node {
  const ok = isBits(bits)
  const b = ok ? bits : Infinity
  const w = ok || bits === Infinity ? why : `${why}: not a finite bound`
  return { bits: b, why: w, fields: [{ path: path || ROOT, bits: b, why: w }] }
}

/** Whether `bits` is a usable bound: a finite number ≥ 0 (never NaN). */
export function isBits(bits: unknown): bits is number {
  return typeof bits === 'number' && Number.isFinite(bits) && bits >= 0
}
const unbounded = (path: string, why: string): Node => leaf(path, Infinity, why)
const isObject = (v: unknown): v is JsonSchema =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

/** log2(2^x − 1) for x > 0, accurate for tiny and huge x. */
function log2Pow2Minus1(x: number): number {
  return x + Math.log2(-Math.expm1(-x * Math.LN2))
}

/** log2 of Σ 2^b over `bits`: the size of a union of alternatives. */
function log2SumPow2(bits: readonly number[]): number {
  if (bits.length === 0) return 0
  const max = Math.max(...bits)
  if (max === Infinity) return Infinity
  return max + Math.log2(bits.reduce((s, b) => s + 2 ** (b - max), 0))
}

/** log2 of Σ_{n=lo..hi} (2^b)^n: sequences of length lo..hi whose elements carry b bits each. */
function log2Sequences(b: number, lo: number, hi: number): number {
  if (hi < lo || hi === 0) return 0
  if (hi === Infinity) return b === 0 && lo === hi ? 0 : Infinity
  if (b === 0) return Math.log2(hi - lo + 1)
  if (b === Infinity) return Infinity
  const n = hi - lo + 1
  return lo * b + log2Pow2Minus1(b * n) - log2Pow2Minus1(b)
}

function integerNode(s: JsonSchema, path: string): Node {
  const min = num(s['minimum'])
  const exMin = num(s['exclusiveMinimum'])
  const max = num(s['maximum'])
  const exMax = num(s['exclusiveMaximum'])
  const lows = [
    min === undefined ? -Infinity : Math.ceil(min),
    exMin === undefined ? -Infinity : Math.floor(exMin) + 1,
  ]
  const highs = [
    max === undefined ? Infinity : Math.floor(max),
    exMax === undefined ? Infinity : Math.ceil(exMax) - 1,
  ]
  const lo = Math.max(...lows)
  const hi = Math.min(...highs)
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    return unbounded(path, 'integer without both a minimum and a maximum')
  }
  if (hi < lo) return leaf(path, 0, 'no integer fits the range')
  const m = num(s['multipleOf'])
  if (m !== undefined && Number.isInteger(m) && m > 0) {
    const count = Math.floor(hi / m) - Math.ceil(lo / m) + 1
    return leaf(
      path,
      Math.log2(Math.max(1, count)),
      `integer in [${lo}, ${hi}], multiple of ${m}: ${count} values`,
    )
  }
  const count = hi - lo + 1
  return leaf(path, Math.log2(count), `integer in [${lo}, ${hi}]: log2(${count})`)
}

function numberNode(s: JsonSchema, path: string): Node {
  const min = num(s['minimum'])
  const exMin = num(s['exclusiveMinimum'])
  const max = num(s['maximum'])
  const exMax = num(s['exclusiveMaximum'])
  if (min !== undefined && min === max && exMin === undefined && exMax === undefined) {
    return leaf(path, 0, `number fixed at ${min}`)
  }
  const m = num(s['multipleOf'])
  if (m === undefined || m <= 0) {
    return unbounded(path, 'number without multipleOf: a float can encode anything')
  }
  if ((min ?? exMin) === undefined || (max ?? exMax) === undefined) {
    return unbounded(path, 'number without both a minimum and a maximum')
  }
  // Multiples k·m inside the range; a relative tolerance keeps float division from dropping an end.
  const tol = (x: number): number => 1e-9 * Math.max(1, Math.abs(x))
  const kLo = Math.max(
    min === undefined ? -Infinity : Math.ceil(min / m - tol(min / m)),
    exMin === undefined ? -Infinity : Math.floor(exMin / m - tol(exMin / m)) + 1,
  )
  const kHi = Math.min(
    max === undefined ? Infinity : Math.floor(max / m + tol(max / m)),
    exMax === undefined ? Infinity : Math.ceil(exMax / m + tol(exMax / m)) - 1,
  )
  const count = Math.max(1, kHi - kLo + 1)
  // Ajv accepts x when x/m is an integer in floating point. For m a power of two that is exact;
  // otherwise up to 3 neighbouring doubles pass per multiple (ulp ratio < 2, plus both ends).
  const exact = Number.isInteger(Math.log2(m))
  const bits = Math.log2(count) + (exact ? 0 : LOG2_3)
  const range = `[${min ?? exMin}, ${max ?? exMax}]`
  return leaf(
    path,
    bits,
    exact
      ? `number in ${range}, multiple of ${m}: log2(${count})`
      : `number in ${range}, multiple of ${m}: log2(${count}) + log2(3) for float rounding`,
  )
}

function stringNode(s: JsonSchema, path: string): Node {
  const maxLength = num(s['maxLength'])
  if (maxLength === 0) return leaf(path, 0, 'empty string only')
  const pattern = s['pattern']
  const parsed = typeof pattern === 'string' ? parseSingleClassPattern(pattern) : undefined
  if (!parsed) {
    return unbounded(path, 'string without enum, const, or maxLength with a one-class pattern')
  }
  const lo = Math.max(num(s['minLength']) ?? 0, parsed.minLength)
  const hi = Math.min(maxLength ?? Infinity, parsed.maxLength)
  if (hi === Infinity) return unbounded(path, 'string pattern without a maximum length')
  const bits = log2Sequences(Math.log2(Math.max(1, parsed.alphabet)), lo, hi)
  return leaf(path, bits, `string of ${lo}..${hi} characters from ${parsed.alphabet} symbols`)
}

function arrayNode(s: JsonSchema, path: string, depth: number): Node {
  const base = path || ROOT
  const prefix = Array.isArray(s['prefixItems']) ? (s['prefixItems'] as unknown[]) : []
  const items = s['items']
  const lo = num(s['minItems']) ?? 0
  const hi = Math.min(num(s['maxItems']) ?? Infinity, items === false ? prefix.length : Infinity)
  if (hi === Infinity) return unbounded(`${base}[]`, 'array without maxItems')
  const P = prefix.length
  const heads = prefix.map((p, i) => bound(p, `${base}[${i}]`, depth + 1))
  const tail =
    hi <= P
      ? leaf(`${base}[]`, 0, 'no items past the prefix')
      : items === undefined
        ? unbounded(`${base}[]`, 'array items without a schema')
        : bound(items, `${base}[]`, depth + 1)
  const reachable = [...heads.slice(0, hi), tail]
  const inf = reachable.find((n) => !isBits(n.bits))
  if (inf) return { bits: Infinity, why: inf.why, fields: inf.fields }
  // log2 of the number of arrays: lengths inside the prefix one by one, the uniform tail in closed form.
  const terms: number[] = []
  let acc = 0
  for (let n = 0; n <= Math.min(hi, P); n++) {
    if (n >= lo) terms.push(acc)
    if (n < P) acc += heads[n]!.bits
  }
  if (hi > P) terms.push(acc + log2Sequences(tail.bits, Math.max(lo, P + 1) - P, hi - P))
  const bits = log2SumPow2(terms)
  const why =
    P === 0
      ? `${lo}..${hi} items of ${fmt(tail.bits)} bits each`
      : `${lo}..${hi} items, the first ${P} positional`
  return leaf(base, bits, why)
}

function objectNode(s: JsonSchema, path: string, depth: number): Node {
  if (s['additionalProperties'] !== false) {
    return unbounded(path, 'object whose additionalProperties is not false')
  }
  if (s['patternProperties'] !== undefined) {
    return unbounded(path, 'object with patternProperties: any matching key may appear')
  }
  const props = isObject(s['properties']) ? s['properties'] : {}
  const required = new Set(Array.isArray(s['required']) ? (s['required'] as unknown[]) : [])
  const fields: FieldBound[] = []
  let bits = 0
  for (const [key, sub] of Object.entries(props)) {
    const childPath = path ? `${path}.${key}` : key
    const child = bound(sub, childPath, depth + 1)
    const optional = !required.has(key)
    bits += child.bits + (optional ? 1 : 0)
    const only = child.fields.length === 1 ? child.fields[0] : undefined
    if (optional && only && only.path === childPath) {
      fields.push({ path: childPath, bits: only.bits + 1, why: `${only.why}; +1 optional` })
    } else {
      fields.push(...child.fields)
      if (optional) fields.push({ path: childPath, bits: 1, why: 'optional: present or absent' })
    }
  }
  if (!isBits(bits)) {
    const f = fields.find((x) => !isBits(x.bits))
    return unbounded(f?.path ?? path, f?.why ?? 'the sum of the fields is not a finite bound')
  }
  return { bits, why: `object of ${Object.keys(props).length} properties`, fields }
}

function typeNode(type: string, s: JsonSchema, path: string, depth: number): Node {
  switch (type) {
    case 'null':
      return leaf(path, 0, 'null')
    case 'boolean':
      return leaf(path, 1, 'boolean')
    case 'integer':
      return integerNode(s, path)
    case 'number':
      return numberNode(s, path)
    case 'string':
      return stringNode(s, path)
    case 'array':
      return arrayNode(s, path, depth)
    case 'object':
      return objectNode(s, path, depth)
    default:
      return unbounded(path, `unknown type ${type}`)
  }
}

function union(nodes: readonly Node[], path: string, what: string): Node {
  const inf = nodes.find((n) => !isBits(n.bits))
  if (inf) return { bits: Infinity, why: inf.why, fields: inf.fields }
  const bits = log2SumPow2(nodes.map((n) => n.bits))
  if (!isBits(bits)) return unbounded(path, `${what}: not a finite bound`)
  const parts = nodes.map((n) => `${n.why} (${fmt(n.bits)})`).join(' | ')
  return leaf(path, bits, `${what}, log2 of the sum of 2^bits: ${parts}`)
}

/** The bound of `schema` at `path`: the smallest of the bounds each constraint gives on its own. */
function bound(schema: unknown, path: string, depth: number): Node {
  if (depth > MAX_SCHEMA_DEPTH)
    return unbounded(path, `schema nested deeper than ${MAX_SCHEMA_DEPTH}`)
  if (schema === false) return leaf(path, 0, 'accepts no value')
  if (!isObject(schema)) return unbounded(path, 'accepts any value')
  const candidates: Node[] = []
  if ('const' in schema) candidates.push(leaf(path, 0, 'const'))
  const en = schema['enum']
  if (Array.isArray(en)) {
    candidates.push(
      leaf(path, Math.log2(Math.max(1, en.length)), `enum of ${en.length}: log2(${en.length})`),
    )
  }
  const type = schema['type']
  const types = typeof type === 'string' ? [type] : Array.isArray(type) ? (type as string[]) : []
  if (types.length === 1) candidates.push(typeNode(types[0]!, schema, path, depth))
  else if (types.length > 1) {
    const alts = types.map((t) => typeNode(t, schema, path, depth))
    candidates.push(union(alts, path, `types ${types.join('|')}`))
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alts = schema[key]
    if (!Array.isArray(alts)) continue
    const nodes = alts.map((a, i) => bound(a, `${path || ROOT}(${key} ${i})`, depth + 1))
    candidates.push(union(nodes, path, `${key} of ${alts.length}`))
  }
  // allOf: the value satisfies every member, so each member alone bounds it.
  const all = schema['allOf']
  if (Array.isArray(all)) for (const a of all) candidates.push(bound(a, path, depth + 1))
  if (candidates.length === 0) return unbounded(path, 'no type, enum or const')
  // Every candidate is finite and ≥ 0 or exactly Infinity (leaf() and union() see to it), so the
  // comparison below cannot meet a NaN that would make it pick arbitrarily.
  return candidates.reduce((best, c) => (c.bits < best.bits ? c : best))
}

/**
 * Upper bound, in bits, of what one output valid against `schema` can carry, field by field:
 * `outputBitBound({ type: 'integer', minimum: 30, maximum: 50 }).bits` is log2(21) ≈ 4.39.
 */
export function outputBitBound(schema: JsonSchema | boolean): BitBound {
  if (typeof schema !== 'boolean' && !isObject(schema)) {
    throw new TypeError('schema must be a JSON Schema object or boolean')
  }
  const node = bound(schema, '', 0)
  if (!isBits(node.bits)) {
    return {
      bits: Infinity,
      fields: node.fields.map((f) => (isBits(f.bits) ? f : { ...f, bits: Infinity })),
    }
  }
  return { bits: node.bits, fields: node.fields }
}

/** Refuses a `private` manifest whose output has no finite bound, naming the first unbounded field. */
export function assertPrivateBounded(manifest: Manifest): BitBound {
  const b = outputBitBound(manifest.output)
  if (manifest.mode === 'private' && !isBits(b.bits)) {
    const f = b.fields.find((x) => !isBits(x.bits)) ?? { path: ROOT, why: 'unbounded' }
    throw new UnboundedOutputError(f.path, f.why)
  }
  return b
}

/**
 * The bit of "answered or not": a `trigger` run may answer `null` (nothing to report), so which
 * pushes get an answer is itself information. Every trigger run is charged it, answered or not.
 */
export const ANSWER_BIT = 1

/**
 * What one run of a bundle can say, in bits: its output's bound, plus `ANSWER_BIT` for a trigger.
 * Infinity when the output is unbounded (refused for `private` bundles at build, install and run).
 */
export function runBitBound(manifest: Pick<Manifest, 'output' | 'schedule'>): number {
  const b = outputBitBound(manifest.output).bits
  if (!isBits(b)) return Infinity
  return b + (manifest.schedule.kind === 'trigger' ? ANSWER_BIT : 0)
}
