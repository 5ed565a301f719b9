/** `sealpost bundle verify FILE [--trust ID.pub]`: structure, caps, signature, manifest. */

import { readFile } from 'node:fs/promises'
import { readBundleFile } from '../../bundle/file.ts'
import { parsePublicKey } from '../../bundle/keys.ts'
import { TrustStore } from '../../bundle/trust.ts'
import { inspectBundle, verifyBundle } from '../../bundle/verify.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'

/** Runs `read(path)`, turning a missing file into a usage error that names it. */
async function readInput<T>(path: string, read: (p: string) => Promise<T>): Promise<T> {
  try {
    return await read(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`no such file: ${path}`)
    throw e
  }
}

export const bundleVerifyCommand: Command = {
  name: ['bundle', 'verify'],
  usage: 'bundle verify FILE [--trust ID.pub]',
  summary: 'check a bundle: format, caps, signature, manifest',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['trust'] })
    const file = positional(args, 0, 'bundle FILE')
    if (args.positionals.length > 1) throw new UsageError('bundle verify takes one FILE')
    const parsed = await readInput(file, readBundleFile)
    const trustPath = flagValue(args, 'trust')
    let v
    if (trustPath) {
      const store = new TrustStore()
      store.add(parsePublicKey(await readInput(trustPath, (p) => readFile(p, 'utf8'))))
      v = verifyBundle(parsed, store)
    } else {
      v = inspectBundle(parsed)
    }
    const m = v.manifest
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
