/**
 * `sealpost install VAULT FILE [--json]`: verify a signed bundle against the vault's trust store
 * (trusted, unrevoked key of the right partner; no rollback; size caps) and install it. A consent
 * given to the previous version carries over only when the new one widens nothing.
 *
 * `--json`: `{ "bundleId", "version", "digest", "partnerId", "consentCarried", "widenings": [..] }`.
 */

import { BundleTooLargeError } from '../../bundle/errors.ts'
import { DEFAULT_BUNDLE_LIMITS, maxBundleBytes } from '../../bundle/format.ts'
import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { PASSPHRASE_FLAGS, readFileArg, withRuntime } from './_vault_common.ts'

export const installCommand: Command = {
  name: ['install'],
  usage: 'install VAULT FILE [--json]',
  summary: 'verify and install a signed bundle',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: [...PASSPHRASE_FLAGS], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    const file = positional(args, 1, 'bundle FILE')
    if (args.positionals.length > 2) throw new UsageError('install takes a vault and one bundle')
    const cap = maxBundleBytes(DEFAULT_BUNDLE_LIMITS)
    const bytes = await readFileArg(
      file,
      'bundle',
      cap,
      (size) => new BundleTooLargeError(`${file} is ${size} bytes, over the ${cap} byte cap`),
      io,
    )
    const result = await withRuntime(path, args, io, (rt) => rt.install(bytes))
    if (args.flags.has('json')) {
      io.out(JSON.stringify(result))
      return 0
    }
    io.out(`installed ${result.bundleId} ${result.version} from ${result.partnerId}`)
    io.out(`  digest ${result.digest}`)
    if (result.consentCarried) {
      io.out('  your consent to the previous version carries over: this one widens nothing')
    } else if (result.widenings.length > 0) {
      io.out(
        '  this version asks for more than the one you consented to, so it needs your consent:',
      )
      for (const w of result.widenings) io.out(`    - ${w}`)
    }
    if (!result.consentCarried) {
      io.out(`  read the contract: sealpost contract ${path} ${result.bundleId}`)
    }
    return 0
  },
}
