/** `sealpost vault init VAULT`: create an empty encrypted vault in a folder. */

import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readPassphrase } from '../_passphrase.ts'
import { createVaultAt } from '../../vault/index.ts'
import { scryptFromArgs } from './_vault_common.ts'

export const vaultInitCommand: Command = {
  name: ['vault', 'init'],
  usage: 'vault init VAULT [--passphrase-file F] [--json]',
  summary: 'create an empty encrypted vault in folder VAULT',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['passphrase-file', 'scrypt-n'], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('vault init takes one folder')
    const passphrase = await readPassphrase(args, io, {
      prompt: 'New vault passphrase: ',
      confirm: true,
    })
    const vault = await createVaultAt(path, passphrase, { scrypt: scryptFromArgs(args) })
    const id = vault.id
    vault.close()
    if (args.flags.has('json')) io.out(JSON.stringify({ vault: path, vaultId: id }))
    else io.out(`created vault ${id} in ${path}`)
    return 0
  },
}
