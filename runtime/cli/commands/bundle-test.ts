/**
 * `sealpost bundle test DIR [--vault VAULT]`: the partner's edit-run loop. Compiles the module folder
 * as `bundle build` would (unsigned), runs it with the real limits against a generated persona (or a
 * given vault), and prints the output, its bit bound, what was read and the contract a person would
 * see.
 */

import { resolve } from 'node:path'
import { createSandbox } from '../../../sandbox/index.ts'
import { buildContract, renderContract } from '../../consent/contract.ts'
import { loadModuleFolder } from '../../dev/module_folder.ts'
import { outputBitBound } from '../../manifest/index.ts'
import { generatePersona } from '../../persona/index.ts'
import { MemorySource } from '../../pipeline/memory_source.ts'
import { runBundle } from '../../pipeline/run.ts'
import type { ViewSource } from '../../pipeline/types.ts'
import { giveConsent } from '../../policy/consent.ts'
import type { Vault } from '../../vault/index.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { openFromArgs, PASSPHRASE_FLAGS, timeFlag } from './_vault_common.ts'

function positiveNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`)
  return n
}

export const bundleTestCommand: Command = {
  name: ['bundle', 'test'],
  usage:
    'bundle test DIR [--vault VAULT] [--seed N] [--scale S] [--now DATE] [--lang en|fr] [--json]',
  summary: 'run a module folder against a generated person (or a vault) with the real limits',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['vault', 'seed', 'scale', 'now', 'lang', ...PASSPHRASE_FLAGS],
      boolean: ['json'],
    })
    const dir = resolve(positional(args, 0, 'module folder DIR'))
    if (args.positionals.length > 1) throw new UsageError('bundle test takes one module folder')
    const lang = flagValue(args, 'lang') ?? 'en'
    if (lang !== 'en' && lang !== 'fr') throw new UsageError('--lang must be en or fr')
    const now = timeFlag(args, 'now') ?? Date.now()
    await using sandbox = createSandbox()
    // The Worker starts while the module compiles and the person is generated.
    const ready = sandbox.warmUp()
    const bundle = await loadModuleFolder(dir)
    const vaultPath = flagValue(args, 'vault')
    let vault: Vault | undefined
    let source: ViewSource
    let against: string
    if (vaultPath !== undefined) {
      vault = await openFromArgs(vaultPath, args, io)
      source = vault
      against = `the vault at ${vaultPath}`
    } else {
      const seed = positiveNumber(flagValue(args, 'seed'), 'seed', 42)
      const scale = positiveNumber(flagValue(args, 'scale'), 'scale', 1)
      const persona = generatePersona({ seed, scale, now })
      source = new MemorySource(persona.collections as Record<string, Record<string, unknown>[]>)
      against = `a generated person (seed ${seed}, scale ${scale})`
    }
    try {
      await ready
      // The partner's own loop: consent is implied here; installing in a vault never skips it.
      const result = await runBundle(
        { source, sandbox, consent: giveConsent(bundle, now) },
        bundle,
        { now },
      )
      const bound = outputBitBound(bundle.manifest.output)
      const contract = buildContract(bundle)
      if (args.flags.has('json')) {
        io.out(
          JSON.stringify({
            bundleId: bundle.manifest.id,
            output: result.output,
            bits: Number.isFinite(bound.bits) ? bound.bits : null,
            read: result.read.map((r) => ({
              collection: r.collection,
              fields: r.fields,
              from: Number.isFinite(r.from) ? new Date(r.from).toISOString() : null,
              to: new Date(r.to).toISOString(),
              rows: r.rows,
            })),
            stats: result.stats,
            contract,
          }),
        )
        return 0
      }
      io.out(`${bundle.manifest.id} ${bundle.manifest.version} against ${against}`)
      io.out('')
      io.out(`output     ${result.outputJson}`)
      io.out(`bits       at most ${bound.bits.toFixed(2)} per run`)
      for (const r of result.read) {
        io.out(`read       ${r.rows} rows of ${r.collection} (${r.fields.join(', ')})`)
      }
      io.out(
        `time       ${result.stats.totalMs.toFixed(1)} ms (view ${result.stats.viewMs.toFixed(1)} ms, sandbox ${result.stats.runMs.toFixed(1)} ms, ${result.stats.kernelCalls} kernel calls, ${result.stats.columnsCopied} columns copied)`,
      )
      io.out('')
      io.out('The contract a person will read:')
      io.out('')
      for (const line of renderContract(contract, lang).split('\n')) io.out(`  ${line}`)
      return 0
    } finally {
      vault?.close()
    }
  },
}
