/** Reference-module fixtures: records with ISO times, the run's time and the expected output. */

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { collectionLayout } from '../../runtime/collections.ts'
import type { Sandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle, type RunResult } from '../../runtime/pipeline/run.ts'
import type { RunnableBundle } from '../../runtime/pipeline/types.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'

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

const bundles = new Map<string, Promise<RunnableBundle>>()

/**
 * Runs one fixture of the module in `moduleDir` through the real pipeline (consent given at the
 * fixture's time, views over its records). The module is compiled once per folder.
 */
export async function runFixture(
  moduleDir: string,
  fixture: ModuleFixture,
  sandbox: Sandbox,
): Promise<RunResult> {
  let bundle = bundles.get(moduleDir)
  if (!bundle) {
    bundle = loadModuleFolder(moduleDir)
    bundles.set(moduleDir, bundle)
  }
  const b = await bundle
  return runBundle(
    {
      source: new MemorySource(fixture.collections),
      sandbox,
      consent: giveConsent(b, fixture.now),
    },
    b,
    { now: fixture.now },
  )
}
