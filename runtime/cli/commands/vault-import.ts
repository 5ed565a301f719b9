/** `sealpost vault import VAULT FILE [--format F]`: read a person's export file into the vault. */

import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { importFile, sourceFromFile } from '../../importers/index.ts'
import { progressPrinter, STDIN, stdinSource } from '../_input.ts'
import { openFromArgs } from './_vault_common.ts'

export const vaultImportCommand: Command = {
  name: ['vault', 'import'],
  usage: 'vault import VAULT FILE|- [--format F] [--json]',
  summary:
    'import an export file or stdin (format detected unless given); re-importing adds nothing',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['passphrase-file', 'format'], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    const file = positional(args, 1, 'FILE to import')
    if (args.positionals.length > 2)
      throw new UsageError('vault import takes a folder and one file')
    const format = flagValue(args, 'format')
    using vault = await openFromArgs(path, args, io)
    const source = file === STDIN ? stdinSource(io) : sourceFromFile(file)
    const records = importFile(source, format === undefined ? {} : { format })
    const counts = await vault.ingestAll(records, { onProgress: progressPrinter(io, file) })
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ file, generation: vault.generation, collections: counts }))
      return 0
    }
    const names = Object.keys(counts).sort()
    if (names.length === 0) io.out(`${file}: no records`)
    for (const name of names) {
      const c = counts[name]!
      io.out(`${name}: ${c.added} added, ${c.duplicates} already in the vault`)
    }
    return 0
  },
}
