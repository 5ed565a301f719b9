/** `sealpost audit FILE [--json] [--against OLD]`: what a bundle reads, what can leave, who signed. */

import { auditReport, formatAudit } from '../../bundle/audit.ts'
import type { AuditSubject } from '../../bundle/audit.ts'
import { BundleTooLargeError } from '../../bundle/errors.ts'
import {
  BUNDLE_MAGIC,
  DEFAULT_BUNDLE_LIMITS,
  maxBundleBytes,
  readBundle,
} from '../../bundle/format.ts'
import { inspectBundle } from '../../bundle/verify.ts'
import { ManifestInvalidError } from '../../manifest/errors.ts'
import { parseManifest } from '../../manifest/validate.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { CliIO, Command } from '../_command.ts'
import { readFileArg } from '../_input.ts'

/** A signed bundle, or a bare manifest.json (reported as unsigned); `-` reads standard input. */
async function load(path: string, io: CliIO): Promise<AuditSubject> {
  const cap = maxBundleBytes(DEFAULT_BUNDLE_LIMITS)
  const bytes = await readFileArg(
    path,
    'file',
    cap,
    (size) => new BundleTooLargeError(`${path} is ${size} bytes, over the ${cap} byte cap`),
    io,
  )
  if (BUNDLE_MAGIC.every((b, i) => bytes[i] === b)) {
    const v = inspectBundle(readBundle(bytes))
    return { manifest: v.manifest, bundle: { ...v, bytes: bytes.length } }
  }
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes))
  } catch (e) {
    throw new ManifestInvalidError('', `${path} is neither a bundle nor a manifest JSON file`, {
      cause: e,
    })
  }
  return { manifest: parseManifest(raw) }
}

export const auditCommand: Command = {
  name: ['audit'],
  usage: 'audit FILE|- [--json] [--against OLD]',
  summary: 'what a bundle reads, what can leave (bits), signer, what changed',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['against'], boolean: ['json'] })
    const file = positional(args, 0, 'bundle FILE')
    if (args.positionals.length > 1) throw new UsageError('audit takes one FILE')
    const subject = await load(file, io)
    const againstPath = flagValue(args, 'against')
    const old = againstPath === undefined ? undefined : await load(againstPath, io)
    const report = auditReport(subject, old)
    if (args.flags.get('json') === true)
      for (const line of JSON.stringify(report, null, 2).split('\n')) io.out(line)
    else for (const line of formatAudit(report)) io.out(line)
    return 0
  },
}
