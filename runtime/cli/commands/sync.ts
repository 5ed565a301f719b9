/**
 * `sealpost sync VAULT --relay URL [--operator KEY] [--json]`: the device's sync with the relay
 * (runtime/host/sync.ts). The operator key (64 hex digits or operator.pub; or
 * SEALPOST_OPERATOR_KEY) is pinned: the directory must be signed by it.
 *
 * `--json`: the SyncReport (`directoryVersion`, `posted`, `delivered`, `deletionAcks`,
 * `returned`, `withdrawn`, `failed`, `pushesApplied`, `pushesRefused`, `offers`,
 * `withdrawnBundles`).
 */

import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { operatorKeyArg, relayUrl } from './_relay_common.ts'
import { PASSPHRASE_FLAGS, withRuntime } from './_vault_common.ts'

export const syncCommand: Command = {
  name: ['sync'],
  usage: 'sync VAULT --relay URL [--operator KEY] [--json]',
  summary: 'device side: deliver the outbox, collect receipts and pushes from the relay',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['relay', 'operator', ...PASSPHRASE_FLAGS],
      boolean: ['json'],
    })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('sync takes one vault')
    const url = relayUrl(args)
    const operatorKey = await operatorKeyArg(args, io)
    if (!operatorKey)
      throw new UsageError('missing --operator KEY (or SEALPOST_OPERATOR_KEY): the device pins it')
    const report = await withRuntime(path, args, io, (rt) => rt.sync({ url, operatorKey }))
    if (args.flags.has('json')) {
      io.out(JSON.stringify(report))
      return 0
    }
    io.out(
      `synced with ${url} (directory v${report.directoryVersion}): ${report.posted} posted, ` +
        `${report.delivered} delivered, ${report.deletionAcks} deletion ack(s), ` +
        `${report.withdrawn} withdrawn, ${report.returned} returned, ${report.pushesApplied} push(es) applied` +
        (report.failed > 0 ? `, ${report.failed} failed (retried next sync)` : ''),
    )
    const live = report.offers.filter((o) => o.withdrawnAt === undefined)
    io.out(`${live.length} offer(s) on the relay`)
    for (const id of report.withdrawnBundles) io.out(`  ${id}: its partner withdrew this version`)
    return 0
  },
}
