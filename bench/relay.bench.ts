/**
 * The relay's envelope posts per second at concurrency 64 over real HTTP on loopback, against an
 * empty Hono route served by the same process in the same run (rounds interleaved: empty, relay,
 * empty, relay, …). Every accepted envelope is committed before its 2xx (PostgreSQL's default
 * synchronous_commit; PGlite on a data folder). PGlite always; PostgreSQL when its binaries exist.
 * Besides the ratio report, prints posts/s min–median–max over the rounds and the p99 latency.
 */

import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OperatorKey } from '../relay/operator_key.ts'
import { startRelay, type RunningRelay } from '../relay/serve.ts'
import { openPostgres } from '../relay/db/database.ts'
import { admitPartner } from '../relay/db/queries.ts'
import { generatePartnerKey } from '../runtime/bundle/index.ts'
import { toHex, utf8Encode } from '../runtime/crypto/bytes.ts'
import { derivePseudonymKey, sealEnvelope } from '../runtime/delivery/index.ts'
import { signRequest } from '../runtime/relay/protocol.ts'
import { startPostgres } from '../tests/_helpers/postgres.ts'
import { spreadOf, type BenchFile, type BenchSuiteReport } from './_report.ts'

const CONCURRENCY = 64

interface Prepared {
  readonly body: string
  readonly headers: Record<string, string>
}

/** Sealed, signed envelope posts, ready to send (client-side crypto is not what is measured). */
async function prepare(
  n: number,
  partner: ReturnType<typeof generatePartnerKey>,
): Promise<Prepared[]> {
  const people = Array.from({ length: 256 }, (_, i) => {
    const secret = new Uint8Array(32).fill(7)
    secret[0] = i
    return derivePseudonymKey(secret, 'bench')
  })
  const out: Prepared[] = []
  for (let i = 0; i < n; i++) {
    const p = people[i % people.length]!
    const envelope = await sealEnvelope(
      {
        kind: 'output',
        bundleId: 'com.bench.b',
        bundleDigest: 'd'.repeat(64),
        pseudonym: p.pseudonym,
        output: { i },
        sentAt: Date.now(),
        contractDigest: 'c'.repeat(64),
      },
      { partnerId: partner.partnerId, partnerPublicKey: partner.publicKey.sealingPublic },
    )
    const body = JSON.stringify({ envelope, billable: true })
    const headers = {
      'content-type': 'application/json',
      ...signRequest(
        p,
        { kind: 'pseudonym', pseudonym: p.pseudonym },
        'POST',
        '/v1/envelopes',
        utf8Encode(body),
        Date.now(),
      ),
    }
    out.push({ body, headers })
  }
  return out
}

/** Sends `batch` to `url` with 64 in flight; returns elapsed ms and each call's latency. */
async function blast(
  url: string,
  batch: readonly Prepared[],
  expect: number,
): Promise<{ ms: number; latencies: number[] }> {
  let next = 0
  const latencies: number[] = []
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batch.length) {
        const r = batch[next++]!
        const s = performance.now()
        const res = await fetch(url, { method: 'POST', headers: r.headers, body: r.body })
        await res.arrayBuffer()
        if (res.status !== expect) throw new Error(`${url} answered ${res.status}`)
        latencies.push(performance.now() - s)
      }
    }),
  )
  return { ms: performance.now() - t0, latencies }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

async function suite(
  name: string,
  running: RunningRelay,
  partner: ReturnType<typeof generatePartnerKey>,
  quick: boolean,
): Promise<BenchSuiteReport> {
  await admitPartner(running.db, {
    id: partner.partnerId,
    name: 'Bench',
    keyId: partner.keyId,
    signingPublic: toHex(partner.publicKey.signingPublic),
    sealingPublic: toHex(partner.publicKey.sealingPublic),
    admittedAt: Date.now(),
  })
  const empty = new Hono()
  empty.post('/v1/envelopes', async (c) => c.json({ ok: true }, 201))
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: empty.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const emptyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/envelopes`
  const rounds = quick ? 3 : 7
  const perRound = quick ? 512 : 2048
  const batches = await Promise.all(
    Array.from({ length: rounds + 1 }, () => prepare(perRound, partner)),
  )
  // warm-up round (not counted): JIT, connections, first pages
  await blast(emptyUrl, batches[0]!, 201)
  await blast(running.url + '/v1/envelopes', batches[0]!, 201)
  const rates = { empty: [] as number[], relay: [] as number[] }
  const lat = { empty: [] as number[], relay: [] as number[] }
  for (let r = 1; r <= rounds; r++) {
    const e = await blast(emptyUrl, batches[r]!, 201)
    const v = await blast(running.url + '/v1/envelopes', batches[r]!, 201)
    rates.empty.push((perRound / e.ms) * 1000)
    rates.relay.push((perRound / v.ms) * 1000)
    lat.empty.push(...e.latencies)
    lat.relay.push(...v.latencies)
  }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const [count] = await running.db.query<{ n: number }>('SELECT count(*)::int AS n FROM envelopes')
  if (count!.n !== (rounds + 1) * perRound) throw new Error(`stored ${count!.n} envelopes`)
  const med = (xs: number[]): number => pct(xs, 50)
  const f = (xs: number[]): string =>
    `${Math.min(...xs).toFixed(0)}–${med(xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`
  // Per round: the relay's throughput as a fraction of the empty route's in the same round.
  const throughput = rates.relay.map((v, i) => v / rates.empty[i]!)
  const stats = running.relay.postStats
  const notes = [
    `posts/s at concurrency ${CONCURRENCY}, min–median–max of ${rounds} rounds of ${perRound}:`,
    `  empty Hono route ${f(rates.empty)}, p99 ${pct(lat.empty, 99).toFixed(0)} ms`,
    `  relay envelopes  ${f(rates.relay)}, p99 ${pct(lat.relay, 99).toFixed(0)} ms`,
    `  relay / empty per round ${throughput.map((x) => x.toFixed(3)).join(', ')} ` +
      `(median ${med(throughput).toFixed(3)}×; goal ≥ 0.25×, ${med(throughput) >= 0.25 ? 'met' : 'missed'})`,
    `  ${stats.batches} commits for ${stats.posts} posts (group commit, largest ${stats.largest})`,
  ]
  const msEmpty = rates.empty.map((r) => 1000 / r)
  const msRelay = rates.relay.map((r) => 1000 / r)
  const timeRatio = msRelay.map((m, i) => m / msEmpty[i]!)
  const spread = (xs: number[]): number => ((Math.max(...xs) - Math.min(...xs)) / 2 / med(xs)) * 100
  return {
    suite: name,
    reference: 'empty-hono-route',
    notes,
    variants: [
      {
        name: 'empty-hono-route',
        ms: med(msEmpty),
        ratio: 1,
        spread: spreadOf(msEmpty),
        rounds,
        rme: spread(msEmpty),
      },
      {
        name: 'relay-post-envelope',
        ms: med(msRelay),
        ratio: med(timeRatio),
        spread: spreadOf(msRelay),
        ratioSpread: spreadOf(timeRatio),
        rounds,
        rme: spread(msRelay),
      },
    ],
  }
}

export const run: BenchFile = async ({ quick }) => {
  const reports: BenchSuiteReport[] = []
  const partner = generatePartnerKey('bench')
  const dir = await mkdtemp(join(tmpdir(), 'sealpost-bench-relay-'))
  const operatorKey = OperatorKey.generate()
  const limits = { ratePerSecond: 1e9, rateBurst: 1e9 }
  // SEALPOST_BENCH_RELAY_DB=pglite|postgres runs one database only (profiling).
  const only = process.env['SEALPOST_BENCH_RELAY_DB']
  try {
    if (only !== 'postgres') {
      const pglite = await startRelay({ dataDir: join(dir, 'db'), operatorKey, limits })
      try {
        reports.push(await suite('relay/pglite', pglite, partner, quick))
      } finally {
        await pglite.close()
      }
    }
    const pg = only === 'pglite' ? undefined : await startPostgres()
    if (pg) {
      const db = await openPostgres(pg.url, { maxConnections: 32 })
      const server = await startRelay({ db, operatorKey, limits })
      try {
        reports.push(await suite('relay/postgres', server, partner, quick))
      } finally {
        await server.close()
        await db.close()
        await pg.stop()
      }
    } else {
      console.log('relay/postgres skipped: no PostgreSQL binaries on this machine')
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return reports
}
