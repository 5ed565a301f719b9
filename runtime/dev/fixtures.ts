/**
 * A module folder's fixtures: `fixtures/*.json`, each a small history of records, the run's time
 * and the answer expected. `bundle test` runs them through the real pipeline and the reference
 * modules' tests do the same. Node only (reads the folder).
 *
 * ```json
 * {
 *   "description": "the sport with most time wins",
 *   "now": "2026-06-01T00:00:00Z",
 *   "collections": { "activities": [{ "startedAt": "2026-05-30T07:00:00Z", "sport": "running", "durationSec": 1800 }] },
 *   "expected": { "favoriteSport": "running" }
 * }
 * ```
 *
 * Time fields may be ISO strings; `trigger` (`{ "collection", "firstRow" }`) makes it a trigger run.
 */

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { collectionLayout, collectionNames } from '../collections.ts'
import { didYouMean } from '../_did_you_mean.ts'
import { canonicalize } from '../crypto/jcs.ts'
import { ModuleLoadError } from '../errors.ts'
import type { Sandbox } from '../../sandbox/host.ts'
import { MemorySource } from '../pipeline/memory_source.ts'
import { runBundle, type RunResult } from '../pipeline/run.ts'
import type { RunnableBundle } from '../pipeline/types.ts'
import { giveConsent } from '../policy/consent.ts'

/** One fixture, its times parsed to ms since epoch. */
export interface ModuleFixture {
  /** File name without `.json`. */
  readonly name: string
  readonly description: string
  readonly now: number
  readonly trigger?: { readonly collection: string; readonly firstRow: number }
  readonly collections: Record<string, Record<string, unknown>[]>
  readonly expected: unknown
}

/** A fixture file that cannot be used: the message names the file and what to fix. */
export class FixtureInvalidError extends ModuleLoadError {}

function parseTime(raw: unknown, where: string): number {
  const t = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : NaN
  if (!Number.isFinite(t)) {
    throw new FixtureInvalidError(
      `${where} must be an ISO time such as 2026-06-01T00:00:00Z, got ${JSON.stringify(raw)}`,
    )
  }
  return t
}

function toRecord(collection: string, raw: unknown, where: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FixtureInvalidError(`${where} must be an object (one record)`)
  }
  const { kinds } = collectionLayout(collection)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    const kind = kinds[k]
    if (kind === undefined) {
      throw new FixtureInvalidError(
        `${where}: ${collection} has no field '${k}'${didYouMean(k, Object.keys(kinds))}`,
      )
    }
    out[k] = kind === 'time' && typeof v === 'string' ? parseTime(v, `${where}.${k}`) : v
  }
  return out
}

/** Parses one fixture's JSON (`file` names it in errors). */
export function parseFixture(name: string, raw: unknown, file = `${name}.json`): ModuleFixture {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FixtureInvalidError(`${file} must be a JSON object`)
  }
  const f = raw as Record<string, unknown>
  for (const key of Object.keys(f)) {
    if (!['description', 'now', 'trigger', 'collections', 'expected'].includes(key)) {
      throw new FixtureInvalidError(
        `${file}: unknown key '${key}'${didYouMean(key, ['description', 'now', 'trigger', 'collections', 'expected'])}`,
      )
    }
  }
  if (!('expected' in f)) throw new FixtureInvalidError(`${file}: missing 'expected' (the answer)`)
  const rawCollections = f['collections'] ?? {}
  if (typeof rawCollections !== 'object' || rawCollections === null) {
    throw new FixtureInvalidError(`${file}: 'collections' must map collection names to records`)
  }
  const names = collectionNames()
  const collections: Record<string, Record<string, unknown>[]> = {}
  for (const [collection, records] of Object.entries(rawCollections)) {
    if (!names.includes(collection)) {
      throw new FixtureInvalidError(
        `${file}: no collection named '${collection}'${didYouMean(collection, names)}`,
      )
    }
    if (!Array.isArray(records)) {
      throw new FixtureInvalidError(
        `${file}: collections.${collection} must be an array of records`,
      )
    }
    collections[collection] = records.map((r, i) =>
      toRecord(collection, r, `${file}: collections.${collection}[${i}]`),
    )
  }
  let trigger: ModuleFixture['trigger']
  if (f['trigger'] !== undefined && f['trigger'] !== null) {
    const t = f['trigger'] as { collection?: unknown; firstRow?: unknown }
    if (typeof t.collection !== 'string' || !Number.isInteger(t.firstRow)) {
      throw new FixtureInvalidError(
        `${file}: 'trigger' must be { "collection": NAME, "firstRow": N }`,
      )
    }
    trigger = { collection: t.collection, firstRow: t.firstRow as number }
  }
  return {
    name,
    description: typeof f['description'] === 'string' ? f['description'] : '',
    now: parseTime(f['now'], `${file}: 'now'`),
    ...(trigger ? { trigger } : {}),
    collections,
    expected: f['expected'],
  }
}

/** Every `fixtures/*.json` of a module folder, by name; none when the folder has no fixtures. */
export function loadFixtures(moduleDir: string): ModuleFixture[] {
  const dir = join(moduleDir, 'fixtures')
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  } catch {
    return []
  }
  return files.sort().map((f) => {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(join(dir, f), 'utf8'))
    } catch (e) {
      throw new FixtureInvalidError(`fixtures/${f} is not valid JSON`, { cause: e })
    }
    return parseFixture(f.replace(/\.json$/, ''), raw, `fixtures/${f}`)
  })
}

/**
 * Runs one fixture through the real pipeline: consent given at the fixture's time, views over its
 * records, the module's limits.
 */
export function runFixture(
  bundle: RunnableBundle,
  fixture: ModuleFixture,
  sandbox: Sandbox,
  onRejectedOutput?: (outputJson: string) => void,
): Promise<RunResult> {
  return runBundle(
    {
      source: new MemorySource(fixture.collections),
      sandbox,
      consent: giveConsent(bundle, fixture.now),
    },
    bundle,
    {
      now: fixture.now,
      ...(fixture.trigger ? { trigger: fixture.trigger } : {}),
      ...(onRejectedOutput ? { onRejectedOutput } : {}),
    },
  )
}

/** Whether an output is the expected answer (same JSON value, canonical form). */
export function sameAnswer(output: unknown, expected: unknown): boolean {
  return canonicalize(output) === canonicalize(expected)
}
