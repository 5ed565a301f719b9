/** `sealpost bundle verify FILE [--trust ID.pub]`: structure, caps, signature, manifest. */

import { BundleTooLargeError, KeyFileError } from '../../bundle/errors.ts'
import { DEFAULT_BUNDLE_LIMITS, maxBundleBytes, readBundle } from '../../bundle/format.ts'
import { parsePublicKey } from '../../bundle/keys.ts'
import { TrustStore } from '../../bundle/trust.ts'
import { inspectBundle, verifyBundle } from '../../bundle/verify.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readFileArg } from '../_input.ts'

const MAX_KEY_FILE_BYTES = 4096

export const bundleVerifyCommand: Command = {
  name: ['bundle', 'verify'],
  usage: 'bundle verify FILE|- [--trust ID.pub] [--json]',
  summary: 'check a bundle: format, caps, signature, manifest',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['trust'], boolean: ['json'] })
    const file = positional(args, 0, 'bundle FILE')
    if (args.positionals.length > 1) throw new UsageError('bundle verify takes one FILE')
    const cap = maxBundleBytes(DEFAULT_BUNDLE_LIMITS)
    const bytes = await readFileArg(
      file,
      'file',
      cap,
      (size) => new BundleTooLargeError(`${file} is ${size} bytes, over the ${cap} byte cap`),
      io,
    )
    const parsed = readBundle(bytes)
    const trustPath = flagValue(args, 'trust')
    let v
    if (trustPath) {
      const store = new TrustStore()
      const pub = await readFileArg(
        trustPath,
        'file',
        MAX_KEY_FILE_BYTES,
        (size) => new KeyFileError(`${trustPath} is ${size} bytes: too long to be a key file`),
      )
      store.add(parsePublicKey(new TextDecoder().decode(pub), trustPath))
      v = verifyBundle(parsed, store)
    } else {
      v = inspectBundle(parsed)
    }
    const m = v.manifest
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          id: m.id,
          version: m.version,
          engine: m.engine,
          mode: m.mode,
          partnerId: v.partnerId,
          keyId: v.keyId,
          trusted: v.trusted,
          digest: v.digest,
          expiresAt: v.expiresAt ?? null,
        }),
      )
      return 0
    }
    io.out(`ok: ${m.id} ${m.version} (${m.engine}, ${m.mode})`)
    io.out(`  signed by ${m.partner.name} (${v.partnerId}), key ${v.keyId}`)
    io.out(
      v.trusted
        ? `  signature verified against ${trustPath}`
        : '  signature valid for the key the bundle carries; not checked against a trusted key (use --trust ID.pub)',
    )
    io.out(`  digest ${v.digest}`)
    if (v.expiresAt !== undefined) io.out(`  expires ${new Date(v.expiresAt).toISOString()}`)
    return 0
  },
}
