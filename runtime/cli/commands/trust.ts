/**
 * `sealpost trust VAULT ID.pub [--revoke] [--json]`: add a partner's public key to the vault's trust
 * store, or revoke it for good (bundles it signed no longer install or run).
 *
 * `--json`: `{ "partnerId", "keyId", "action": "trusted" | "revoked" }`.
 */

import { KeyFileError } from '../../bundle/errors.ts'
import { parsePublicKey } from '../../bundle/keys.ts'
import { utf8Decode } from '../../crypto/bytes.ts'
import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { PASSPHRASE_FLAGS, readFileArg, withRuntime } from './_vault_common.ts'
import { UnknownKeyError } from './errors.ts'

/** Key files are small; anything larger is not one. */
const MAX_KEY_FILE_BYTES = 4096

export const trustCommand: Command = {
  name: ['trust'],
  usage: 'trust VAULT ID.pub [--revoke] [--json]',
  summary: "add (or revoke) a partner key in the vault's trust store",
  async run(argv, io) {
    const args = parseArgs(argv, { valued: [...PASSPHRASE_FLAGS], boolean: ['revoke', 'json'] })
    const path = positional(args, 0, 'VAULT folder')
    const pubPath = positional(args, 1, 'partner public key ID.pub')
    if (args.positionals.length > 2) throw new UsageError('trust takes a vault and one key file')
    const bytes = await readFileArg(
      pubPath,
      'key file',
      MAX_KEY_FILE_BYTES,
      (size) => new KeyFileError(`${pubPath} is ${size} bytes: too long to be a key file`),
      io,
    )
    const key = parsePublicKey(utf8Decode(bytes), pubPath)
    const revoke = args.flags.has('revoke')
    await withRuntime(path, args, io, async (rt) => {
      if (revoke) {
        if (!(await rt.revokeKey(key.keyId))) throw new UnknownKeyError(key.keyId, key.partnerId)
      } else {
        await rt.trust(key)
      }
    })
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          partnerId: key.partnerId,
          keyId: key.keyId,
          action: revoke ? 'revoked' : 'trusted',
        }),
      )
    } else if (revoke) {
      io.out(`revoked key ${key.keyId} of ${key.partnerId}: its bundles no longer install or run`)
    } else {
      io.out(`trusted key ${key.keyId} of ${key.partnerId}: its signed bundles can be installed`)
    }
    return 0
  },
}
