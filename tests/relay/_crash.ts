/**
 * The kill -9 reliability run: `sealpost relay serve` as a child process on PGlite or PostgreSQL,
 * devices posting envelopes and a partner pulling and acknowledging them with the real clients
 * (which retry idempotently), the relay SIGKILLed at random moments and restarted. At the end,
 * read straight from the database: every envelope that got a 2xx is there, every acknowledgement
 * that got a 2xx is settled as delivered, and every pseudonym's meter counts each delivery once.
 *
 * Nothing here depends on timing to be right: the kill moments only change how much work each
 * round does; the checks are invariants over whatever happened.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../runtime/cli/main.ts'
import { generatePartnerKey } from '../../runtime/bundle/index.ts'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import {
  derivePseudonymKey,
  sealEnvelope,
  type PseudonymKey,
  type SealedEnvelope,
} from '../../runtime/delivery/index.ts'
import { DeviceRelayClient, PartnerRelayClient } from '../../runtime/relay/index.ts'
import { openPglite, openPostgres, type RelayDatabase } from '../../relay/db/database.ts'
import { migrate } from '../../relay/db/migrate.ts'
import { admitPartner } from '../../relay/db/queries.ts'
import { startPostgres, type TestPostgres } from '../_helpers/postgres.ts'
import { serveRelay } from '../_helpers/relay_serve.ts'

export interface CrashOptions {
  readonly backend: 'pglite' | 'postgres'
  /** How many times the relay is killed with SIGKILL (then restarted). */
  readonly kills: number
  /** New envelopes made available per round. */
  readonly perRound?: number
  /** Concurrent posting devices. */
  readonly devices?: number
  /** The longest a relay lives before its kill, in ms after it listens (uniform from 20). */
  readonly maxLifeMs?: number
  readonly seed?: number
}

export interface CrashFigures {
  readonly backend: string
  readonly kills: number
  /** Envelopes made; envelopes whose post got a 2xx (all of them by the end). */
  readonly envelopes: number
  readonly envelopesAcknowledged: number
  /** Posts and acks that failed because the relay died under them (retried later). */
  readonly failedCalls: number
  /** Acks whose call got a 2xx (a receipt). */
  readonly acksAcknowledged: number
  /** Envelopes with a 2xx that the database lacks. */
  readonly lostEnvelopes: string[]
  /** Acks with a 2xx whose envelope is not settled as delivered. */
  readonly lostAcks: string[]
  /** Pseudonyms whose meter differs from their delivered, billable envelopes. */
  readonly meterMismatches: string[]
  /** Deliveries settled in the database, and transfers metered (equal when nothing is doubled). */
  readonly delivered: number
  readonly metered: number
}

/** A seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Runs the kill -9 reliability run and returns its figures (the caller asserts on them). */
export async function crashRun(o: CrashOptions): Promise<CrashFigures> {
  const rng = random(o.seed ?? 1)
  const perRound = o.perRound ?? 8
  const devices = o.devices ?? 3
  const maxLife = o.maxLifeMs ?? 400
  const dir = await mkdtemp(join(tmpdir(), 'sealpost-crash-'))
  let pg: TestPostgres | undefined
  try {
    const data = join(dir, 'relay')
    const out: string[] = []
    const io = { out: (l: string) => out.push(l), err: () => undefined, env: {} }
    if ((await main(['relay', 'init', '--data', data, '--json'], io)) !== 0)
      throw new Error('relay init failed')
    const operatorKey = fromHex((JSON.parse(out.join('')) as { operatorKey: string }).operatorKey)
    let args: string[]
    let open: () => Promise<RelayDatabase>
    if (o.backend === 'postgres') {
      pg = await startPostgres()
      if (!pg) throw new Error('no PostgreSQL binaries')
      const url = pg.url
      args = ['--database', url, '--operator-key', join(data, 'operator.key')]
      open = () => openPostgres(url)
    } else {
      args = ['--data', data]
      open = () => openPglite(join(data, 'db'))
    }
    const key = generatePartnerKey('stridewear')
    {
      const db = await open()
      await migrate(db)
      await admitPartner(db, {
        id: key.partnerId,
        name: 'StrideWear',
        keyId: key.keyId,
        signingPublic: toHex(key.publicKey.signingPublic),
        sealingPublic: toHex(key.publicKey.sealingPublic),
        admittedAt: Date.now(),
      })
      await db.close()
    }

    const people: PseudonymKey[] = Array.from({ length: 8 }, (_, i) =>
      derivePseudonymKey(new Uint8Array(32).fill(i + 1), 'stridewear'),
    )
    const made: { envelope: SealedEnvelope; who: PseudonymKey }[] = []
    const pending: number[] = [] // indexes into `made` not yet acknowledged by the relay
    const posted = new Set<string>()
    const toAck = new Set<string>()
    const acked = new Set<string>()
    let failedCalls = 0
    const makeMore = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        const who = people[made.length % people.length]!
        const envelope = await sealEnvelope(
          {
            kind: 'output',
            bundleId: 'com.stridewear.shoe-size',
            bundleDigest: 'd',
            pseudonym: who.pseudonym,
            output: { n: made.length },
            sentAt: 0,
            contractDigest: 'c',
          },
          { partnerId: 'stridewear', partnerPublicKey: key.publicKey.sealingPublic },
        )
        pending.push(made.length)
        made.push({ envelope, who })
      }
    }

    /** One relay lifetime: work until it dies (or, when `kill` is false, until all is done). */
    const round = async (kill: boolean): Promise<void> => {
      const { url, child, exit } = await serveRelay(args)
      let alive = true
      void exit.then(() => (alive = false))
      const client = { url, operatorKey, retries: 2, backoffMs: 10 }
      const device = new DeviceRelayClient(client)
      const partner = new PartnerRelayClient({ ...client, key })
      const timer = kill
        ? setTimeout(() => child.kill('SIGKILL'), 20 + rng() * (maxLife - 20))
        : undefined
      const post = async (): Promise<void> => {
        while (alive) {
          const i = pending.shift()
          if (i === undefined) return
          const { envelope, who } = made[i]!
          try {
            await device.postEnvelope(who, envelope, true)
            posted.add(envelope.id)
          } catch {
            failedCalls++
            pending.push(i)
          }
        }
      }
      const pull = async (): Promise<void> => {
        let idle = 0
        while (alive) {
          try {
            for (const item of await partner.pullInbox(20)) toAck.add(item.envelope.id)
            if (toAck.size > 0) {
              const { receipts } = await partner.ack(
                [...toAck].map((id) => ({ id, outcome: 'opened' as const })),
              )
              for (const r of receipts) {
                if (r.state === 'delivered') acked.add(r.envelopeId)
                toAck.delete(r.envelopeId)
              }
              idle = 0
            } else if (!kill && pending.length === 0 && ++idle > 1) return
          } catch {
            failedCalls++
          }
        }
      }
      await Promise.all([...Array.from({ length: devices }, post), pull()])
      if (timer) await exit
      else {
        child.kill('SIGTERM')
        await exit
      }
      if (timer) clearTimeout(timer)
    }

    for (let k = 0; k < o.kills; k++) {
      await makeMore(perRound)
      await round(true)
    }
    // A last, quiet lifetime: everything still unposted is posted, everything pulled is acked.
    await round(false)

    const db = await open()
    try {
      const rows = await db.query<{
        id: string
        pseudonym: string
        state: string
        billable: boolean
      }>('SELECT id, pseudonym, state, billable FROM envelopes')
      const byId = new Map(rows.map((r) => [r.id, r]))
      const lostEnvelopes = [...posted].filter((id) => !byId.has(id))
      const lostAcks = [...acked].filter((id) => byId.get(id)?.state !== 'delivered')
      const meter = await db.query<{ pseudonym: string; transfers: number }>(
        "SELECT pseudonym, transfers FROM meter WHERE partner_id = 'stridewear'",
      )
      const meterMismatches: string[] = []
      let metered = 0
      let delivered = 0
      for (const p of people) {
        const m = Number(meter.find((l) => l.pseudonym === p.pseudonym)?.transfers ?? 0)
        const d = rows.filter(
          (r) => r.pseudonym === p.pseudonym && r.state === 'delivered' && r.billable,
        ).length
        metered += m
        delivered += d
        if (m !== d) meterMismatches.push(`${p.pseudonym}: metered ${m}, delivered ${d}`)
      }
      return {
        backend: o.backend,
        kills: o.kills,
        envelopes: made.length,
        envelopesAcknowledged: posted.size,
        failedCalls,
        acksAcknowledged: acked.size,
        lostEnvelopes,
        lostAcks,
        meterMismatches,
        delivered,
        metered,
      }
    } finally {
      await db.close()
    }
  } finally {
    await pg?.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
