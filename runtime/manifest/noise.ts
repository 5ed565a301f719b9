/**
 * Fields whose output the runtime perturbs with local differential privacy, read from the
 * `x-noise` annotation (`{ "mechanism": "randomized-response", "epsilon": 1 }`). The runtime applies
 * it after validation so partner code cannot skip it; the contract and `sealpost audit` show ε.
 */

import type { JsonSchema } from './types.ts'

export type NoiseMechanism = 'randomized-response' | 'laplace' | 'geometric'

/** One noised output field. */
export interface NoiseField {
  /** Same path style as the bit bound: `favoriteSport`, `weeks[]`. */
  readonly path: string
  /** JSON Pointer of the annotated schema inside the output schema (`/properties/sport`). */
  readonly schemaPointer: string
  readonly mechanism: NoiseMechanism
  readonly epsilon: number
  readonly sensitivity?: number
}

const isObject = (v: unknown): v is JsonSchema =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const esc = (k: string): string => k.replaceAll('~', '~0').replaceAll('/', '~1')

function walk(s: unknown, path: string, pointer: string, out: NoiseField[], depth: number): void {
  if (!isObject(s) || depth > 64) return
  const n = s['x-noise']
  if (isObject(n)) {
    const field: NoiseField = {
      path: path || '(output)',
      schemaPointer: pointer,
      mechanism: n['mechanism'] as NoiseMechanism,
      epsilon: n['epsilon'] as number,
      ...(typeof n['sensitivity'] === 'number' ? { sensitivity: n['sensitivity'] } : {}),
    }
    out.push(field)
  }
  const props = s['properties']
  if (isObject(props)) {
    for (const [k, v] of Object.entries(props)) {
      walk(v, path ? `${path}.${k}` : k, `${pointer}/properties/${esc(k)}`, out, depth + 1)
    }
  }
  const base = path || '(output)'
  walk(s['items'], `${base}[]`, `${pointer}/items`, out, depth + 1)
  for (const key of ['prefixItems', 'oneOf', 'anyOf', 'allOf'] as const) {
    const list = s[key]
    if (!Array.isArray(list)) continue
    list.forEach((v, i) => {
      const p =
        key === 'prefixItems' ? `${base}[${i}]` : key === 'allOf' ? path : `${base}(${key} ${i})`
      walk(v, p, `${pointer}/${key}/${i}`, out, depth + 1)
    })
  }
}

/** Lists the `x-noise` fields of an output schema, in schema order. */
export function outputNoise(schema: JsonSchema): NoiseField[] {
  if (!isObject(schema)) throw new TypeError('schema must be a JSON Schema object')
  const out: NoiseField[] = []
  walk(schema, '', '', out, 0)
  return out
}

function typesOf(s: JsonSchema): string[] {
  const t = s['type']
  return typeof t === 'string' ? [t] : Array.isArray(t) ? (t as string[]) : []
}

/**
 * Checks each annotation sits on a field its mechanism can noise: randomized response on an enum or
 * boolean, Laplace on a number, geometric on an integer, both with a finite range to clamp into.
 * Returns the first problem as `{ pointer, message }`, or undefined.
 */
export function checkNoisePlacement(
  schema: JsonSchema,
): { readonly pointer: string; readonly message: string } | undefined {
  for (const f of outputNoise(schema)) {
    let s: unknown = schema
    for (const part of f.schemaPointer.split('/').slice(1)) {
      const key = part.replaceAll('~1', '/').replaceAll('~0', '~')
      s = (s as Record<string, unknown>)[key]
    }
    const node = s as JsonSchema
    const types = typesOf(node)
    const ranged =
      typeof (node['minimum'] ?? node['exclusiveMinimum']) === 'number' &&
      typeof (node['maximum'] ?? node['exclusiveMaximum']) === 'number'
    const ok =
      f.mechanism === 'randomized-response'
        ? Array.isArray(node['enum']) || (types.length === 1 && types[0] === 'boolean')
        : f.mechanism === 'geometric'
          ? types.length === 1 && types[0] === 'integer' && ranged
          : types.length === 1 && (types[0] === 'number' || types[0] === 'integer') && ranged
    if (!ok) {
      const needs =
        f.mechanism === 'randomized-response'
          ? 'an enum or a boolean'
          : f.mechanism === 'geometric'
            ? 'an integer with a minimum and a maximum'
            : 'a number with a minimum and a maximum'
      return {
        pointer: `${f.schemaPointer}/x-noise`,
        message: `${f.mechanism} noise needs ${needs}`,
      }
    }
  }
  return undefined
}
