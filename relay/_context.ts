/** What every route and middleware of the relay shares: its dependencies and the Hono env. */

import type { DirectoryPartner } from '../runtime/relay/protocol.ts'
import type { RelayDatabase } from './db/database.ts'
import type { PostBatcher } from './db/post_batch.ts'
import type { OperatorKey } from './operator_key.ts'
import type { RateLimiter } from './middleware/rate_limit.ts'

/** The relay's limits; every one an explicit option with a safe default (`DEFAULT_RELAY_LIMITS`). */
export interface RelayLimits {
  /** Bytes of a JSON request body at most (an envelope of the largest bucket fits). */
  readonly maxBodyBytes: number
  /** Bytes of a published bundle at most. */
  readonly maxBundleBytes: number
  /** A signed call's `created` may differ from the relay's clock by this much, either way. */
  readonly signatureWindowMs: number
  /** Undelivered envelopes expire after this long. */
  readonly retentionMs: number
  /** A pulled envelope returns to the queue if not acknowledged within this long. */
  readonly leaseMs: number
  /** Lifetime of a signed directory; it is reissued when half of it has passed. */
  readonly directoryLifetimeMs: number
  /** Envelopes per inbox pull at most. */
  readonly maxPull: number
  /** Calls per second per key, sustained, and the burst above it. */
  readonly ratePerSecond: number
  readonly rateBurst: number
  /** Cents per acknowledged delivery, and the cap per partner per pseudonym per calendar year. */
  readonly priceCents: number
  readonly yearlyCapCents: number
}

/** One structured log line (JSON); never an IP address, a body or a key. */
export type LogEntry = Readonly<Record<string, string | number | boolean | undefined>>

/** What routes need. */
export interface RelayDeps {
  readonly db: RelayDatabase
  readonly operatorKey: OperatorKey
  readonly clock: () => number
  readonly limits: RelayLimits
  readonly log: (entry: LogEntry) => void
  readonly rateLimiter: RateLimiter
  /** Group commit of envelope posts. */
  readonly posts: PostBatcher
}

/** The authenticated caller of a signed route. */
export type Caller =
  | { readonly kind: 'partner'; readonly partner: DirectoryPartner }
  | { readonly kind: 'pseudonym'; readonly pseudonym: string }

/** Hono's environment for the relay's handlers. */
export interface RelayEnv {
  Variables: {
    body: Uint8Array
    caller: Caller
    /** A nonce `signedBy(…, { deferNonce: true })` left for the route to record in its transaction. */
    nonce: { caller: string; nonce: string; created: number } | undefined
  }
}
