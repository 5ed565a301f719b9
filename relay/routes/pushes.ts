/**
 * Pushes, partner → person: a partner addresses signed records to a pseudonym that wrote to it,
 * sealed to that pseudonym (runtime/delivery/push_envelope.ts), so the relay stores ciphertext
 * only; the device pulls them, opens them, verifies the partner's signature itself, and
 * acknowledges, which deletes them from the relay.
 */

import { Hono } from 'hono'
import type { SealedPush } from '../../runtime/delivery/push_envelope.ts'
import type { PushItem } from '../../runtime/relay/protocol.ts'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { parseBody, type Validators } from '../_validate.ts'
import { deletePushes, insertPush, pseudonymPartner, pushesFor } from '../db/queries.ts'
import { bodyCap } from '../middleware/body_cap.ts'
import { signedBy } from '../middleware/auth.ts'
import { problem } from '../problem.ts'

/** Pushes waiting per pull at most. */
const MAX_PUSHES_PER_PULL = 100

/** Push routes. */
export function pushRoutes(deps: RelayDeps, validators: Validators): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  const cap = bodyCap(deps.limits.maxBodyBytes)

  app.post('/pushes', cap, signedBy(deps, 'partner'), async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'partner') return problem(c, 'SEALPOST_FORBIDDEN')
    const { id, pseudonym, sealed } = parseBody(c.get('body'), validators.push)
    if (sealed.from !== caller.partner.id) {
      return problem(c, 'SEALPOST_FORBIDDEN', 'a partner pushes only as itself')
    }
    if (sealed.to !== pseudonym || sealed.id !== id) {
      return problem(
        c,
        'SEALPOST_INVALID_REQUEST',
        'the sealed push is for another id or pseudonym',
      )
    }
    // Only a pseudonym that wrote to this partner can receive from it.
    if ((await pseudonymPartner(deps.db, pseudonym)) !== caller.partner.id) {
      return problem(c, 'SEALPOST_NOT_FOUND', 'no such pseudonym of yours')
    }
    await insertPush(deps.db, {
      id,
      partnerId: caller.partner.id,
      pseudonym,
      body: JSON.stringify(sealed),
      postedAt: deps.clock(),
    })
    return c.json({ id }, 201)
  })

  app.get('/pushes', cap, signedBy(deps, 'pseudonym'), async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'pseudonym') return problem(c, 'SEALPOST_FORBIDDEN')
    const rows = await pushesFor(deps.db, caller.pseudonym, MAX_PUSHES_PER_PULL)
    const items: PushItem[] = rows.map((r) => ({
      id: r.id,
      partnerId: r.partnerId,
      sealed: JSON.parse(r.body) as SealedPush,
      postedAt: r.postedAt,
    }))
    return c.json({ items })
  })

  app.post('/pushes/ack', cap, signedBy(deps, 'pseudonym'), async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'pseudonym') return problem(c, 'SEALPOST_FORBIDDEN')
    const { ids } = parseBody(c.get('body'), validators.pushAck)
    return c.json({ deleted: await deletePushes(deps.db, caller.pseudonym, ids) })
  })
  return app
}
