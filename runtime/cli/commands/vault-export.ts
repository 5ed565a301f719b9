/**
 * `sealpost vault export VAULT [--out FILE] [--secrets]`: everything in the vault as plain JSON. The
 * device signing secret and the pseudonym secret are left out (named in `omitted`) unless
 * `--secrets` asks for them.
 */

import { writeFile } from 'node:fs/promises'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { openFromArgs } from './_vault_common.ts'

export const vaultExportCommand: Command = {
  name: ['vault', 'export'],
  usage: 'vault export VAULT [--out FILE] [--secrets] [--json]',
  summary: 'write every record and document as plain JSON (stdout, or FILE with mode 0600)',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['passphrase-file', 'out'],
      boolean: ['json', 'secrets'],
    })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('vault export takes one folder')
    const out = flagValue(args, 'out')
    using vault = await openFromArgs(path, args, io)
    // The export is JSON either way; --json prints it on one line, for tools.
    const json = JSON.stringify(
      await vault.export({ secrets: args.flags.has('secrets') }),
      null,
      args.flags.has('json') ? undefined : 2,
    )
    // One `out` per line: pretty JSON breaks lines only between tokens, never inside a string.
    if (out === undefined) for (const line of json.split('\n')) io.out(line)
    else {
      // Plaintext of the person's data: readable by them only.
      await writeFile(out, json + '\n', { mode: 0o600, flag: 'wx' }).catch((e: unknown) => {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST')
          throw new UsageError(`${out} exists; not overwriting`)
        throw e
      })
      io.err(`wrote ${out}`)
    }
    return 0
  },
}
