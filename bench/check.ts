/**
 * `npm run bench:check`: the regression guard. Runs every benchmark in quick mode and compares each
 * guarded ratio with `bench/baseline.json`; a ratio above baseline × tolerance fails. A failing
 * file is re-run once before it counts, because the machines are shared and noisy.
 * `--update` rewrites the baseline from this run.
 */

import { readFileSync, writeFileSync } from 'node:fs'
import type { BenchSuiteReport } from './_report.ts'
import { printReports, runBenchmarks } from './run.ts'
import { BENCH_FILES } from './_files.ts'

interface Baseline {
  /** A ratio may grow to baseline × tolerance before the check fails. */
  readonly tolerance: number
  readonly note: string
  /** suite → variant → ratio to the suite's reference. */
  readonly ratios: Record<string, Record<string, number>>
}

const baselineUrl = new URL('./baseline.json', import.meta.url)

function regressions(reports: readonly BenchSuiteReport[], baseline: Baseline): string[] {
  const out: string[] = []
  for (const r of reports) {
    const guarded = baseline.ratios[r.suite]
    if (!guarded) continue
    for (const [variant, base] of Object.entries(guarded)) {
      const v = r.variants.find((x) => x.name === variant)
      if (!v) {
        out.push(`${r.suite} ${variant}: missing from this run`)
        continue
      }
      const limit = base * baseline.tolerance
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
  let reports = await runBenchmarks(true, name)
  let bad = update ? [] : regressions(reports, baseline)
  if (bad.length > 0) {
    console.log(`\n${name}: ${bad.length} ratio(s) over the limit, running it once more`)
    reports = await runBenchmarks(true, name)
    bad = regressions(reports, baseline)
  }
  all.push(...reports)
  failures.push(...bad)
}
printReports(all)
if (update) {
  const ratios: Record<string, Record<string, number>> = {}
  for (const r of all) {
    ratios[r.suite] = Object.fromEntries(
      r.variants
        .filter((v) => v.name !== r.reference && baseline.ratios[r.suite]?.[v.name] !== undefined)
        .map((v) => [v.name, Number(v.ratio.toFixed(3))]),
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
    `\nbench:check passed: every guarded ratio within ${baseline.tolerance}× of its baseline`,
  )
}
