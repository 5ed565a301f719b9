/** `sealpost keygen --partner ID --out DIR`: a partner's signing + sealing key pair. */

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PARTNER_ID, generatePartnerKey, publicKeyFile } from '../../bundle/keys.ts'
import { KeyFileError } from '../../bundle/errors.ts'
import { flagValue, parseArgs, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'

export const keygenCommand: Command = {
  name: ['keygen'],
  usage: 'keygen --partner ID --out DIR [--json]',
  summary: 'write DIR/ID.key (secret, 0600) and DIR/ID.pub (public)',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['partner', 'out'], boolean: ['json'] })
    if (args.positionals.length > 0) throw new UsageError('keygen takes no positional arguments')
    const partner = flagValue(args, 'partner')
    const out = flagValue(args, 'out')
    if (!partner) throw new UsageError('missing --partner ID')
    if (!out) throw new UsageError('missing --out DIR')
    if (!PARTNER_ID.test(partner)) {
      throw new UsageError(`--partner must be lowercase letters, digits and '-', got '${partner}'`)
    }
    await mkdir(out, { recursive: true })
    using key = generatePartnerKey(partner)
    const keyPath = join(out, `${partner}.key`)
    const pubPath = join(out, `${partner}.pub`)
    try {
      // 'wx': never overwrite an existing secret key.
      await writeFile(keyPath, key.toKeyFile(), { mode: 0o600, flag: 'wx' })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new KeyFileError(`${keyPath} already exists; refusing to overwrite a secret key`)
      }
      throw e
    }
    await writeFile(pubPath, publicKeyFile(key.publicKey))
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ partner, keyId: key.keyId, secretKey: keyPath, publicKey: pubPath }))
      return 0
    }
    io.out(`partner ${partner}, key id ${key.keyId}`)
    io.out(`  secret  ${keyPath} (mode 0600: keep it safe, never ship it)`)
    io.out(`  public  ${pubPath} (safe to publish; devices trust it with 'sealpost trust')`)
    return 0
  },
}
