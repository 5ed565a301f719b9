/**
 * `npm run bench`: runs every benchmark file and prints each variant's time and its ratio to the
 * reference measured in the same run. `--quick` is the few-seconds mode; `--json FILE` also writes
 * the reports. `--only NAME` runs one file (for example `--only favorite-sport`).
 */

import { writeFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import { BENCH_FILES } from './_files.ts'

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i === -1 ? undefined : process.argv[i + 1]
}

/** Runs the benchmark files (all, or `only`) and returns their reports. */
export async function runBenchmarks(quick: boolean, only?: string): Promise<BenchSuiteReport[]> {
  const reports: BenchSuiteReport[] = []
  for (const [name, load] of Object.entries(BENCH_FILES)) {
    if (only && name !== only) continue
    const { run } = (await load()) as { run: BenchFile }
    reports.push(...(await run({ quick })))
  }
  return reports
}

/** Prints one table per suite. */
export function printReports(reports: readonly BenchSuiteReport[]): void {
  for (const r of reports) {
    console.log(`\n${r.suite}  (ratios against ${r.reference})`)
    for (const v of r.variants) {
      console.log(
        `  ${v.name.padEnd(30)} ${v.ms.toFixed(3).padStart(10)} ms  ±${v.rme.toFixed(1).padStart(4)}%  ${v.ratio.toFixed(3).padStart(8)}×`,
      )
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/run.ts')) {
  const quick = process.argv.includes('--quick')
  const reports = await runBenchmarks(quick, option('--only'))
  printReports(reports)
  const out = option('--json')
  if (out) {
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify(reports, null, 2) + '\n')
  }
}
