/**
 * The relay (docs/contracts.md "Delivery and billing"): registry, postman and meter as one small Hono app
 * over PostgreSQL. The same app object is served by Node (`serve.ts`) and called in-process by
 * tests (`app.request(...)`). It holds no state of its own beyond a rate limiter: any number of
 * relay processes can serve one database.
 *
 * @example
 * const db = await openPglite('./relay-data/db')
 * await migrate(db)
 * const relay = createRelayApp({ db, operatorKey })
 * await relay.app.request('/v1/directory')
 */

import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { maxBundleBytes } from '../runtime/bundle/format.ts'
import { HEADER } from '../runtime/relay/protocol.ts'
import type { LogEntry, RelayDeps, RelayEnv, RelayLimits } from './_context.ts'
import { compileValidators } from './_validate.ts'
import type { RelayDatabase } from './db/database.ts'
import { PostBatcher } from './db/post_batch.ts'
import { expireEnvelopes, purgeNonces } from './db/queries.ts'
import { RateLimiter } from './middleware/rate_limit.ts'
import { openApiDocument } from './openapi.ts'
import type { OperatorKey } from './operator_key.ts'
import { problem, RelayProblem } from './problem.ts'
import { bundleRoutes } from './routes/bundles.ts'
import { directoryRoutes } from './routes/directory.ts'
import { envelopeRoutes } from './routes/envelopes.ts'
import { healthRoutes } from './routes/health.ts'
import { inboxRoutes } from './routes/inbox.ts'
import { partnerRoutes } from './routes/partners.ts'
import { pushRoutes } from './routes/pushes.ts'
import { statementRoutes } from './routes/statements.ts'

const DAY = 86_400_000

/** The design's defaults. */
export const DEFAULT_RELAY_LIMITS: RelayLimits = Object.freeze({
  // The largest envelope bucket (64 KiB) as base64 plus its JSON wrapping.
  maxBodyBytes: 128 * 1024,
  maxBundleBytes: maxBundleBytes(),
  signatureWindowMs: 5 * 60_000,
  retentionMs: 30 * DAY,
  leaseMs: 60_000,
  directoryLifetimeMs: 7 * DAY,
  maxPull: 500,
  ratePerSecond: 200,
  rateBurst: 400,
  priceCents: 10,
  yearlyCapCents: 300,
})

/** Options of `createRelayApp`. */
export interface RelayOptions {
  /** An open, migrated database (`openPglite` / `openPostgres`, then `migrate`). */
  readonly db: RelayDatabase
  readonly operatorKey: OperatorKey
  readonly clock?: () => number
  readonly limits?: Partial<RelayLimits>
  /** Structured log sink, one JSON object per line (default: none). */
  readonly log?: (entry: LogEntry) => void
  /**
   * Web origins allowed to call the relay from a page (CORS), e.g. the person's web app
   * `https://app.example`; default none. Exact origins only, no wildcard: a browser elsewhere
   * still cannot read the relay's answers.
   */
  readonly allowedOrigins?: readonly string[]
}

/** The relay: its Hono app and its housekeeping. */
export interface Relay {
  readonly app: Hono<RelayEnv>
  /** Expires undelivered envelopes past retention and forgets old nonces. */
  sweep(): Promise<{ expired: number }>
  /** Readiness turns 503 (graceful shutdown: the balancer stops sending calls). */
  drain(): void
  /** Envelope posts committed so far: transactions, posts, the largest batch. */
  readonly postStats: PostBatcher['stats']
}

/** Builds the relay app over `options.db`. */
export function createRelayApp(options: RelayOptions): Relay {
  const limits: RelayLimits = { ...DEFAULT_RELAY_LIMITS, ...options.limits }
  const deps: RelayDeps = {
    db: options.db,
    operatorKey: options.operatorKey,
    clock: options.clock ?? Date.now,
    limits,
    log: options.log ?? (() => undefined),
    rateLimiter: new RateLimiter(limits.ratePerSecond, limits.rateBurst),
    posts: new PostBatcher(options.db),
  }
  const validators = compileValidators()
  const state = { draining: false }
  const app = new Hono<RelayEnv>()

  app.use('*', async (c, next) => {
    const started = performance.now()
    await next()
    const caller = c.get('caller')
    // No IP address, no body, no pseudonym: the route, the outcome and the partner when known.
    deps.log({
      time: new Date(deps.clock()).toISOString(),
      level: c.res.status >= 500 ? 'error' : 'info',
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      caller: caller?.kind,
      partner: caller?.kind === 'partner' ? caller.partner.id : undefined,
    })
  })

  const origins = new Set(options.allowedOrigins ?? [])
  if (origins.size > 0) {
    app.use(
      '*',
      cors({
        origin: (origin) => (origins.has(origin) ? origin : null),
        allowMethods: ['GET', 'POST', 'DELETE'],
        allowHeaders: ['content-type', ...Object.values(HEADER)],
        maxAge: 600,
      }),
    )
  }

  app.route('/', healthRoutes(deps, state))
  app.get('/openapi.json', (c) => c.json(openApiDocument()))
  app.route('/v1', directoryRoutes(deps))
  app.route('/v1', partnerRoutes(deps, validators))
  app.route('/v1', bundleRoutes(deps))
  app.route('/v1', envelopeRoutes(deps, validators))
  app.route('/v1', inboxRoutes(deps, validators))
  app.route('/v1', pushRoutes(deps, validators))
  app.route('/v1', statementRoutes(deps))

  app.notFound((c) => problem(c, 'SEALPOST_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`))
  app.onError((e, c) => {
    if (e instanceof RelayProblem) return problem(c, e.code, e.message)
    deps.log({
      time: new Date(deps.clock()).toISOString(),
      level: 'error',
      msg: 'unhandled',
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    })
    return problem(c, 'SEALPOST_INTERNAL')
  })

  return {
    app,
    async sweep() {
      const now = deps.clock()
      await purgeNonces(deps.db, now - 2 * limits.signatureWindowMs)
      return { expired: await expireEnvelopes(deps.db, now) }
    },
    drain() {
      state.draining = true
    },
    postStats: deps.posts.stats,
  }
}
