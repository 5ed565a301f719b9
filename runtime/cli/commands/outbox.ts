/**
 * `sealpost outbox VAULT [--export FILE] [--delivered ID] [--all] [--json]`: the sealed envelopes
 * waiting for the relay (`--all`: delivered ones too); `--export FILE` writes the waiting ones for
 * the relay (sealed envelopes only: nothing the relay or a partner could not already see);
 * `--delivered ID` records that the relay delivered one, which meters it (10 cents to the partner).
 *
 * `--json`: `{ "envelopes": [{ "id", "to", "kind", "bundleId", "status", "bucket", "queuedAt",
 * "deliveredAt", "output" }] }` (times ms since epoch, `deliveredAt` null while waiting; `output`
 * is what the partner will read, shown to the person only); with `--export`:
 * `{ "exported": FILE, "count" }`; with `--delivered`: `{ "delivered": ID, "partnerId", "cents" }`.
 * The export file is `{ "format": "sealpost-outbox-v1", "envelopes": [SealedEnvelope] }`.
 */

import type { OutboxEntry, SealedEnvelope } from '../../delivery/index.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { isoDay, PASSPHRASE_FLAGS, withRuntime, writePrivateFile } from './_vault_common.ts'

/** The format tag of an exported outbox, which `sealpost open` reads. */
export const OUTBOX_EXPORT_FORMAT = 'sealpost-outbox-v1'

/** What `outbox --export` writes: the sealed envelopes only, never the device-side metadata. */
export interface OutboxExport {
  readonly format: typeof OUTBOX_EXPORT_FORMAT
  readonly envelopes: readonly SealedEnvelope[]
}

function entryJson(e: OutboxEntry): unknown {
  return {
    id: e.envelope.id,
    to: e.envelope.to,
    kind: e.meta.kind,
    bundleId: e.meta.bundleId,
    status: e.status,
    bucket: e.meta.bucket,
    queuedAt: e.queuedAt,
    deliveredAt: e.deliveredAt ?? null,
    output: e.meta.output,
  }
}

export const outboxCommand: Command = {
  name: ['outbox'],
  usage: 'outbox VAULT [--export FILE] [--delivered ID] [--all] [--json]',
  summary: 'envelopes waiting for the relay; export them; mark one delivered',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['export', 'delivered', ...PASSPHRASE_FLAGS],
      boolean: ['all', 'json'],
    })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('outbox takes one vault')
    const exportTo = flagValue(args, 'export')
    const deliveredId = flagValue(args, 'delivered')
    if (exportTo !== undefined && deliveredId !== undefined) {
      throw new UsageError('--export and --delivered go apart')
    }
    const json = args.flags.has('json')
    return withRuntime(path, args, io, async (rt) => {
      if (deliveredId !== undefined) {
        await rt.delivered(deliveredId)
        const entry = (await rt.log.entries('delivery')).findLast(
          (e) => e.details['envelopeId'] === deliveredId,
        )
        const partnerId = String(entry?.details.partner)
        const cents = Number(entry?.details['cents'] ?? 0)
        if (json) io.out(JSON.stringify({ delivered: deliveredId, partnerId, cents }))
        else io.out(`delivered ${deliveredId} to ${partnerId}: metered, ${cents} cents`)
        return 0
      }
      const all = await rt.outbox()
      const waiting = await rt.outbox({ pending: true })
      if (exportTo !== undefined) {
        const doc: OutboxExport = {
          format: OUTBOX_EXPORT_FORMAT,
          envelopes: waiting.map((e) => e.envelope),
        }
        await writePrivateFile(exportTo, JSON.stringify(doc, null, 1) + '\n')
        if (json) io.out(JSON.stringify({ exported: exportTo, count: waiting.length }))
        else io.out(`exported ${waiting.length} sealed envelope(s) for the relay to ${exportTo}`)
        return 0
      }
      const shown = args.flags.has('all') ? all : waiting
      if (json) {
        io.out(JSON.stringify({ envelopes: shown.map(entryJson) }))
        return 0
      }
      if (shown.length === 0) {
        io.out(args.flags.has('all') ? 'The outbox is empty.' : 'No envelope is waiting.')
        return 0
      }
      for (const e of shown) {
        const when = e.deliveredAt === undefined ? '' : ` on ${isoDay(e.deliveredAt)}`
        io.out(
          `${e.envelope.id}  to ${e.envelope.to}  ${e.meta.kind}  ${e.meta.bundleId}  ` +
            `${e.status}${when}  (queued ${isoDay(e.queuedAt)}, ${e.meta.bucket}-byte bucket)`,
        )
        if (e.meta.kind === 'output') io.out(`    carries ${JSON.stringify(e.meta.output)}`)
      }
      return 0
    })
  },
}
