/** `GET /v1/directory`: the operator-signed directory of admitted partners and their keys. */

import { Hono } from 'hono'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { currentDirectory } from '../_documents.ts'

/** Directory routes. */
export function directoryRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  app.get('/directory', async (c) => {
    c.header('content-type', 'application/json')
    c.header('cache-control', 'no-cache')
    return c.body(await currentDirectory(deps))
  })
  return app
}
