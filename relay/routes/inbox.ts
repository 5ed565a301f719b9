/**
 * The postman's partner side: a partner pulls its inbox (envelopes leased to it, handed to one
 * puller at a time) and acknowledges each one as opened or unopenable. An opened, billable
 * envelope is metered in the same transaction that settles it: 10 cents, within the cap per
 * pseudonym per calendar year. Acknowledging twice bills once; another partner's envelope is
 * invisible.
 */

import { Hono } from 'hono'
import type { SealedEnvelope } from '../../runtime/delivery/envelope.ts'
import type { EnvelopeReceipt, InboxItem, SignedDocument } from '../../runtime/relay/protocol.ts'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { signedReceipt } from '../_documents.ts'
import { parseBody, type Validators } from '../_validate.ts'
import { settleAcks } from '../db/ack_batch.ts'
import { leaseInbox } from '../db/queries.ts'
import { bodyCap } from '../middleware/body_cap.ts'
import { signedBy } from '../middleware/auth.ts'
import { problem } from '../problem.ts'

/** Inbox routes for partners. */
export function inboxRoutes(deps: RelayDeps, validators: Validators): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  const partner = [bodyCap(deps.limits.maxBodyBytes), signedBy(deps, 'partner')] as const

  app.post('/inbox/pull', ...partner, async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'partner') return problem(c, 'SEALPOST_FORBIDDEN')
    const { limit } = parseBody(c.get('body'), validators.pullInbox)
    const now = deps.clock()
    const rows = await deps.db.transaction((tx) =>
      leaseInbox(
        tx,
        caller.partner.id,
        Math.min(limit ?? deps.limits.maxPull, deps.limits.maxPull),
        now,
        deps.limits.leaseMs,
      ),
    )
    const items: InboxItem[] = rows.map((r) => ({
      envelope: JSON.parse(r.body) as SealedEnvelope,
      pseudonym: r.pseudonym,
      postedAt: r.postedAt,
    }))
    return c.json({ items })
  })

  app.post('/inbox/ack', ...partner, async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'partner') return problem(c, 'SEALPOST_FORBIDDEN')
    const { acks } = parseBody(c.get('body'), validators.ack)
    // One transaction for the whole call (relay/db/ack_batch.ts), not one per envelope.
    const { records, unknown } = await deps.db.transaction((tx) =>
      settleAcks(tx, caller.partner.id, acks, deps.clock(), deps.limits),
    )
    const receipts: SignedDocument<EnvelopeReceipt>[] = records.map((r) => signedReceipt(deps, r))
    return c.json({ receipts, unknown })
  })
  return app
}
