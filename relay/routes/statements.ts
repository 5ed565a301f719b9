/** `GET /v1/statements/:year`: the partner's operator-signed statement for a calendar year. */

import { Hono } from 'hono'
import { signDocument, type PartnerStatement } from '../../runtime/relay/protocol.ts'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { meterLines } from '../db/queries.ts'
import { bodyCap } from '../middleware/body_cap.ts'
import { signedBy } from '../middleware/auth.ts'
import { problem } from '../problem.ts'

/** Statement routes. */
export function statementRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  app.get(
    '/statements/:year',
    bodyCap(deps.limits.maxBodyBytes),
    signedBy(deps, 'partner'),
    async (c) => {
      const caller = c.get('caller')
      if (caller.kind !== 'partner') return problem(c, 'SEALPOST_FORBIDDEN')
      const year = Number(c.req.param('year'))
      if (!Number.isInteger(year) || year < 2000 || year > 9999) {
        return problem(c, 'SEALPOST_INVALID_REQUEST', 'year must be a calendar year like 2026')
      }
      const lines = await meterLines(deps.db, caller.partner.id, year)
      const body: PartnerStatement = {
        format: 'sealpost-statement-v1',
        partnerId: caller.partner.id,
        year,
        issuedAt: deps.clock(),
        lines,
        transfers: lines.reduce((s, l) => s + l.transfers, 0),
        totalCents: lines.reduce((s, l) => s + l.cents, 0),
      }
      return c.json(signDocument(deps.operatorKey, 'statement', body))
    },
  )
  return app
}
