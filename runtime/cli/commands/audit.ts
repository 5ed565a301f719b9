/** `sealpost audit FILE [--json] [--against OLD]`: what a bundle reads, what can leave, who signed. */

import { readFile, stat } from 'node:fs/promises'
import { auditReport, formatAudit } from '../../bundle/audit.ts'
import type { AuditSubject } from '../../bundle/audit.ts'
import { isBundleFile, readBundleFile } from '../../bundle/file.ts'
import { inspectBundle } from '../../bundle/verify.ts'
import { ManifestInvalidError } from '../../manifest/errors.ts'
import { parseManifest } from '../../manifest/validate.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'

/** A signed bundle, or a bare manifest.json (reported as unsigned). */
async function load(path: string): Promise<AuditSubject> {
  try {
    if (await isBundleFile(path)) {
      const parsed = await readBundleFile(path)
      const v = inspectBundle(parsed)
      return { manifest: v.manifest, bundle: { ...v, bytes: (await stat(path)).size } }
    }
    let raw: unknown
    try {
      raw = JSON.parse(await readFile(path, 'utf8'))
    } catch (e) {
      throw new ManifestInvalidError('', `${path} is neither a bundle nor a manifest JSON file`, {
        cause: e,
      })
    }
    return { manifest: parseManifest(raw) }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`no such file: ${path}`)
    throw e
  }
}

export const auditCommand: Command = {
  name: ['audit'],
  usage: 'audit FILE [--json] [--against OLD]',
  summary: 'what a bundle reads, what can leave (bits), signer, what changed',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['against'], boolean: ['json'] })
    const file = positional(args, 0, 'bundle FILE')
    if (args.positionals.length > 1) throw new UsageError('audit takes one FILE')
    const subject = await load(file)
    const againstPath = flagValue(args, 'against')
    const old = againstPath === undefined ? undefined : await load(againstPath)
    const report = auditReport(subject, old)
    if (args.flags.get('json') === true) io.out(JSON.stringify(report, null, 2))
    else for (const line of formatAudit(report)) io.out(line)
    return 0
  },
}
