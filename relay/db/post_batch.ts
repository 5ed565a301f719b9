/**
 * Group commit for envelope posts. Posts that arrive while a commit is running wait for the next
 * one, which takes all of them (up to `maxBatch`) in **one transaction** of a fixed number of
 * statements, whatever the batch size: the partner check, the nonces, the pseudonym bindings, the
 * envelopes and the rows that already existed, each one array-parameter statement (`unnest`). So
 * a post costs one fsync and a few round trips shared with the posts next to it, and still every
 * accepted envelope is committed before its 2xx. Nothing waits on a timer: a lone post commits at
 * once, a busy relay commits in bigger batches.
 *
 * A batch holds at most one post per envelope id and per nonce; a post that collides with one
 * already in the batch waits for the next batch, so it sees the first as committed (a retry gets
 * the stored row). A pseudonym new to the relay is bound to the partner of its first post in the
 * batch; its other posts to other partners are refused. Each
 * statement inserts in key order, so concurrent batches (several relay processes on one
 * PostgreSQL) take row locks in one order. When a batch fails, its posts are retried one by one, so
 * one bad post cannot fail its neighbours.
 */

import type { EnvelopeRecord } from './queries.ts'
import { envelopeOf, ENVELOPE_COLUMNS, type EnvelopeRow } from './queries.ts'
import type { RelayDatabase, SqlExecutor } from './database.ts'

/** One envelope post, checked and signed-for, waiting for its commit. */
export interface PendingPost {
  readonly caller: string
  readonly nonce: string
  readonly created: number
  readonly id: string
  readonly partnerId: string
  readonly pseudonym: string
  readonly bucket: number
  readonly digest: string
  readonly billable: boolean
  readonly body: string
  readonly postedAt: number
  readonly expiresAt: number
}

/** What became of a post. */
export type PostOutcome =
  | { readonly kind: 'stored'; readonly record: EnvelopeRecord; readonly created: boolean }
  | { readonly kind: 'replayed' }
  | { readonly kind: 'unknown-partner' }
  | { readonly kind: 'other-partner' }

interface Waiting {
  readonly post: PendingPost
  resolve(outcome: PostOutcome): void
  reject(error: unknown): void
}

/** Options of `PostBatcher`. */
export interface PostBatcherOptions {
  /** Posts per transaction at most (default 256). */
  readonly maxBatch?: number
  /** Transactions in flight at once (default 1 on PGlite, which runs one at a time, else 2). */
  readonly inFlight?: number
}

/** Batches envelope posts into shared transactions (see the module comment). */
export class PostBatcher {
  readonly #db: RelayDatabase
  readonly #maxBatch: number
  readonly #inFlight: number
  #queue: Waiting[] = []
  #running = 0
  #scheduled = false
  /** Batch sizes committed so far (for the benchmark's report). */
  readonly stats = { batches: 0, posts: 0, largest: 0 }

  constructor(db: RelayDatabase, options: PostBatcherOptions = {}) {
    this.#db = db
    this.#maxBatch = options.maxBatch ?? 256
    this.#inFlight = options.inFlight ?? (db.kind === 'pglite' ? 1 : 2)
  }

  /** Commits `post` (with others) and says what became of it. */
  post(post: PendingPost): Promise<PostOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ post, resolve, reject })
      this.#pump()
    })
  }

  /**
   * Starts batches on the next turn of the event loop, not at once: the requests whose bytes
   * arrived meanwhile join the batch. (PGlite runs in this thread, so while it commits no request
   * is read; without the turn, every batch would hold one post.)
   */
  #pump(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      this.#start()
    })
  }

  #start(): void {
    while (this.#running < this.#inFlight && this.#queue.length > 0) {
      const batch = this.#take()
      this.#running++
      void this.#commit(batch).finally(() => {
        this.#running--
        this.#pump()
      })
    }
  }

  /** The next batch: queue order, skipping posts that collide with one already taken. */
  #take(): Waiting[] {
    const ids = new Set<string>()
    const nonces = new Set<string>()
    const batch: Waiting[] = []
    const rest: Waiting[] = []
    for (const w of this.#queue) {
      const p = w.post
      const nonce = `${p.caller} ${p.nonce}`
      if (batch.length >= this.#maxBatch || ids.has(p.id) || nonces.has(nonce)) {
        rest.push(w)
        continue
      }
      ids.add(p.id)
      nonces.add(nonce)
      batch.push(w)
    }
    this.#queue = rest
    return batch
  }

  async #commit(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.#db.transaction((tx) =>
        commitPosts(
          tx,
          batch.map((w) => w.post),
        ),
      )
      this.stats.batches++
      this.stats.posts += batch.length
      this.stats.largest = Math.max(this.stats.largest, batch.length)
      batch.forEach((w, i) => w.resolve(outcomes[i]!))
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error)
        return
      }
      // One post alone, each: a bad one fails only itself.
      for (const w of batch) {
        try {
          const [outcome] = await this.#db.transaction((tx) => commitPosts(tx, [w.post]))
          w.resolve(outcome!)
        } catch (e) {
          w.reject(e)
        }
      }
    }
  }
}

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0

/**
 * Commits `posts` (no two with the same id or nonce) inside the transaction `tx`, in a
 * fixed number of statements; the outcomes in the posts' order.
 */
export async function commitPosts(
  tx: SqlExecutor,
  posts: readonly PendingPost[],
): Promise<PostOutcome[]> {
  const outcomes = new Map<PendingPost, PostOutcome>()
  // 1. partners that exist (a post to an unknown one records nothing, not even its nonce)
  const partnerIds = [...new Set(posts.map((p) => p.partnerId))]
  const known = new Set(
    (
      await tx.query<{ id: string }>('SELECT id FROM partners WHERE id = ANY($1::text[])', [
        partnerIds,
      ])
    ).map((r) => r.id),
  )
  let live = posts.filter((p) => {
    if (known.has(p.partnerId)) return true
    outcomes.set(p, { kind: 'unknown-partner' })
    return false
  })
  // 2. nonces, once per caller: a replayed post goes no further
  if (live.length > 0) {
    const sorted = [...live].sort(byKey((p) => `${p.caller} ${p.nonce}`))
    const fresh = new Set(
      (
        await tx.query<{ caller: string; nonce: string }>(
          `INSERT INTO nonces (caller, nonce, created)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
           ON CONFLICT (caller, nonce) DO NOTHING RETURNING caller, nonce`,
          [sorted.map((p) => p.caller), sorted.map((p) => p.nonce), sorted.map((p) => p.created)],
        )
      ).map((r) => `${r.caller} ${r.nonce}`),
    )
    live = live.filter((p) => {
      if (fresh.has(`${p.caller} ${p.nonce}`)) return true
      outcomes.set(p, { kind: 'replayed' })
      return false
    })
  }
  // 3. pseudonym bindings: a pseudonym belongs to the first partner it wrote to
  if (live.length > 0) {
    const first = new Map<string, string>()
    for (const p of live) if (!first.has(p.pseudonym)) first.set(p.pseudonym, p.partnerId)
    const pseudonyms = [...first.keys()].sort()
    await tx.query(
      `INSERT INTO pseudonyms (pseudonym, partner_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (pseudonym) DO NOTHING`,
      [pseudonyms, pseudonyms.map((k) => first.get(k)!)],
    )
    const bound = new Map(
      (
        await tx.query<{ pseudonym: string; partner_id: string }>(
          'SELECT pseudonym, partner_id FROM pseudonyms WHERE pseudonym = ANY($1::text[])',
          [pseudonyms],
        )
      ).map((r) => [r.pseudonym, r.partner_id]),
    )
    live = live.filter((p) => {
      if (bound.get(p.pseudonym) === p.partnerId) return true
      outcomes.set(p, { kind: 'other-partner' })
      return false
    })
  }
  // 4. envelopes, idempotent by id; 5. the ones that were already there
  if (live.length > 0) {
    const sorted = [...live].sort(byKey((p) => p.id))
    const inserted = await tx.query<EnvelopeRow>(
      `INSERT INTO envelopes (id, partner_id, pseudonym, bucket, digest, billable, body, state,
         posted_at, expires_at)
       SELECT id, partner_id, pseudonym, bucket, digest, billable, body, 'queued', posted_at,
         expires_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::boolean[],
         $7::text[], $8::bigint[], $9::bigint[])
         AS t(id, partner_id, pseudonym, bucket, digest, billable, body, posted_at, expires_at)
       ON CONFLICT (id) DO NOTHING RETURNING ${ENVELOPE_COLUMNS}`,
      [
        sorted.map((p) => p.id),
        sorted.map((p) => p.partnerId),
        sorted.map((p) => p.pseudonym),
        sorted.map((p) => p.bucket),
        sorted.map((p) => p.digest),
        sorted.map((p) => p.billable),
        sorted.map((p) => p.body),
        sorted.map((p) => p.postedAt),
        sorted.map((p) => p.expiresAt),
      ],
    )
    const created = new Map(inserted.map((r) => [r.id, envelopeOf(r)]))
    const missing = live.filter((p) => !created.has(p.id)).map((p) => p.id)
    const existing = new Map(
      missing.length === 0
        ? []
        : (
            await tx.query<EnvelopeRow>(
              `SELECT ${ENVELOPE_COLUMNS} FROM envelopes WHERE id = ANY($1::text[])`,
              [missing],
            )
          ).map((r) => [r.id, envelopeOf(r)]),
    )
    for (const p of live) {
      const fresh = created.get(p.id)
      outcomes.set(
        p,
        fresh
          ? { kind: 'stored', record: fresh, created: true }
          : { kind: 'stored', record: existing.get(p.id)!, created: false },
      )
    }
  }
  return posts.map((p) => outcomes.get(p)!)
}
