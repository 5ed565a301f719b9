/** Reference-module fixtures: records with ISO times, the run's time and the expected output. */

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { collectionLayout } from '../../runtime/collections.ts'

export interface ModuleFixture {
  readonly name: string
  readonly description: string
  readonly now: number
  readonly collections: Record<string, Record<string, unknown>[]>
  readonly expected: unknown
}

/** Time fields may be written as ISO strings in fixtures; they become ms since epoch. */
function toRecord(collection: string, raw: Record<string, unknown>): Record<string, unknown> {
  const { kinds } = collectionLayout(collection)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    out[k] = kinds[k] === 'time' && typeof v === 'string' ? Date.parse(v) : v
  }
  return out
}

/** Every `fixtures/*.json` of a module folder. */
export function loadFixtures(moduleDir: string): ModuleFixture[] {
  const dir = join(moduleDir, 'fixtures')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        description: string
        now: string
        collections: Record<string, Record<string, unknown>[]>
        expected: unknown
      }
      const collections: Record<string, Record<string, unknown>[]> = {}
      for (const [name, records] of Object.entries(raw.collections)) {
        collections[name] = records.map((r) => toRecord(name, r))
      }
      return {
        name: f.replace(/\.json$/, ''),
        description: raw.description,
        now: Date.parse(raw.now),
        collections,
        expected: raw.expected,
      }
    })
}
