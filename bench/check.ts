/**
 * `npm run bench:check`: the regression guard CI runs on a loaded, shared machine. Runs every
 * benchmark file that is not long in quick mode and compares each guarded figure — the median over
 * the interleaved rounds of the ratio to the suite's reference — with `bench/baseline.json`: a ratio
 * above baseline × tolerance fails. A failing file is re-run once before it counts.
 * `--update` rewrites the guarded ratios from this run (the set of guarded lines stays as written).
 */

import { readFileSync, writeFileSync } from 'node:fs'
import type { BenchSuiteReport } from './_report.ts'
import { printReports, runBenchFile } from './run.ts'
import { BENCH_FILES, benchEntry } from './_files.ts'

/** A guarded line: the baseline ratio, or the ratio with its own tolerance. */
type Guard = number | { readonly ratio: number; readonly tolerance: number }

interface Baseline {
  /** A ratio may grow to baseline × tolerance before the check fails. */
  readonly tolerance: number
  readonly note: string
  /** suite → variant → ratio to the suite's reference (median over the rounds). */
  readonly ratios: Record<string, Record<string, Guard>>
}

const baselineUrl = new URL('./baseline.json', import.meta.url)

function limitOf(guard: Guard, tolerance: number): [number, number] {
  return typeof guard === 'number'
    ? [guard, guard * tolerance]
    : [guard.ratio, guard.ratio * guard.tolerance]
}

function regressions(reports: readonly BenchSuiteReport[], baseline: Baseline): string[] {
  const out: string[] = []
  for (const r of reports) {
    const guarded = baseline.ratios[r.suite]
    if (!guarded) continue
    for (const [variant, guard] of Object.entries(guarded)) {
      const v = r.variants.find((x) => x.name === variant)
      if (!v) {
        out.push(`${r.suite} ${variant}: missing from this run`)
        continue
      }
      const [base, limit] = limitOf(guard, baseline.tolerance)
      if (v.ratio > limit) {
        out.push(
          `${r.suite} ${variant}: ${v.ratio.toFixed(3)}× > ${limit.toFixed(3)}× (baseline ${base}×)`,
        )
      }
    }
  }
  return out
}

const update = process.argv.includes('--update')
const baseline = JSON.parse(readFileSync(baselineUrl, 'utf8')) as Baseline
const all: BenchSuiteReport[] = []
const failures: string[] = []
for (const name of Object.keys(BENCH_FILES)) {
  const entry = benchEntry(name)!
  if (entry.long || entry.check === false) continue
  let reports = await runBenchFile(name, true)
  let bad = update ? [] : regressions(reports, baseline)
  if (bad.length > 0) {
    console.log(`\n${name}: ${bad.length} ratio(s) over the limit, running it once more`)
    reports = await runBenchFile(name, true)
    bad = regressions(reports, baseline)
  }
  all.push(...reports)
  failures.push(...bad)
}
printReports(all)
if (update) {
  const ratios: Record<string, Record<string, Guard>> = {}
  for (const [suite, guarded] of Object.entries(baseline.ratios)) {
    const r = all.find((x) => x.suite === suite)
    ratios[suite] = Object.fromEntries(
      Object.entries(guarded).map(([name, guard]) => {
        const v = r?.variants.find((x) => x.name === name)
        if (!v) return [name, guard]
        const ratio = Number(v.ratio.toFixed(3))
        return [name, typeof guard === 'number' ? ratio : { ...guard, ratio }]
      }),
    )
  }
  writeFileSync(baselineUrl, JSON.stringify({ ...baseline, ratios }, null, 2) + '\n')
  console.log('\nbaseline updated')
} else if (failures.length > 0) {
  console.log(`\nbench:check FAILED (tolerance ${baseline.tolerance}×):`)
  for (const f of failures) console.log(`  ${f}`)
  process.exitCode = 1
} else {
  console.log(
    `\nbench:check passed: every guarded ratio within its tolerance (default ${baseline.tolerance}×) of its baseline`,
  )
}
