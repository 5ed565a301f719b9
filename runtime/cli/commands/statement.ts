/**
 * `sealpost statement --relay URL --key ID.key --year Y [--operator KEY] [--json]`: the partner's
 * operator-signed statement (verified when the operator key is given).
 */

import { PartnerRelayClient } from '../../relay/client.ts'
import { flagValue, parseArgs, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { dollars, operatorKeyArg, partnerKeyArg, relayUrl } from './_relay_common.ts'

export const statementCommand: Command = {
  name: ['statement'],
  usage: 'statement --relay URL --key ID.key --year Y [--operator KEY] [--json]',
  summary: 'partner side: what the relay bills for a calendar year, signed',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['relay', 'key', 'year', 'operator'],
      boolean: ['json'],
    })
    if (args.positionals.length > 0) throw new UsageError('statement takes no positional arguments')
    const url = relayUrl(args)
    const rawYear = flagValue(args, 'year')
    const year = Number(rawYear)
    if (rawYear === undefined || !Number.isInteger(year) || year < 2000 || year > 9999)
      throw new UsageError(`--year must be a year such as 2026, got '${rawYear ?? ''}'`)
    using key = await partnerKeyArg(args, io)
    const operatorKey = await operatorKeyArg(args, io)
    const client = new PartnerRelayClient({ url, key, ...(operatorKey ? { operatorKey } : {}) })
    const s = await client.statement(year)
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ ...s, verified: operatorKey !== undefined }))
      return 0
    }
    io.out(
      `${s.partnerId} ${s.year}: ${s.transfers} delivery(ies), ${dollars(s.totalCents)} to ${s.lines.length} pseudonym(s)` +
        (operatorKey ? ' (signature verified)' : ' (not verified: pass --operator KEY)'),
    )
    for (const l of s.lines) {
      io.out(
        `  ${l.pseudonym.slice(0, 16)}…  ${String(l.transfers).padStart(4)}  ${dollars(l.cents)}`,
      )
    }
    return 0
  },
}
