/**
 * The favourite-sport module in AssemblyScript gives the same answers as the JavaScript reference
 * module, through the same run pipeline: on every fixture, and on generated activity histories.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { compileAssemblyScript } from '../../sandbox/wasm/compile.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import type { RunnableBundle } from '../../runtime/pipeline/types.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import { loadFixtures } from '../_helpers/fixtures.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const moduleDir = join(repoRoot, 'algorithms/favorite-sport')
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

let js: RunnableBundle
let wasm: RunnableBundle

beforeAll(async () => {
  js = await loadModuleFolder(moduleDir)
  const code = await compileAssemblyScript(
    join(repoRoot, 'algorithms/favorite-sport-wasm/assembly/index.ts'),
    {
      cacheDir: join(tmpdir(), 'sealpost-wasm-cache'),
    },
  )
  wasm = {
    ...js,
    manifest: { ...js.manifest, engine: 'wasm', entry: 'assembly/index.ts' },
    code,
    digest: 'dev-' + createHash('sha256').update(code).digest('hex'),
  }
}, 600_000)

async function run(
  bundle: RunnableBundle,
  collections: Record<string, Record<string, unknown>[]>,
  now: number,
) {
  return runBundle(
    { source: new MemorySource(collections), sandbox, consent: giveConsent(bundle, now) },
    bundle,
    { now },
  )
}

describe('favourite-sport in AssemblyScript', () => {
  for (const fixture of loadFixtures(moduleDir)) {
    it(`answers as the JavaScript module on ${fixture.name}: ${fixture.description}`, async () => {
      const fromJs = await run(js, fixture.collections, fixture.now)
      const fromWasm = await run(wasm, fixture.collections, fixture.now)
      expect(fromWasm.output).toEqual(fixture.expected)
      expect(fromWasm.output).toEqual(fromJs.output)
      // Its own loop over the three consented columns, each copied once; no kernel call.
      expect(fromWasm.stats.kernelCalls).toBe(0)
      expect(fromWasm.stats.columnsCopied).toBe(3)
    })
  }

  it('answers as the JavaScript module on generated histories', async () => {
    const now = Date.UTC(2026, 10, 1)
    const day = 86_400_000
    const names = [
      'running',
      'Trail Running',
      'jogging',
      'Road Cycling',
      'Mountain Biking',
      'ride',
      'Open Water Swim',
      'walking',
      'Hiking',
      'yoga',
      'Weight training',
      'gym',
      'Climbing',
      'strength',
    ]
    const activity = fc.record({
      daysAgo: fc.integer({ min: 0, max: 900 }),
      sport: fc.option(fc.constantFrom(...names), { nil: undefined }),
      durationSec: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(activity, { maxLength: 60 }), async (list) => {
        const activities = list.map((a, i) => ({
          id: `a${i}`,
          startedAt: now - a.daysAgo * day - i,
          ...(a.sport === undefined ? {} : { sport: a.sport }),
          ...(a.durationSec === undefined ? {} : { durationSec: a.durationSec }),
        }))
        const fromJs = await run(js, { activities }, now)
        const fromWasm = await run(wasm, { activities }, now)
        expect(fromWasm.output).toEqual(fromJs.output)
      }),
      { numRuns: 40 },
    )
  })
})
