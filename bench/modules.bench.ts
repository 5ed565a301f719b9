/**
 * Every reference module over a generated person at 1× and 10× scale (quick mode: 0.3×): the time
 * of one run through the pipeline (consented views built from records in memory, the sandbox, the
 * output gate), as a ratio to the fastest module of the same person, and its view and engine time.
 * Modules give the same answer on every repetition before they are timed (research-panel's noise
 * is applied by the host runtime, not here, so its raw answer is stable too). The modules are
 * timed interleaved, round by round, so consecutive runs are of different bundles (as on a host
 * running several), and a run does not find its own bundle's instance from the previous run.
 */

import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../sandbox/index.ts'
import { loadModuleFolder } from '../runtime/dev/module_folder.ts'
import { MemorySource } from '../runtime/pipeline/memory_source.ts'
import { runBundle, type RunResult } from '../runtime/pipeline/run.ts'
import type { RunnableBundle } from '../runtime/pipeline/types.ts'
import { giveConsent } from '../runtime/policy/consent.ts'
import { generatePersona } from '../runtime/persona/index.ts'
import { spreadOf, type BenchFile, type BenchSuiteReport, type BenchVariant } from './_report.ts'
import { interleave, variantsFrom, type BenchFn } from './_timing.ts'

const root = fileURLToPath(new URL('../algorithms/', import.meta.url))
const NOW = Date.UTC(2026, 10, 1, 9)

/** The reference modules that run on a schedule or once (trigger modules are in coffee-trigger). */
async function modules(): Promise<[string, RunnableBundle][]> {
  const out: [string, RunnableBundle][] = []
  for (const name of readdirSync(root).sort()) {
    if (!existsSync(join(root, name, 'manifest.json'))) continue
    const bundle = await loadModuleFolder(join(root, name))
    if (bundle.manifest.engine === 'quickjs' && bundle.manifest.schedule.kind !== 'trigger') {
      out.push([name, bundle])
    }
  }
  return out
}

async function suite(
  scale: number,
  quick: boolean,
  bundles: [string, RunnableBundle][],
): Promise<BenchSuiteReport> {
  const persona = generatePersona({ seed: 42, scale, now: NOW })
  const source = new MemorySource(persona.collections as Record<string, Record<string, unknown>[]>)
  await using sandbox = createSandbox()
  await sandbox.warmUp()
  const run = (b: RunnableBundle): Promise<RunResult> =>
    runBundle({ source, sandbox, consent: giveConsent(b, NOW) }, b, { now: NOW })
  const timed: Record<string, BenchFn> = {}
  const viewMs: Record<string, number[]> = {}
  for (const [, bundle] of bundles) {
    const first = await run(bundle)
    const again = await run(bundle)
    if (first.outputJson !== again.outputJson) {
      throw new Error(`${bundle.manifest.id} answered differently on the same data`)
    }
    const name = bundle.manifest.id.split('.').pop()!
    const views: number[] = (viewMs[name] = [])
    timed[name] = async () => {
      const r = await run(bundle)
      views.push(r.stats.viewMs)
      return { engineMs: r.stats.runMs }
    }
  }
  // Interleaved: every module runs in every round, so the ratios compare modules under the same load.
  const measured = await interleave(timed, { quick })
  const medians = Object.entries(measured).map(
    ([name, m]) => [name, spreadOf(m.perRound).median] as const,
  )
  const fastest = medians.reduce((a, b) => (b[1] < a[1] ? b : a))[0]
  const variants: BenchVariant[] = []
  for (const row of variantsFrom(measured, fastest)) {
    variants.push(row)
    if (row.name.endsWith(' (engine)')) continue
    const view = spreadOf(viewMs[row.name]!).median
    const ref = spreadOf(measured[fastest]!.perRound).median
    variants.push({ name: `${row.name} (view)`, ms: view, ratio: view / ref, rme: row.rme })
  }
  return { suite: `modules/${scale}x`, reference: fastest, variants }
}

export const run: BenchFile = async ({ quick }) => {
  const bundles = await modules()
  const reports: BenchSuiteReport[] = []
  for (const scale of quick ? [0.3] : [1, 10]) reports.push(await suite(scale, quick, bundles))
  return reports
}
