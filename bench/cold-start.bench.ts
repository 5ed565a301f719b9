/**
 * Cold start of the CLI as a person meets it: fresh processes of the compiled package (dist/,
 * built first when missing) against `node -e 0`, interleaved round by round so that machine load
 * hits every variant alike. Reported: time to first output and to exit, min–median–max, and the
 * load average. The goal (P6): `sealpost run` prints its answer within 150 ms plus the engine load,
 * which is measured in the same run (a fresh sandbox Worker with the QuickJS engine compiled).
 *
 * Standalone: `node bin/run-ts.js bench/cold-start.bench.ts [--quick]`. With
 * `SEALPOST_COLD_START_BASELINE=OTHER/bin/sealpost.js` another build's `vault stats` and `run` are
 * timed in the same rounds (for before/after figures on a loaded machine).
 */

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'
import { buildBundle, generatePartnerKey, publicKeyFile } from '../runtime/bundle/index.ts'
import { loadModuleFolder } from '../runtime/dev/module_folder.ts'
import { createRuntime } from '../runtime/host/index.ts'
import { createVaultAt, LIGHT_SCRYPT } from '../runtime/vault/index.ts'
import { spreadOf, type BenchFile, type BenchSuiteReport } from './_report.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin/sealpost.js')
const PASSPHRASE = 'cold start'
const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 2, 9)
const MONTH = 32 * DAY
const SPORT = 'com.stridewear.favorite-sport'

interface Sample {
  readonly firstOutputMs: number
  readonly exitMs: number
}

/** Spawns `node ARGS` and times its first byte on stdout and its exit. */
function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    let first: number | undefined
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stdout.once('data', () => (first = performance.now() - start))
    child.stdout.resume()
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      const exitMs = performance.now() - start
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${err}`))
      else resolve({ firstOutputMs: first ?? exitMs, exitMs })
    })
  })
}

/** A folder vault with a trusted partner and a consented bundle, made through the host API. */
async function makeVault(dir: string): Promise<string> {
  const path = join(dir, 'vault')
  const vault = await createVaultAt(path, PASSPHRASE, { scrypt: LIGHT_SCRYPT })
  const partner = generatePartnerKey('stridewear')
  const sport = await loadModuleFolder(join(root, 'algorithms/favorite-sport'))
  // A run a month over two years: the answer has something to count in every round.
  await vault.ingest(
    'activities',
    Array.from({ length: 24 }, (_, i) => ({
      id: `a${i}`,
      startedAt: T0 - i * 31 * DAY,
      sport: 'running',
      durationSec: 3600,
    })),
  )
  const runtime = createRuntime({ vault, clock: () => T0 })
  try {
    await runtime.trust(publicKeyFile(partner.publicKey))
    const bundle = buildBundle({ manifest: sport.manifest, code: sport.code as string }, partner)
    const { bundleId } = await runtime.install(bundle)
    await runtime.consent(bundleId)
  } finally {
    await runtime.dispose()
    vault.close()
  }
  return path
}

/** One fresh sandbox brought up from the compiled package: Worker start + QuickJS compile. */
async function engineLoadMs(): Promise<number> {
  const { createSandbox } = (await import(join(root, 'dist/sandbox/index.js'))) as {
    createSandbox: () => { warmUp(): Promise<void>; dispose(): Promise<void> }
  }
  const start = performance.now()
  const sandbox = createSandbox()
  await sandbox.warmUp()
  const ms = performance.now() - start
  await sandbox.dispose()
  return ms
}

export const run: BenchFile = async ({ quick }) => {
  if (!existsSync(join(root, 'dist/cli/sealpost.js'))) {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' })
  }
  const dir = await mkdtemp(join(tmpdir(), 'sealpost-cold-'))
  try {
    const vault = await makeVault(dir)
    const env = { ...process.env, SEALPOST_DIST: '1', SEALPOST_PASSPHRASE: PASSPHRASE }
    const variants: Record<string, (round: number) => Promise<Sample>> = {
      'node -e 0': () => timeProcess(['-e', '0'], env),
      'sealpost --version': () => timeProcess([bin, '--version'], env),
      'vault stats': () => timeProcess([bin, 'vault', 'stats', vault], env),
      // A recurring bundle (once a month): each round is a month later, so each run is due.
      run: (round) =>
        timeProcess([bin, 'run', vault, SPORT], {
          ...env,
          SEALPOST_NOW: String(T0 + (round + 1) * MONTH),
        }),
    }
    // Another build's bin to compare with in the same rounds (an older checkout, built): its own
    // vault, since the two runs would otherwise share one monthly schedule.
    const baseline = process.env['SEALPOST_COLD_START_BASELINE']
    if (baseline !== undefined) {
      const other = await makeVault(await mkdtemp(join(dir, 'baseline-')))
      variants['baseline vault stats'] = () => timeProcess([baseline, 'vault', 'stats', other], env)
      variants['baseline run'] = (round) =>
        timeProcess([baseline, 'run', other, SPORT], {
          ...env,
          SEALPOST_NOW: String(T0 + (round + 1) * MONTH),
        })
    }
    const rounds = quick ? 5 : 20
    const samples: Record<string, Sample[]> = {}
    const engine: number[] = []
    const load: number[] = []
    await variants['sealpost --version']!(0) // page cache
    for (let round = 0; round < rounds; round++) {
      load.push(loadavg()[0]!)
      for (const [name, time] of Object.entries(variants)) {
        ;(samples[name] ??= []).push(await time(round))
      }
      engine.push(await engineLoadMs())
    }
    const ref = samples['node -e 0']!.map((s) => s.exitMs)
    const lines: string[] = []
    const e = spreadOf(engine)
    const runFirst = spreadOf(samples['run']!.map((s) => s.firstOutputMs)).median
    const l = spreadOf(load)
    const goal = `goal: run's first output ${runFirst.toFixed(0)} ms ≤ 150 + engine load ${e.median.toFixed(0)} = ${(150 + e.median).toFixed(0)} ms: ${runFirst <= 150 + e.median ? 'met' : 'missed'}`
    const report: BenchSuiteReport = {
      suite: 'cold-start',
      reference: 'node -e 0',
      variants: Object.entries(samples).map(([name, list]) => {
        const first = spreadOf(list.map((s) => s.firstOutputMs))
        const exit = spreadOf(list.map((s) => s.exitMs))
        // Ratio to `node -e 0` of the same round.
        const ratios = spreadOf(list.map((s, i) => s.firstOutputMs / ref[i]!))
        lines.push(`  ${name.padEnd(20)} first output ${fmt(first)}   exit ${fmt(exit)}`)
        return {
          name,
          ms: first.median,
          ratio: ratios.median,
          spread: first,
          ratioSpread: ratios,
          rounds: list.length,
          rme: ((first.max - first.min) / first.median) * 50,
        }
      }),
      notes: [`engine load (fresh sandbox Worker + QuickJS) ${fmt(e)} ms`, goal],
    }
    console.log(
      `\ncold-start: ${rounds} interleaved rounds, ms min–median–max, load average ${l.min.toFixed(2)}–${l.median.toFixed(2)}–${l.max.toFixed(2)}`,
    )
    for (const line of lines) console.log(line)
    console.log(
      `  ${'engine load'.padEnd(20)} ${fmt(e)} (fresh sandbox Worker + QuickJS, in process)`,
    )
    console.log(`  ${goal}`)
    return [report]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function fmt(s: { min: number; median: number; max: number }): string {
  return `${s.min.toFixed(0)}–${s.median.toFixed(0)}–${s.max.toFixed(0)}`
}

if (process.argv[1]?.endsWith('cold-start.bench.ts')) {
  await run({ quick: process.argv.includes('--quick') })
}
