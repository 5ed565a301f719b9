/**
 * `sealpost bundle test DIR`: the partner's edit-run loop. Compiles the module folder exactly as
 * `bundle build` does (unsigned), refuses what build refuses (an unbounded private output), runs
 * every `fixtures/*.json` against its expected answer, then runs the module with the real limits
 * against a generated person (or a given vault) and prints the output, the bits each field can
 * carry, what was read and the contract a person would see. `--watch` re-runs on every save.
 */

import { watch } from 'node:fs'
import { resolve } from 'node:path'
import { createSandbox, type Sandbox } from '../../../sandbox/index.ts'
import { SealpostError } from '../../../sandbox/errors.ts'
import { buildContract, renderContract } from '../../consent/contract.ts'
import { loadFixtures, runFixture, sameAnswer, type ModuleFixture } from '../../dev/fixtures.ts'
import { loadModuleFolder, type DevBundle } from '../../dev/module_folder.ts'
import { locateInSources } from '../../dev/_source_map.ts'
import { canonicalize } from '../../crypto/jcs.ts'
import { assertPrivateBounded, type BitBound } from '../../manifest/index.ts'
import { generatePersona } from '../../persona/index.ts'
import { MemorySource } from '../../pipeline/memory_source.ts'
import { runBundle, viewRequests, type RunResult } from '../../pipeline/run.ts'
import type { ViewSource } from '../../pipeline/types.ts'
import { giveConsent } from '../../policy/consent.ts'
import type { Vault } from '../../vault/index.ts'
import { flagValue, parseArgs, positional, UsageError, type ParsedArgs } from '../_args.ts'
import type { CliIO, Command } from '../_command.ts'
import { openFromArgs, PASSPHRASE_FLAGS, runTime } from './_vault_common.ts'

/** At most this much of a refused output is shown. */
const MAX_SHOWN_OUTPUT = 600

function positiveNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`)
  return n
}

const iso = (t: number): string => (Number.isFinite(t) ? new Date(t).toISOString() : '(all time)')
const shorten = (s: string): string =>
  s.length > MAX_SHOWN_OUTPUT ? `${s.slice(0, MAX_SHOWN_OUTPUT)}… (${s.length} chars)` : s

/** One run's failure as a partner reads it: file:line in their sources, the refused value. */
function explain(e: unknown, bundle: DevBundle, rejected: string | undefined): string {
  if (!(e instanceof SealpostError)) throw e
  let line = `${locateInSources(e.message, bundle.sourceMap)} [${e.code}]`
  if (rejected !== undefined) line += `\nthe module returned: ${shorten(rejected)}`
  return line
}

interface FixtureOutcome {
  readonly name: string
  readonly description: string
  readonly ok: boolean
  readonly output?: unknown
  readonly expected: unknown
  readonly error?: string
}

async function runFixtures(
  bundle: DevBundle,
  fixtures: readonly ModuleFixture[],
  sandbox: Sandbox,
): Promise<FixtureOutcome[]> {
  const outcomes: FixtureOutcome[] = []
  for (const f of fixtures) {
    let rejected: string | undefined
    try {
      const r = await runFixture(bundle, f, sandbox, (json) => (rejected = json))
      outcomes.push({
        name: f.name,
        description: f.description,
        ok: sameAnswer(r.output, f.expected),
        output: r.output,
        expected: f.expected,
      })
    } catch (e) {
      outcomes.push({
        name: f.name,
        description: f.description,
        ok: false,
        expected: f.expected,
        error: explain(e, bundle, rejected),
      })
    }
  }
  return outcomes
}

function printFixtures(io: CliIO, outcomes: readonly FixtureOutcome[]): void {
  if (outcomes.length === 0) {
    io.out('fixtures   none (add fixtures/*.json: records, now, expected; see docs/partners.md)')
    return
  }
  const passed = outcomes.filter((o) => o.ok).length
  io.out(`fixtures   ${passed} of ${outcomes.length} pass`)
  for (const o of outcomes) {
    io.out(`  ${o.ok ? 'pass' : 'FAIL'}  ${o.name}${o.description ? `: ${o.description}` : ''}`)
    if (o.ok) continue
    if (o.error !== undefined) for (const l of o.error.split('\n')) io.out(`        ${l}`)
    else {
      io.out(`        expected ${canonicalize(o.expected)}`)
      io.out(`        got      ${canonicalize(o.output)}`)
    }
  }
}

function printBits(io: CliIO, bound: BitBound): void {
  io.out(
    `bits       at most ${Number.isFinite(bound.bits) ? bound.bits.toFixed(2) : 'unbounded'} per run`,
  )
  const width = Math.max(...bound.fields.map((f) => f.path.length), 4)
  for (const f of bound.fields) {
    const bits = Number.isFinite(f.bits) ? f.bits.toFixed(2).padStart(6) : '     ∞'
    io.out(`  ${f.path.padEnd(width)}  ${bits}  ${f.why}`)
  }
}

/** Where the run's person comes from: a vault, or a generated person ending at the run's time. */
async function personSource(
  args: ParsedArgs,
  io: CliIO,
  now: number,
): Promise<{ source: ViewSource; against: string; vault?: Vault }> {
  const vaultPath = flagValue(args, 'vault')
  if (vaultPath !== undefined) {
    const vault = await openFromArgs(vaultPath, args, io)
    return { source: vault, against: `the vault at ${vaultPath}`, vault }
  }
  const seed = positiveNumber(flagValue(args, 'seed'), 'seed', 42)
  const scale = positiveNumber(flagValue(args, 'scale'), 'scale', 1)
  const persona = generatePersona({ seed, scale, now })
  return {
    source: new MemorySource(persona.collections as Record<string, Record<string, unknown>[]>),
    against: `a generated person (seed ${seed}, scale ${scale}, records until ${iso(now)})`,
  }
}

/**
 * For a trigger bundle, the trigger of a run where the person's latest record of the watched
 * collection has just arrived; undefined for other bundles or when there is none in the window.
 */
async function latestAsNew(
  bundle: DevBundle,
  source: ViewSource,
  now: number,
): Promise<{ collection: string; firstRow: number } | undefined> {
  const schedule = bundle.manifest.schedule
  if (schedule.kind !== 'trigger') return undefined
  const request = viewRequests(bundle, now).find((r) => r.collection === schedule.on)
  if (!request) return undefined
  const rows = (await source.view(request)).length
  return rows > 0 ? { collection: schedule.on, firstRow: rows - 1 } : undefined
}

/** One complete test of the folder; resolves with the exit code. */
async function testOnce(dir: string, args: ParsedArgs, io: CliIO): Promise<number> {
  const json = args.flags.has('json')
  const lang = flagValue(args, 'lang') ?? 'en'
  if (lang !== 'en' && lang !== 'fr') throw new UsageError('--lang must be en or fr')
  const now = runTime(args, io)
  await using sandbox = createSandbox()
  // The Worker starts while the module compiles; a refusal before the run must not leave the
  // startup waiting, so its failure is handled here and surfaces again where it is awaited.
  const ready = sandbox.warmUp()
  ready.catch(() => undefined)
  const bundle = await loadModuleFolder(dir)
  const bound = assertPrivateBounded(bundle.manifest)
  await ready
  const fixtures = await runFixtures(bundle, loadFixtures(dir), sandbox)

  const person = await personSource(args, io, now)
  let result: RunResult | undefined
  let failure: string | undefined
  let rejected: string | undefined
  let trigger: { collection: string; firstRow: number } | undefined
  try {
    trigger = await latestAsNew(bundle, person.source, now)
    // The partner's own loop: consent is implied here; installing in a vault never skips it.
    result = await runBundle(
      { source: person.source, sandbox, consent: giveConsent(bundle, now) },
      bundle,
      { now, onRejectedOutput: (o) => (rejected = o), ...(trigger ? { trigger } : {}) },
    )
  } catch (e) {
    failure = explain(e, bundle, rejected)
  } finally {
    person.vault?.close()
  }
  const contract = buildContract(bundle)
  const rows = result ? result.read.reduce((n, r) => n + r.rows, 0) : undefined
  const ok = failure === undefined && fixtures.every((f) => f.ok)

  if (json) {
    io.out(
      JSON.stringify({
        bundleId: bundle.manifest.id,
        ok,
        now: iso(now),
        fixtures,
        output: result?.output ?? null,
        error: failure ?? null,
        bits: Number.isFinite(bound.bits) ? bound.bits : null,
        fields: bound.fields.map((f) => ({
          path: f.path,
          bits: Number.isFinite(f.bits) ? f.bits : null,
          why: f.why,
        })),
        read: (result?.read ?? []).map((r) => ({
          collection: r.collection,
          fields: r.fields,
          from: Number.isFinite(r.from) ? iso(r.from) : null,
          to: iso(r.to),
          rows: r.rows,
        })),
        stats: result?.stats ?? null,
        contract,
      }),
    )
    return ok ? 0 : 1
  }

  io.out(`${bundle.manifest.id} ${bundle.manifest.version} (${bundle.manifest.engine})`)
  io.out('')
  printFixtures(io, fixtures)
  io.out('')
  io.out(`person     ${person.against}, run at ${iso(now)}`)
  if (bundle.manifest.schedule.kind === 'trigger') {
    io.out(
      trigger
        ? `trigger    the latest row of ${trigger.collection} taken as newly ingested (firstRow ${trigger.firstRow})`
        : `trigger    no ${bundle.manifest.schedule.on} in the window: run as a manual run (input.trigger null)`,
    )
  }
  if (failure !== undefined)
    failure.split('\n').forEach((l, i) => io.out(`${i === 0 ? 'FAILED' : ''}`.padEnd(11) + l))
  else io.out(`output     ${result!.outputJson}`)
  printBits(io, bound)
  for (const r of result?.read ?? []) {
    const window = `${Number.isFinite(r.from) ? iso(r.from) : 'all time'} → ${iso(r.to - 1)}`
    io.out(`read       ${r.rows} rows of ${r.collection} (${r.fields.join(', ')}), ${window}`)
  }
  if (rows === 0) {
    io.out(
      `note       the run read 0 rows: every window ends at the run's time (${iso(now)}).` +
        (person.vault
          ? " If the vault's records are from other dates, pass --now with a date inside them (vault generate and bundle test share --now; vault stats shows the dates)."
          : ' The generated person has no records of these collections in these windows.'),
    )
  }
  if (result) {
    io.out(
      `time       ${result.stats.totalMs.toFixed(1)} ms (view ${result.stats.viewMs.toFixed(1)} ms, sandbox ${result.stats.runMs.toFixed(1)} ms, ${result.stats.kernelCalls} kernel calls, ${result.stats.columnsCopied} columns copied)`,
    )
  }
  io.out('')
  io.out(
    `The contract a person will read (${lang}; --lang ${lang === 'en' ? 'fr' : 'en'} for the other):`,
  )
  io.out('')
  for (const line of renderContract(contract, lang).split('\n'))
    io.out(line === '' ? '' : `  ${line}`)
  return ok ? 0 : 1
}

/** Re-runs the test on every change in the folder until interrupted (never resolves). */
async function watchFolder(dir: string, args: ParsedArgs, io: CliIO): Promise<number> {
  const once = async (): Promise<void> => {
    try {
      await testOnce(dir, args, io)
    } catch (e) {
      if (!(e instanceof SealpostError)) throw e
      io.out(`sealpost: ${e.message} [${e.code}]`)
    }
    io.out('')
    io.out(`watching ${dir} (Ctrl-C to stop)`)
  }
  await once()
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = Promise.resolve()
  return new Promise<number>(() => {
    watch(dir, { recursive: true }, () => {
      clearTimeout(timer)
      // Editors write a file in several steps: wait for the folder to settle.
      timer = setTimeout(() => {
        running = running.then(() => {
          io.out('')
          io.out(`— change at ${new Date().toISOString()} —`)
          return once()
        })
      }, 150)
    })
  })
}

export const bundleTestCommand: Command = {
  name: ['bundle', 'test'],
  usage:
    'bundle test DIR [--vault VAULT] [--seed N] [--scale S] [--now DATE] [--lang en|fr] [--json] [--watch]',
  summary: 'run a module folder’s fixtures and a generated person (or a vault), real limits',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['vault', 'seed', 'scale', 'now', 'lang', ...PASSPHRASE_FLAGS],
      boolean: ['json', 'watch'],
    })
    const dir = resolve(positional(args, 0, 'module folder DIR'))
    if (args.positionals.length > 1) throw new UsageError('bundle test takes one module folder')
    if (args.flags.has('watch')) return watchFolder(dir, args, io)
    return testOnce(dir, args, io)
  },
}
