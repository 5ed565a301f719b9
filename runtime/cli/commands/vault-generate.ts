/**
 * `sealpost vault generate VAULT [--seed N] [--scale S] [--now DATE]`: fill a vault with a synthetic
 * persona whose records end at the run's time (the same clock rule as `bundle test`).
 */

import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { generateCollection, MAX_SCALE, PERSONA_COLLECTIONS } from '../../persona/index.ts'
import type { PersonaOptions } from '../../persona/index.ts'
import { progressPrinter } from '../_input.ts'
import { openFromArgs, runTime } from './_vault_common.ts'

function* personaRecords(
  options: PersonaOptions,
): Generator<{ collection: string; record: Readonly<Record<string, unknown>> }> {
  for (const collection of PERSONA_COLLECTIONS) {
    for (const record of generateCollection(collection, options)) yield { collection, record }
  }
}

export const vaultGenerateCommand: Command = {
  name: ['vault', 'generate'],
  usage: 'vault generate VAULT [--seed N] [--scale S] [--now DATE] [--json]',
  summary: 'add a deterministic synthetic persona (scale 1 ≈ 33,000 records) to the vault',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['passphrase-file', 'seed', 'scale', 'now'],
      boolean: ['json'],
    })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('vault generate takes one folder')
    const seed = Number(flagValue(args, 'seed') ?? '1')
    const scale = Number(flagValue(args, 'scale') ?? '1')
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer')
    if (!(scale > 0 && scale <= MAX_SCALE))
      throw new UsageError(`--scale must be in (0, ${MAX_SCALE}]`)
    const now = runTime(args, io)
    using vault = await openFromArgs(path, args, io)
    const counts = await vault.ingestAll(personaRecords({ seed, scale, now }), {
      onProgress: progressPrinter(io, 'generate'),
    })
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          seed,
          scale,
          now: new Date(now).toISOString(),
          generation: vault.generation,
          collections: counts,
        }),
      )
      return 0
    }
    io.out(
      `records until ${new Date(now).toISOString()} (test with: bundle test DIR --vault ${path} --now ${new Date(now).toISOString()})`,
    )
    for (const name of Object.keys(counts).sort()) {
      const c = counts[name]!
      io.out(`${name}: ${c.added} added, ${c.duplicates} already in the vault`)
    }
    return 0
  },
}
