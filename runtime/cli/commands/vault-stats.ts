/** `sealpost vault stats VAULT`: rows, chunks, time span and size per collection. */

import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { isoDay, openFromArgs } from './_vault_common.ts'

export const vaultStatsCommand: Command = {
  name: ['vault', 'stats'],
  usage: 'vault stats VAULT [--json]',
  summary: 'what the vault holds, per collection',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['passphrase-file'], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('vault stats takes one folder')
    using vault = await openFromArgs(path, args, io)
    const stats = await vault.stats()
    if (args.flags.has('json')) {
      io.out(JSON.stringify(stats))
      return 0
    }
    io.out(`vault ${stats.vaultId}, generation ${stats.generation}, ${stats.docs} documents`)
    for (const [name, c] of Object.entries(stats.collections).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      io.out(
        `  ${name.padEnd(14)} ${String(c.rows).padStart(9)} rows  ${String(c.chunks).padStart(4)} chunks  ` +
          `${isoDay(c.minTime)} .. ${isoDay(c.maxTime)}  ${(c.sealedBytes / 1024).toFixed(0)} KiB`,
      )
    }
    if (Object.keys(stats.collections).length === 0) io.out('  (no records)')
    return 0
  },
}
