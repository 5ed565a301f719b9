/**
 * Location-like records for the vault suites: 5 columns (id text, at time, lat, lon, place
 * category), about 43 bytes a row once encoded, one every SPAN / n ms over three years, in time
 * order as an export would list them.
 */

import type { JsonSchema } from '../runtime/manifest/types.ts'

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
export const PINGS_FIELDS = ['id', 'at', 'lat', 'lon', 'place'] as const
export const T0 = Date.UTC(2023, 0, 1)
export const SPAN = 3 * 365 * 86_400_000

/** Deterministic pings around a few places. */
export function makePings(n: number): Record<string, unknown>[] {
  let s = 12345
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  const places = ['home', 'work', 'gym', 'bakery', 'park', 'station']
  return Array.from({ length: n }, (_, i) => ({
    id: `ping-${i.toString(36).padStart(6, '0')}`,
    at: T0 + Math.floor(((i + rand()) * SPAN) / n),
    lat: 48.8 + rand() * 0.2,
    lon: 2.25 + rand() * 0.2,
    place: places[Math.floor(rand() * places.length)]!,
  }))
}

/** A count as `1k`, `10k`, `1M`. */
export function sizeLabel(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`
}
