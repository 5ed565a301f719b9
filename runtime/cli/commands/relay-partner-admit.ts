/**
 * `sealpost relay partner admit ID.pub --name N (--data DIR | --operator-key FILE) --out FILE`:
 * the operator signs an admission of the partner (sealpost-admission-v1: id, name, keys, issue
 * time, expiry) with the relay's operator key, offline. Anyone then posts it to the relay with
 * `relay partner submit`: a live fleet admits the partner without a database session.
 *
 * `--json` prints `{ "partnerId", "keyId", "name", "issuedAt", "expiresAt", "out" }`.
 */

import { writeFile } from 'node:fs/promises'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readPublicKeyArg } from '../_input.ts'

const DAY = 86_400_000

export const relayPartnerAdmitCommand: Command = {
  name: ['relay', 'partner', 'admit'],
  usage:
    'relay partner admit ID.pub --name NAME (--data DIR | --operator-key FILE) --out FILE [--days N] [--json]',
  summary: 'sign an admission of a partner with the operator key (post it with `submit`)',
  details: [
    'The admission can be submitted for --days days (default 7); the relay refuses it after that,',
    'a second time, or once a later admission of the same partner was applied.',
  ],
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['data', 'operator-key', 'name', 'out', 'days'],
      boolean: ['json'],
    })
    const file = positional(args, 0, 'ID.pub')
    if (args.positionals.length > 1) throw new UsageError('relay partner admit takes one ID.pub')
    const name = flagValue(args, 'name')
    if (!name) throw new UsageError('missing --name NAME')
    const out = flagValue(args, 'out')
    if (!out) throw new UsageError('missing --out FILE')
    const rawDays = flagValue(args, 'days') ?? '7'
    const days = Number(rawDays)
    if (!Number.isInteger(days) || days < 1 || days > 365)
      throw new UsageError(`--days must be a whole number of days from 1 to 365, got '${rawDays}'`)
    const pub = await readPublicKeyArg(file, io)
    const { openOperatorKey } = await import('./_relay_open.ts')
    const { signAdmission } = await import('../../../relay/admission.ts')
    using operator = await openOperatorKey(args, io)
    const doc = signAdmission(operator, pub, {
      name,
      issuedAt: Date.now(),
      lifetimeMs: days * DAY,
    })
    await writeFile(out, JSON.stringify(doc, null, 2) + '\n')
    const a = doc.body
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          partnerId: a.partnerId,
          keyId: a.keyId,
          name: a.name,
          issuedAt: a.issuedAt,
          expiresAt: a.expiresAt,
          out,
        }),
      )
      return 0
    }
    io.out(`admission of ${a.partnerId} (${a.name}), key id ${a.keyId}, written to ${out}`)
    io.out(`  submit it before ${new Date(a.expiresAt).toISOString()}:`)
    io.out(`  sealpost relay partner submit ${out} --relay URL`)
    return 0
  },
}
