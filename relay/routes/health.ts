/** `/healthz` (the process answers) and `/readyz` (the database answers and is migrated). */

import { Hono } from 'hono'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { problem } from '../problem.ts'

/** Health routes. */
export function healthRoutes(deps: RelayDeps, state: { draining: boolean }): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    if (state.draining) return problem(c, 'SEALPOST_UNAVAILABLE', 'shutting down')
    try {
      await deps.db.query('SELECT 1 FROM schema_migrations LIMIT 1')
      return c.json({ status: 'ready' })
    } catch {
      return problem(c, 'SEALPOST_UNAVAILABLE', 'the database does not answer')
    }
  })
  return app
}
