/**
 * `sealpost inbox --relay URL --key ID.key [--out DIR] [--operator KEY] [--json]`: the partner
 * pulls its inbox, opens every envelope with its sealing key, writes each payload to
 * DIR/ENVELOPE_ID.json (before acknowledging, so nothing acknowledged is lost), and acknowledges:
 * opened envelopes are billed, ones that do not open are acknowledged as unopenable (never billed).
 *
 * `--json`: `{ "partnerId", "opened": [{ "id", "kind", "bundleId", "pseudonym", "output", "sentAt",
 * "cents" }], "unopenable": [ids], "totalCents" }`.
 */

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { wipe } from '../../crypto/bytes.ts'
import { openEnvelope, type EnvelopePayload } from '../../delivery/index.ts'
import { PartnerRelayClient } from '../../relay/client.ts'
import { flagValue, parseArgs, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { dollars, operatorKeyArg, partnerKeyArg, relayUrl } from './_relay_common.ts'

const PULL = 500

export const inboxCommand: Command = {
  name: ['inbox'],
  usage: 'inbox --relay URL --key ID.key [--out DIR] [--operator KEY] [--json]',
  summary: 'partner side: pull, open and acknowledge the envelopes waiting on the relay',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['relay', 'key', 'out', 'operator'], boolean: ['json'] })
    if (args.positionals.length > 0) throw new UsageError('inbox takes no positional arguments')
    const url = relayUrl(args)
    const out = flagValue(args, 'out')
    using key = await partnerKeyArg(args, io)
    const operatorKey = await operatorKeyArg(args, io)
    const client = new PartnerRelayClient({ url, key, ...(operatorKey ? { operatorKey } : {}) })
    if (out !== undefined) await mkdir(out, { recursive: true })
    const opened: (EnvelopePayload & { id: string; cents: number })[] = []
    const unopenable: string[] = []
    const secret = key.sealingSecret()
    try {
      for (;;) {
        const items = await client.pullInbox(PULL)
        if (items.length === 0) break
        const acks: { id: string; outcome: 'opened' | 'unopenable' }[] = []
        const batch = new Map<string, EnvelopePayload>()
        for (const item of items) {
          try {
            const payload = await openEnvelope(item.envelope, secret)
            if (out !== undefined) {
              await writeFile(join(out, `${item.envelope.id}.json`), JSON.stringify(payload) + '\n')
            }
            batch.set(item.envelope.id, payload)
            acks.push({ id: item.envelope.id, outcome: 'opened' })
          } catch {
            unopenable.push(item.envelope.id)
            acks.push({ id: item.envelope.id, outcome: 'unopenable' })
          }
        }
        const { receipts } = await client.ack(acks)
        for (const r of receipts) {
          const payload = batch.get(r.envelopeId)
          if (payload) opened.push({ id: r.envelopeId, ...payload, cents: r.cents ?? 0 })
        }
        if (items.length < PULL) break
      }
    } finally {
      wipe(secret)
    }
    const totalCents = opened.reduce((s, p) => s + p.cents, 0)
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ partnerId: key.partnerId, opened, unopenable, totalCents }))
      return 0
    }
    io.out(
      `${opened.length} envelope(s) for ${key.partnerId} opened and acknowledged (${dollars(totalCents)})` +
        (unopenable.length > 0 ? `, ${unopenable.length} did not open (not billed)` : '') +
        (operatorKey ? '' : '; receipts not verified: pass --operator KEY'),
    )
    for (const p of opened) {
      io.out(
        `${p.id}  ${p.kind}  ${p.bundleId}  from ${p.pseudonym.slice(0, 16)}…  ${dollars(p.cents)}`,
      )
      io.out(`    ${JSON.stringify(p.output)}`)
    }
    return 0
  },
}
