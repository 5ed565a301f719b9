/**
 * `sealpost revoke VAULT BUNDLE_ID [--delete] [--json]`: withdraws consent, so every future run of
 * the bundle is refused at once; with `--delete`, a sealed deletion request for what the partner
 * received is queued in the outbox.
 *
 * `--json`: `{ "bundleId", "status": "withdrawn", "deletionRequest": null | envelope id }`.
 */

import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { PASSPHRASE_FLAGS, withRuntime } from './_vault_common.ts'

export const revokeCommand: Command = {
  name: ['revoke'],
  usage: 'revoke VAULT BUNDLE_ID [--delete] [--json]',
  summary: 'withdraw consent; --delete also asks the partner to delete',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: [...PASSPHRASE_FLAGS], boolean: ['delete', 'json'] })
    const path = positional(args, 0, 'VAULT folder')
    const bundleId = positional(args, 1, 'BUNDLE_ID')
    if (args.positionals.length > 2) throw new UsageError('revoke takes a vault and a bundle id')
    const del = args.flags.has('delete')
    const { status, request } = await withRuntime(path, args, io, async (rt) => {
      const before = new Set((await rt.outbox()).map((e) => e.envelope.id))
      await rt.revoke(bundleId, { delete: del })
      const request = (await rt.outbox()).find(
        (e) =>
          !before.has(e.envelope.id) &&
          e.meta.kind === 'deletion-request' &&
          e.meta.bundleId === bundleId,
      )
      return { status: (await rt.consents.current(bundleId))?.status, request }
    })
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ bundleId, status, deletionRequest: request?.envelope.id ?? null }))
      return 0
    }
    io.out(`consent ${status}: ${bundleId} no longer runs`)
    if (request) {
      io.out(
        `  deletion request to ${request.envelope.to}: envelope ${request.envelope.id} is in the outbox`,
      )
    } else if (del) {
      io.out('  nothing to delete: this bundle never sent anything off the device')
    }
    return 0
  },
}
