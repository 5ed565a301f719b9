/**
 * The queue's hot queries read queued rows only, whatever the number of settled ones: on PGlite
 * and PostgreSQL, with 20,000 settled envelopes and 40 queued, the planner reads an inbox pull
 * through a partial index over queued rows (no scan of settled rows), and the sweep through
 * `envelopes_queued_expiry`. The pull then leases exactly the queued rows.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RelayDatabase } from '../../relay/db/database.ts'
import { EXPIRE_SQL, LEASE_INBOX_SQL, leaseInbox } from '../../relay/db/queries.ts'
import { BACKENDS, backendAvailable, openBackend, resetDatabase } from './_relay.ts'

const T0 = Date.UTC(2026, 5, 1, 12)
const SETTLED = 20_000
const QUEUED = 40

interface PlanNode {
  'Node Type': string
  'Index Name'?: string
  Plans?: PlanNode[]
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)]
}

async function explain(db: RelayDatabase, sql: string, params: unknown[]): Promise<PlanNode[]> {
  const rows = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)
  const raw = rows[0]!['QUERY PLAN']
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[]
  return nodes(doc[0]!.Plan)
}

describe.each(BACKENDS)('the queue indexes on %s', (backend) => {
  const available = backendAvailable(backend)
  const it_ = available ? it : it.skip
  let db: RelayDatabase
  let stop: () => Promise<void>
  beforeAll(async () => {
    if (!available) return
    ;({ db, stop } = await openBackend(backend))
    await resetDatabase(db)
    // Two partners' worth of history: mostly settled, a few queued (as a relay in service).
    await db.query(
      `INSERT INTO envelopes (id, partner_id, pseudonym, bucket, digest, billable, body, state,
         posted_at, expires_at, settled_at, cents)
       SELECT 's-' || i, CASE WHEN i % 2 = 0 THEN 'stridewear' ELSE 'brewline' END,
         lpad(to_hex(i % 500), 64, '0'), 512, md5(i::text), true, NULL,
         (ARRAY['delivered', 'unopenable', 'withdrawn', 'expired'])[1 + i % 4],
         $1::bigint + i, $1::bigint + 86400000, $1::bigint + i + 1, 0
       FROM generate_series(1, $2) AS i`,
      [T0 - 10 * 86_400_000, SETTLED],
    )
    await db.query(
      `INSERT INTO envelopes (id, partner_id, pseudonym, bucket, digest, billable, body, state,
         posted_at, expires_at)
       SELECT 'q-' || lpad(i::text, 3, '0'), CASE WHEN i % 2 = 0 THEN 'stridewear' ELSE 'brewline' END,
         lpad(to_hex(i), 64, '0'), 512, md5(i::text), true, '{}', 'queued',
         $1::bigint + i, $1::bigint + 30 * 86400000::bigint
       FROM generate_series(1, $2) AS i`,
      [T0, QUEUED],
    )
    await db.query('ANALYZE envelopes')
  }, 120_000)
  afterAll(async () => {
    if (available) await stop()
  })

  it_('reads an inbox pull through a queued-only index, never the settled rows', async () => {
    const plan = await explain(db, LEASE_INBOX_SQL, ['stridewear', T0 + 60_000, 500])
    const indexes = plan.map((n) => n['Index Name']).filter((name) => name !== undefined)
    // Either partial index will do (with a queue this short the planner sorts 40 rows read by
    // expiry); what must not happen is reading the 20,000 settled rows.
    expect(indexes.length).toBeGreaterThan(0)
    for (const name of indexes)
      expect(['envelopes_queued', 'envelopes_queued_expiry']).toContain(name)
    expect(plan.map((n) => n['Node Type'])).not.toContain('Seq Scan')
    const leased = await db.transaction((tx) =>
      leaseInbox(tx, 'stridewear', 500, T0 + 60_000, 60_000),
    )
    expect(leased.map((r) => r.id)).toEqual(
      Array.from({ length: QUEUED / 2 }, (_, i) => `q-${String(2 * i + 2).padStart(3, '0')}`),
    )
  })

  it_('finds envelopes past retention through envelopes_queued_expiry', async () => {
    const plan = await explain(db, EXPIRE_SQL.replace(' RETURNING id', ''), [T0])
    expect(plan.some((n) => n['Index Name'] === 'envelopes_queued_expiry')).toBe(true)
    expect(plan.map((n) => n['Node Type'])).not.toContain('Seq Scan')
  })
})
