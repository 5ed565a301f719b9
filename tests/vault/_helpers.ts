/** Shared helpers for vault tests: light scrypt, a small location-like schema, deterministic records. */

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { JsonSchema } from '../../runtime/manifest/types.ts'

export const PW = 'correct horse battery staple'
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const fixture = (rel: string): string => join(repoRoot, 'tests/fixtures', rel)

/** A 5-field location-like collection used by tests and the benchmark. */
export const PINGS_SCHEMA: JsonSchema = {
  type: 'object',
  'x-time': 'at',
  additionalProperties: false,
  required: ['id', 'at', 'lat', 'lon'],
  properties: {
    id: { type: 'string', minLength: 1, 'x-kind': 'text' },
    at: { type: 'integer', 'x-kind': 'time' },
    lat: { type: 'number', minimum: -90, maximum: 90, 'x-kind': 'number' },
    lon: { type: 'number', minimum: -180, maximum: 180, 'x-kind': 'number' },
    place: { type: 'string', 'x-kind': 'category' },
  },
}

/** Every collection schema in `schemas/collections`, by name. */
export function allSchemas(): Record<string, JsonSchema> {
  const dir = join(repoRoot, 'schemas/collections')
  const out: Record<string, JsonSchema> = { pings: PINGS_SCHEMA }
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.schema.json'))
      out[f.replace('.schema.json', '')] = JSON.parse(
        readFileSync(join(dir, f), 'utf8'),
      ) as JsonSchema
  }
  return out
}

/** `n` deterministic pings with times scattered (not sorted) over [t0, t0 + span). */
export function makePings(n: number, seed = 1, t0 = Date.UTC(2024, 0, 1), span = 86_400_000 * 365) {
  let s = seed >>> 0
  const rand = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 4294967296
  }
  const places = ['home', 'work', 'gym', 'bakery', 'park']
  return Array.from({ length: n }, (_, i) => ({
    id: `p${seed}-${i}`,
    at: t0 + Math.floor(rand() * span),
    lat: Math.round((rand() * 180 - 90) * 1e5) / 1e5,
    lon: Math.round((rand() * 360 - 180) * 1e5) / 1e5,
    ...(i % 7 === 0 ? {} : { place: places[i % places.length]! }),
  }))
}
