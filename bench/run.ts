/**
 * `npm run bench`: runs the benchmark files and prints each variant's time per operation and its
 * ratio to the reference timed in the same rounds, as min–median–max over the rounds, with the load
 * average before and after each suite. `--help` lists the files; `--only NAME` runs one (the long
 * ones run only that way); `--quick` is the few-seconds mode; `--json FILE` also writes the reports.
 */

import { writeFileSync, mkdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname } from 'node:path'
import { formatSpread, type BenchFile, type BenchSuiteReport } from './_report.ts'
import { BENCH_FILES, benchEntry } from './_files.ts'

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i === -1 ? undefined : process.argv[i + 1]
}

/** Runs one benchmark file by name, stamping each report with the load average around it. */
export async function runBenchFile(name: string, quick: boolean): Promise<BenchSuiteReport[]> {
  const entry = benchEntry(name)
  if (!entry) throw new RangeError(`no benchmark named ${name} (see --help)`)
  const { run } = (await entry.load()) as { run: BenchFile }
  const before = loadavg()[0]!
  const reports = await run({ quick })
  const after = loadavg()[0]!
  return reports.map((r) => (r.load ? r : { ...r, load: { before, after } }))
}

/** Runs the benchmark files (every one that is not long, or `only`) and returns their reports. */
export async function runBenchmarks(quick: boolean, only?: string): Promise<BenchSuiteReport[]> {
  const reports: BenchSuiteReport[] = []
  for (const name of Object.keys(BENCH_FILES)) {
    if (only ? name !== only : benchEntry(name)!.long) continue
    reports.push(...(await runBenchFile(name, quick)))
  }
  if (only && !benchEntry(only)) throw new RangeError(`no benchmark named ${only} (see --help)`)
  return reports
}

/** Prints one table per suite: median ms, min–median–max ms, median ratio and its spread. */
export function printReports(reports: readonly BenchSuiteReport[]): void {
  for (const r of reports) {
    const load = r.load ? `, load ${r.load.before.toFixed(2)} → ${r.load.after.toFixed(2)}` : ''
    const rounds = r.variants.find((v) => v.rounds !== undefined)?.rounds
    const over = rounds !== undefined ? `, ${rounds} interleaved rounds` : ''
    console.log(`\n${r.suite}  (ratios against ${r.reference}${over}${load})`)
    for (const v of r.variants) {
      const spread = v.spread ? formatSpread(v.spread) : `±${v.rme.toFixed(1)}%`
      const ratio = v.ratioSpread ? `  (${formatSpread(v.ratioSpread)})` : ''
      console.log(
        `  ${v.name.padEnd(34)} ${v.ms.toFixed(3).padStart(10)} ms  ${spread.padStart(22)}  ${v.ratio.toFixed(3).padStart(8)}×${ratio}`,
      )
    }
    for (const line of r.notes ?? []) console.log(`  ${line}`)
  }
}

function printHelp(): void {
  console.log('npm run bench -- [--quick] [--only NAME] [--json FILE]\n')
  console.log('Without --only, runs every file not marked long. Files:')
  for (const name of Object.keys(BENCH_FILES)) {
    const e = benchEntry(name)!
    const tags = [e.long ? 'long: --only' : '', e.check === false ? 'not in bench:check' : '']
      .filter(Boolean)
      .join(', ')
    console.log(`  ${name.padEnd(20)} ${e.about}${tags ? `  [${tags}]` : ''}`)
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/run.ts')) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    printHelp()
  } else {
    const quick = process.argv.includes('--quick')
    const reports = await runBenchmarks(quick, option('--only'))
    printReports(reports)
    const out = option('--json')
    if (out) {
      mkdirSync(dirname(out), { recursive: true })
      writeFileSync(out, JSON.stringify(reports, null, 2) + '\n')
    }
  }
}
