/** `sealpost vault rekey VAULT`: change the passphrase (re-wraps the data key; records untouched). */

import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readPassphrase } from '../_passphrase.ts'
import { openFromArgs, scryptFromArgs } from './_vault_common.ts'

export const vaultRekeyCommand: Command = {
  name: ['vault', 'rekey'],
  usage: 'vault rekey VAULT [--passphrase-file F] [--new-passphrase-file F] [--json]',
  summary: 'change the passphrase (new one from SEALPOST_NEW_PASSPHRASE, a file or a prompt)',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['passphrase-file', 'new-passphrase-file', 'scrypt-n'],
      boolean: ['json'],
    })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('vault rekey takes one folder')
    const scrypt = scryptFromArgs(args)
    using vault = await openFromArgs(path, args, io)
    const next = await readPassphrase(args, io, {
      env: 'SEALPOST_NEW_PASSPHRASE',
      fileFlag: 'new-passphrase-file',
      prompt: 'New passphrase: ',
      confirm: true,
    })
    await vault.rekey(next, { scrypt })
    if (args.flags.has('json')) io.out(JSON.stringify({ vault: vault.id, rekeyed: true }))
    else io.out(`passphrase changed for vault ${vault.id}`)
    return 0
  },
}
