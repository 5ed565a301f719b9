/**
 * Every reference module over a generated person at 1× and 10× scale (quick mode: 0.3×): the time
 * of one run through the pipeline (consented views built from records in memory, the sandbox, the
 * output gate), as a ratio to the fastest module of the same person, and its view and engine time.
 * Modules give the same answer on every repetition before they are timed (research-panel's noise
 * is applied by the host runtime, not here, so its raw answer is stable too).
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
import type { BenchFile, BenchSuiteReport, BenchVariant } from './_report.ts'
import { timeAsync } from './_timing.ts'

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
  const timings: { name: string; ms: number; rme: number; viewMs: number; runMs: number }[] = []
  for (const [name, bundle] of bundles) {
    const first = await run(bundle)
    const again = await run(bundle)
    if (first.outputJson !== again.outputJson) {
      throw new Error(`${bundle.manifest.id} answered differently on the same data`)
    }
    let viewMs = 0
    let runMs = 0
    let n = 0
    const t = await timeAsync(
      bundle.manifest.id,
      async () => {
        const r = await run(bundle)
        viewMs += r.stats.viewMs
        runMs += r.stats.runMs
        n++
      },
      { quick },
    )
    timings.push({
      name: bundle.manifest.id.split('.').pop()!,
      ...t,
      viewMs: viewMs / n,
      runMs: runMs / n,
    })
  }
  const fastest = timings.reduce((a, b) => (b.ms < a.ms ? b : a))
  const variants: BenchVariant[] = []
  for (const t of timings) {
    variants.push({ name: t.name, ms: t.ms, ratio: t.ms / fastest.ms, rme: t.rme })
    variants.push({
      name: `${t.name} (view)`,
      ms: t.viewMs,
      ratio: t.viewMs / fastest.ms,
      rme: t.rme,
    })
    variants.push({
      name: `${t.name} (engine)`,
      ms: t.runMs,
      ratio: t.runMs / fastest.ms,
      rme: t.rme,
    })
  }
  return { suite: `modules/${scale}x`, reference: fastest.name, variants }
}

export const run: BenchFile = async ({ quick }) => {
  const bundles = await modules()
  const reports: BenchSuiteReport[] = []
  for (const scale of quick ? [0.3] : [1, 10]) reports.push(await suite(scale, quick, bundles))
  return reports
}
