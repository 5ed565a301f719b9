/**
 * A partner pulling 100k envelopes from its inbox over real HTTP on loopback: pages of 500 leased
 * with `FOR UPDATE SKIP LOCKED`, each page acknowledged as opened (metered: 10 cents under the cap
 * per pseudonym, 1,000 pseudonyms) before the next pull. The reference is reading the same page
 * straight from the database (`SELECT … LIMIT 500`), measured on the same rows in the same run,
 * so the ratio is the relay's cost per page over the rows themselves. The envelopes are inserted
 * with SQL (`generate_series`), not posted: posting is `relay.bench.ts`. The partner client checks
 * no operator signature here (500 receipts per page would measure its JavaScript Ed25519).
 * PGlite always; PostgreSQL when its binaries exist. `--quick`: 10k envelopes.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OperatorKey } from '../relay/operator_key.ts'
import { startRelay, type RunningRelay } from '../relay/serve.ts'
import { openPostgres } from '../relay/db/database.ts'
import { admitPartner } from '../relay/db/queries.ts'
import { generatePartnerKey } from '../runtime/bundle/index.ts'
import { toHex } from '../runtime/crypto/bytes.ts'
import { PartnerRelayClient } from '../runtime/relay/index.ts'
import { startPostgres } from '../tests/_helpers/postgres.ts'
import { spreadOf, type BenchFile, type BenchSuiteReport } from './_report.ts'

const PAGE = 500
const PEOPLE = 1000

async function fill(running: RunningRelay, partnerId: string, n: number, now: number) {
  // ~1 KiB of base64 per envelope, as a 512-byte-bucket envelope is on the wire.
  const ciphertext = 'A'.repeat(700)
  await running.db.query(
    `INSERT INTO pseudonyms (pseudonym, partner_id)
     SELECT lpad(to_hex(p), 64, '0'), $1 FROM generate_series(1, $2) AS p
     ON CONFLICT DO NOTHING`,
    [partnerId, PEOPLE],
  )
  await running.db.query(
    `INSERT INTO envelopes (id, partner_id, pseudonym, bucket, digest, billable, body, state,
       posted_at, expires_at)
     SELECT md5(i::text || $5)::uuid::text, $1, lpad(to_hex(1 + i % $3), 64, '0'), 512,
       md5(i::text), true,
       '{"version":"sealpost-envelope-v1","id":"' || md5(i::text || $5)::uuid::text || '","to":"'
         || $1 || '","enc":"' || repeat('B', 44) || '","ciphertext":"' || $4 || '"}',
       'queued', $6::bigint + i, $6::bigint + 86400000
     FROM generate_series(1, $2) AS i`,
    [partnerId, n, PEOPLE, ciphertext, String(now), now],
  )
}

async function suite(
  name: string,
  running: RunningRelay,
  quick: boolean,
): Promise<BenchSuiteReport> {
  const partner = generatePartnerKey(`bench-pull-${name.split('/')[1]}`)
  const now = Date.now()
  await admitPartner(running.db, {
    id: partner.partnerId,
    name: 'Bench',
    keyId: partner.keyId,
    signingPublic: toHex(partner.publicKey.signingPublic),
    sealingPublic: toHex(partner.publicKey.sealingPublic),
    admittedAt: now,
  })
  const total = quick ? 10_000 : 100_000
  const t0 = performance.now()
  await fill(running, partner.partnerId, total, now)
  const fillMs = performance.now() - t0
  const client = new PartnerRelayClient({ url: running.url, key: partner, retries: 2 })
  const pages = total / PAGE
  const refMs: number[] = []
  const relayMs: number[] = []
  const pullMs: number[] = []
  let pulled = 0
  let cents = 0
  const start = performance.now()
  for (let p = 0; p < pages; p++) {
    // reference: the same page read directly (the rows the relay is about to lease)
    const r0 = performance.now()
    await running.db.query(
      `SELECT id, pseudonym, body, posted_at FROM envelopes
       WHERE partner_id = $1 AND state = 'queued' ORDER BY posted_at, id LIMIT $2`,
      [partner.partnerId, PAGE],
    )
    refMs.push(performance.now() - r0)
    const s = performance.now()
    const items = await client.pullInbox(PAGE)
    pullMs.push(performance.now() - s)
    const { receipts } = await client.ack(
      items.map((i) => ({ id: i.envelope.id, outcome: 'opened' as const })),
    )
    relayMs.push(performance.now() - s)
    pulled += items.length
    for (const r of receipts) cents += r.cents ?? 0
  }
  const wallMs = performance.now() - start
  if (pulled !== total) throw new Error(`pulled ${pulled} of ${total}`)
  const perPerson = total / PEOPLE
  const expected = PEOPLE * Math.min(300, perPerson * 10)
  if (cents !== expected) throw new Error(`billed ${cents} cents, expected ${expected}`)
  const ratios = relayMs.map((m, i) => m / refMs[i]!)
  const spread = spreadOf(relayMs)
  const med = (xs: number[]): number => spreadOf(xs).median
  const rme = (xs: number[]): number => ((Math.max(...xs) - Math.min(...xs)) / 2 / med(xs)) * 100
  return {
    suite: name,
    reference: 'db-select-page',
    notes: [
      `${total.toLocaleString('en')} envelopes, ${pages} pages of ${PAGE}, pull + ack each: ` +
        `${(wallMs / 1000).toFixed(1)} s, ${Math.round((total / wallMs) * 1000)} envelopes/s`,
      `per page ms (min–median–max): pull ${fmt(pullMs)}, pull + ack ${fmt(relayMs)}, ` +
        `direct select ${fmt(refMs)}`,
      `billed ${(cents / 100).toFixed(2)} $ across ${PEOPLE} pseudonyms (cap $3 each); ` +
        `inserted by SQL in ${(fillMs / 1000).toFixed(1)} s`,
    ],
    variants: [
      {
        name: 'db-select-page',
        ms: med(refMs),
        ratio: 1,
        spread: spreadOf(refMs),
        rounds: pages,
        rme: rme(refMs),
      },
      {
        name: 'relay-pull-ack-page',
        ms: spread.median,
        ratio: med(ratios),
        spread,
        ratioSpread: spreadOf(ratios),
        rounds: pages,
        rme: rme(relayMs),
      },
    ],
  }
}

function fmt(xs: number[]): string {
  const s = spreadOf(xs)
  return `${s.min.toFixed(0)}–${s.median.toFixed(0)}–${s.max.toFixed(0)}`
}

export const run: BenchFile = async ({ quick }) => {
  const reports: BenchSuiteReport[] = []
  const dir = await mkdtemp(join(tmpdir(), 'sealpost-bench-relay-pull-'))
  const operatorKey = OperatorKey.generate()
  const limits = { ratePerSecond: 1e9, rateBurst: 1e9, maxPull: PAGE }
  const only = process.env['SEALPOST_BENCH_RELAY_DB']
  try {
    if (only !== 'postgres') {
      const pglite = await startRelay({ dataDir: join(dir, 'db'), operatorKey, limits })
      try {
        reports.push(await suite('relay-pull/pglite', pglite, quick))
      } finally {
        await pglite.close()
      }
    }
    const pg = only === 'pglite' ? undefined : await startPostgres()
    if (pg) {
      const db = await openPostgres(pg.url, { maxConnections: 16 })
      const server = await startRelay({ db, operatorKey, limits })
      try {
        reports.push(await suite('relay-pull/postgres', server, quick))
      } finally {
        await server.close()
        await db.close()
        await pg.stop()
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return reports
}
