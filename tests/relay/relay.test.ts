/**
 * The relay, rule by rule, against PGlite and a real PostgreSQL: registry, postman and meter
 * through the fetch client (in-process `app.request`), partner and pseudonym isolation, and
 * hostile calls answered with typed problems.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { OperatorKey } from '../../relay/operator_key.ts'
import { OPERATIONS } from '../../relay/openapi.ts'
import type { Relay } from '../../relay/app.ts'
import type { RelayDatabase } from '../../relay/db/database.ts'
import { generatePartnerKey, type PartnerKey } from '../../runtime/bundle/index.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import { utf8Encode } from '../../runtime/crypto/bytes.ts'
import {
  derivePseudonymKey,
  openEnvelope,
  openPush,
  sealEnvelope,
  sealPush,
  type PseudonymKey,
  type SealedEnvelope,
} from '../../runtime/delivery/index.ts'
import { signPush } from '../../runtime/host/push.ts'
import {
  DeviceRelayClient,
  PartnerRelayClient,
  RelayError,
  RelayTrustError,
} from '../../runtime/relay/index.ts'
import { signDocument, signRequest } from '../../runtime/relay/protocol.ts'
import {
  admit,
  BACKENDS,
  backendAvailable,
  openBackend,
  relayOver,
  resetDatabase,
} from './_relay.ts'

const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))
const URL_ = 'http://relay.test'
const T0 = Date.UTC(2026, 5, 1, 12)

let stride: PartnerKey
let brew: PartnerKey
let shoeSize: Uint8Array
let coffee: Uint8Array

beforeAll(async () => {
  stride = generatePartnerKey('stridewear')
  brew = generatePartnerKey('brewline')
  shoeSize = await signModuleFolder(join(algorithms, 'shoe-size'), stride)
  coffee = await signModuleFolder(join(algorithms, 'coffee-trigger'), brew)
})

function envelopeFor(
  partner: PartnerKey,
  pseudonym: string,
  output: unknown,
): Promise<SealedEnvelope> {
  return sealEnvelope(
    {
      kind: 'output',
      bundleId: 'com.test.bundle',
      bundleDigest: 'd'.repeat(64),
      pseudonym,
      output,
      sentAt: T0,
      contractDigest: 'c'.repeat(64),
    },
    { partnerId: partner.partnerId, partnerPublicKey: partner.publicKey.sealingPublic },
  )
}

describe.each(BACKENDS)('the relay on %s', (backend) => {
  const available = backendAvailable(backend)
  let db: RelayDatabase
  let stop: () => Promise<void>
  let connect: () => Promise<RelayDatabase>
  const operator = OperatorKey.generate()
  const clock = { now: T0 }
  let relay: Relay
  let fetch: typeof globalThis.fetch
  let device: DeviceRelayClient
  let strideClient: PartnerRelayClient
  let brewClient: PartnerRelayClient
  let alice: PseudonymKey // a person's pseudonym for stridewear
  let aliceBrew: PseudonymKey // the same person for brewline
  let bob: PseudonymKey

  beforeAll(async () => {
    if (!available) return
    const b = await openBackend(backend)
    db = b.db
    stop = b.stop
    connect = b.connect
  }, 120_000)
  afterAll(async () => {
    if (available) await stop()
  })

  beforeEach(async () => {
    if (!available) return
    await resetDatabase(db)
    clock.now = T0
    ;({ relay, fetch } = relayOver(db, operator, clock))
    await admit(db, stride, 'StrideWear', T0)
    await admit(db, brew, 'Brewline', T0)
    const common = { url: URL_, fetch, clock: () => clock.now, retries: 0 }
    device = new DeviceRelayClient({ ...common, operatorKey: operator.publicKey })
    strideClient = new PartnerRelayClient({
      ...common,
      key: stride,
      operatorKey: operator.publicKey,
    })
    brewClient = new PartnerRelayClient({ ...common, key: brew, operatorKey: operator.publicKey })
    const secret = new Uint8Array(32).fill(7)
    alice = derivePseudonymKey(secret, 'stridewear')
    aliceBrew = derivePseudonymKey(secret, 'brewline')
    bob = derivePseudonymKey(new Uint8Array(32).fill(9), 'stridewear')
  })

  const it_ = available ? it : it.skip

  describe('registry', () => {
    it_('serves a directory of admitted partners signed by the operator', async () => {
      const d = await device.directory()
      expect(d.partners.map((p) => p.id)).toEqual(['brewline', 'stridewear'])
      expect(d.version).toBe(1)
      expect(d.expiresAt).toBeGreaterThan(T0)
      // the same directory is served until something changes
      expect((await device.directory()).version).toBe(1)
    })

    it_('refuses a directory signed by another key, an older one, and an expired one', async () => {
      const stranger = new DeviceRelayClient({
        url: URL_,
        fetch,
        retries: 0,
        clock: () => clock.now,
        operatorKey: OperatorKey.generate().publicKey,
      })
      await expect(stranger.directory()).rejects.toMatchObject({
        code: 'SEALPOST_RELAY_BAD_SIGNATURE',
      })
      await device.directory()
      await admit(db, generatePartnerKey('newshop'), 'New Shop', T0)
      expect((await device.directory()).version).toBe(2)
      // a relay that serves version 1 again is rolling the device back
      await db.query('DELETE FROM directory_versions WHERE version = 2')
      await db.query("DELETE FROM partners WHERE id = 'newshop'")
      await expect(device.directory()).rejects.toMatchObject({
        code: 'SEALPOST_DIRECTORY_ROLLBACK',
      })
      // a frozen relay: the latest directory expired and nobody reissued it
      const frozen = new DeviceRelayClient({
        url: URL_,
        retries: 0,
        operatorKey: operator.publicKey,
        clock: () => T0 + 30 * 86_400_000,
        fetch,
      })
      await expect(frozen.directory()).rejects.toMatchObject({ code: 'SEALPOST_DIRECTORY_EXPIRED' })
    })

    it_('refuses two different directories under one version (mix-and-match)', async () => {
      const d = await device.directory()
      // an operator-signed directory with the same version and other contents
      const forged = signDocument(operator, 'directory', { ...d, partners: d.partners.slice(0, 1) })
      const serving = (async () =>
        new Response(JSON.stringify(forged), { status: 200 })) as typeof globalThis.fetch
      const pinned = new DeviceRelayClient({
        url: URL_,
        fetch: serving,
        retries: 0,
        clock: () => clock.now,
        operatorKey: operator.publicKey,
        pin: device.pin!,
      })
      await expect(pinned.directory()).rejects.toMatchObject({
        code: 'SEALPOST_DIRECTORY_MISMATCH',
      })
    })

    it_('lets a partner publish and withdraw, and a device download verified bundles', async () => {
      const offer = await strideClient.publish(shoeSize)
      expect(offer).toMatchObject({ partnerId: 'stridewear', bundleId: 'com.stridewear.shoe-size' })
      expect(await strideClient.publish(shoeSize)).toEqual(offer) // idempotent
      const offers = await device.offers()
      expect(offers.map((o) => o.digest)).toEqual([offer.digest])
      const bytes = await device.downloadBundle(offers[0]!)
      expect(bytes).toEqual(shoeSize)
      // brewline cannot withdraw stridewear's bundle, nor publish one signed by stridewear
      await expect(brewClient.withdraw(offer.digest)).rejects.toMatchObject({
        code: 'SEALPOST_NOT_FOUND',
      })
      await expect(brewClient.publish(shoeSize)).rejects.toMatchObject({
        code: 'SEALPOST_BAD_BUNDLE',
      })
      await brewClient.publish(coffee)
      const withdrawn = await strideClient.withdraw(offer.digest)
      expect(withdrawn.withdrawnAt).toBe(T0)
      const after = await device.offers()
      expect(after.find((o) => o.digest === offer.digest)?.withdrawnAt).toBe(T0)
      await expect(device.downloadBundle(offer)).rejects.toMatchObject({ code: 'SEALPOST_GONE' })
    })

    it_('refuses a bundle whose bytes the relay altered', async () => {
      const offer = await strideClient.publish(shoeSize)
      const tampering = (async (input: string | URL | Request, init?: RequestInit) => {
        const res = await fetch(input, init)
        if (!String(input).includes('/v1/bundles/')) return res
        const b = new Uint8Array(await res.arrayBuffer())
        b[b.length - 3] = b[b.length - 3]! ^ 1
        return new Response(b, { status: 200 })
      }) as typeof globalThis.fetch
      const d = new DeviceRelayClient({
        url: URL_,
        fetch: tampering,
        retries: 0,
        clock: () => clock.now,
        operatorKey: operator.publicKey,
      })
      await expect(d.downloadBundle(offer)).rejects.toMatchObject({
        code: 'SEALPOST_BUNDLE_MISMATCH',
      })
    })
  })

  describe('postman and meter', () => {
    it_(
      'delivers an envelope: posted once, pulled, opened, acknowledged, billed 10 cents',
      async () => {
        const e = await envelopeFor(stride, alice.pseudonym, { euSize: 42 })
        const r1 = await device.postEnvelope(alice, e, true)
        expect(r1).toMatchObject({
          state: 'queued',
          envelopeId: e.id,
          partnerId: 'stridewear',
          billable: true,
        })
        expect(r1.bucket).toBe(512)
        const r2 = await device.postEnvelope(alice, e, true) // a retry
        expect(r2).toEqual(r1)
        const items = await strideClient.pullInbox()
        expect(items.map((i) => i.envelope.id)).toEqual([e.id])
        expect(items[0]!.pseudonym).toBe(alice.pseudonym)
        const payload = await openEnvelope(items[0]!.envelope, stride.sealingSecret())
        expect(payload.output).toEqual({ euSize: 42 })
        // leased: a second pull does not hand it out again
        expect(await strideClient.pullInbox()).toEqual([])
        clock.now += 1000
        const { receipts } = await strideClient.ack([{ id: e.id, outcome: 'opened' }])
        expect(receipts[0]).toMatchObject({ state: 'delivered', cents: 10, settledAt: T0 + 1000 })
        // acknowledging again bills nothing more
        const again = await strideClient.ack([{ id: e.id, outcome: 'opened' }])
        expect(again.receipts[0]).toEqual(receipts[0])
        const seen = await device.receipts(alice)
        expect(seen).toEqual([receipts[0]])
        const statement = await strideClient.statement(2026)
        expect(statement.lines).toEqual([{ pseudonym: alice.pseudonym, transfers: 1, cents: 10 }])
        expect(statement.totalCents).toBe(10)
      },
    )

    it_(
      'caps a pseudonym at $3 a year, and never bills deletion requests or unopenable envelopes',
      async () => {
        const ids: { id: string; outcome: 'opened' | 'unopenable' }[] = []
        for (let i = 0; i < 32; i++) {
          const e = await envelopeFor(stride, alice.pseudonym, { n: i })
          await device.postEnvelope(alice, e, true)
          ids.push({ id: e.id, outcome: 'opened' })
        }
        const deletion = await envelopeFor(stride, alice.pseudonym, { request: 'delete' })
        await device.postEnvelope(alice, deletion, false)
        ids.push({ id: deletion.id, outcome: 'opened' })
        const garbled = await envelopeFor(stride, bob.pseudonym, { x: 1 })
        await device.postEnvelope(bob, garbled, true)
        ids.push({ id: garbled.id, outcome: 'unopenable' })
        expect((await strideClient.pullInbox()).length).toBe(34)
        const { receipts } = await strideClient.ack(ids)
        expect(receipts.map((r) => r.cents ?? 0).reduce((a, b) => a + b, 0)).toBe(300)
        expect(receipts.at(-2)).toMatchObject({ state: 'delivered', billable: false, cents: 0 })
        expect(receipts.at(-1)).toMatchObject({ state: 'unopenable', cents: 0 })
        const s = await strideClient.statement(2026)
        expect(s.lines).toEqual([{ pseudonym: alice.pseudonym, transfers: 32, cents: 300 }])
        // a new calendar year starts a new cap
        clock.now = Date.UTC(2027, 0, 1)
        const e = await envelopeFor(stride, alice.pseudonym, { n: 'new year' })
        await device.postEnvelope(alice, e, true)
        await strideClient.pullInbox()
        const next = await strideClient.ack([{ id: e.id, outcome: 'opened' }])
        expect(next.receipts[0]!.cents).toBe(10)
        expect((await strideClient.statement(2027)).totalCents).toBe(10)
      },
    )

    it_(
      'withdraws an undelivered envelope: the partner never gets it, nothing is billed',
      async () => {
        const e = await envelopeFor(stride, alice.pseudonym, { euSize: 40 })
        await device.postEnvelope(alice, e, true)
        const r = await device.withdrawEnvelope(alice, e.id)
        expect(r.state).toBe('withdrawn')
        expect(await strideClient.pullInbox()).toEqual([])
        const ack = await strideClient.ack([{ id: e.id, outcome: 'opened' }])
        expect(ack.receipts[0]).toMatchObject({ state: 'withdrawn', cents: 0 })
        expect((await strideClient.statement(2026)).totalCents).toBe(0)
      },
    )

    it_(
      'decides a withdrawal racing an ack one way: withdrawn and unbilled, or delivered and billed',
      async () => {
        const people = Array.from({ length: 4 }, (_, i) =>
          derivePseudonymKey(new Uint8Array(32).fill(60 + i), 'stridewear'),
        )
        const posted: { key: PseudonymKey; id: string }[] = []
        for (const key of people) {
          for (let i = 0; i < 6; i++) {
            const e = await envelopeFor(stride, key.pseudonym, { i })
            await device.postEnvelope(key, e, true)
            posted.push({ key, id: e.id })
          }
        }
        expect((await strideClient.pullInbox()).length).toBe(posted.length)
        clock.now += 1000
        // each envelope: the device withdraws it while the partner acknowledges it, at once
        const verdicts = await Promise.all(
          posted.map(async ({ key, id }) => {
            const [withdrawal, ack] = await Promise.all([
              device.withdrawEnvelope(key, id),
              strideClient.ack([{ id, outcome: 'opened' }]),
            ])
            return { withdrawal, ack: ack.receipts[0]! }
          }),
        )
        for (const { withdrawal, ack } of verdicts) {
          // both calls got the one verdict
          expect(withdrawal).toEqual(ack)
          expect(['withdrawn', 'delivered']).toContain(ack.state)
          expect(ack.cents).toBe(ack.state === 'delivered' ? 10 : 0)
        }
        const delivered = verdicts.filter((v) => v.ack.state === 'delivered')
        const s = await strideClient.statement(2026)
        expect(s.transfers).toBe(delivered.length)
        expect(s.totalCents).toBe(10 * delivered.length)
        const rows = await db.query<{ state: string; cents: number }>(
          "SELECT state, cents FROM envelopes WHERE state = 'withdrawn' AND cents <> 0",
        )
        expect(rows).toEqual([])
      },
    )

    it_('settles an ack that comes after the retention as expired, never billed', async () => {
      const e = await envelopeFor(stride, alice.pseudonym, { late: true })
      await device.postEnvelope(alice, e, true)
      expect((await strideClient.pullInbox()).length).toBe(1)
      // past the retention; the sweep has not run yet
      clock.now = T0 + 30 * 86_400_000
      const { receipts } = await strideClient.ack([{ id: e.id, outcome: 'opened' }])
      expect(receipts[0]).toMatchObject({ state: 'expired', cents: 0 })
      expect(await relay.sweep()).toEqual({ expired: 0 })
      expect((await strideClient.statement(2026)).lines).toEqual([])
      expect((await device.receipts(alice))[0]).toMatchObject({ state: 'expired' })
    })

    it_('commits concurrent posts in shared transactions with each post judged alone', async () => {
      const people = Array.from({ length: 12 }, (_, i) =>
        derivePseudonymKey(new Uint8Array(32).fill(40 + i), 'stridewear'),
      )
      const envelopes = await Promise.all(
        people.map((p, i) => envelopeFor(stride, p.pseudonym, { i })),
      )
      const signedPost = (key: PseudonymKey, envelope: SealedEnvelope) => {
        const body = JSON.stringify({ envelope, billable: true })
        const headers = {
          'content-type': 'application/json',
          ...signRequest(
            key,
            { kind: 'pseudonym', pseudonym: key.pseudonym },
            'POST',
            '/v1/envelopes',
            utf8Encode(body),
            clock.now,
          ),
        }
        return { headers, body }
      }
      const send = (r: { headers: Record<string, string>; body: string }) =>
        relay.app.request(URL_ + '/v1/envelopes', { method: 'POST', ...r })
      const replayed = signedPost(people[0]!, envelopes[0]!)
      // a pseudonym new to the relay writing to two partners at once: one binding wins
      const newcomer = derivePseudonymKey(new Uint8Array(32).fill(99), 'stridewear')
      const toStride = await envelopeFor(stride, newcomer.pseudonym, { first: true })
      const toBrew = await envelopeFor(brew, newcomer.pseudonym, { other: true })
      const stranger = await envelopeFor(stride, people[2]!.pseudonym, { x: 1 })
      const calls = [
        ...envelopes.map((e, i) => send(signedPost(people[i]!, e))),
        send(replayed),
        send(replayed), // the same signed call twice: one stored, one refused as a replay
        send(signedPost(people[3]!, envelopes[3]!)), // a retry of envelope 3 at once
        send(signedPost(newcomer, toStride)),
        send(signedPost(newcomer, toBrew)),
        send(signedPost(people[2]!, { ...stranger, to: 'nobody' })), // no such partner
      ]
      const statuses = (await Promise.all(calls)).map((r) => r.status)
      for (const i of [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]) expect(statuses[i]).toBe(201)
      // envelope 0 went three times under two signatures: stored, a retry, a replay
      expect([statuses[0], statuses[12], statuses[13]].sort()).toEqual([200, 201, 401])
      expect([statuses[3], statuses[14]].sort()).toEqual([200, 201])
      // the newcomer is bound to the partner of whichever post came first, the other refused
      expect([statuses[15], statuses[16]].sort()).toEqual([201, 403])
      const winner = statuses[15] === 201 ? 'stridewear' : 'brewline'
      expect(statuses[17]).toBe(404)
      // shared transactions happened: fewer commits than posts
      expect(relay.postStats.largest).toBeGreaterThan(1)
      expect(relay.postStats.batches).toBeLessThan(relay.postStats.posts)
      const rows = await db.query<{ id: string; pseudonym: string }>(
        'SELECT id, pseudonym FROM envelopes ORDER BY id',
      )
      const stored = [...envelopes, winner === 'stridewear' ? toStride : toBrew]
      expect(rows.map((r) => r.id).sort()).toEqual(stored.map((e) => e.id).sort())
      const bound = await db.query<{ pseudonym: string; partner_id: string }>(
        'SELECT pseudonym, partner_id FROM pseudonyms WHERE pseudonym = $1',
        [newcomer.pseudonym],
      )
      expect(bound).toEqual([{ pseudonym: newcomer.pseudonym, partner_id: winner }])
      // every stored one is in its partner's inbox exactly once
      expect((await strideClient.pullInbox()).length).toBe(winner === 'stridewear' ? 13 : 12)
      expect((await brewClient.pullInbox()).length).toBe(winner === 'brewline' ? 1 : 0)
    })

    it_('expires envelopes not delivered within the retention', async () => {
      const e = await envelopeFor(stride, alice.pseudonym, { euSize: 40 })
      await device.postEnvelope(alice, e, true)
      clock.now += 31 * 86_400_000
      expect(await relay.sweep()).toEqual({ expired: 1 })
      expect((await device.receipts(alice, T0))[0]).toMatchObject({ state: 'expired' })
    })

    it_('returns an unacknowledged envelope to the queue after its lease', async () => {
      const e = await envelopeFor(stride, alice.pseudonym, { euSize: 40 })
      await device.postEnvelope(alice, e, true)
      expect((await strideClient.pullInbox()).length).toBe(1)
      clock.now += 61_000
      expect((await strideClient.pullInbox()).map((i) => i.envelope.id)).toEqual([e.id])
    })

    it_(
      'carries partner pushes sealed to the pseudonym, and deletes them once received',
      async () => {
        await device.postEnvelope(
          alice,
          await envelopeFor(stride, alice.pseudonym, { euSize: 42 }),
          true,
        )
        const push = signPush(
          stride,
          'purchases',
          [{ id: 'p1', orderedAt: T0, category: 'shoes', size: 42 }] as never,
          T0,
        )
        const { id } = await strideClient.push(alice.pseudonym, push)
        const items = await device.pushes(alice)
        expect(items).toMatchObject([{ id, partnerId: 'stridewear', postedAt: T0 }])
        const sealed = items[0]!.sealed
        expect(sealed).toMatchObject({ version: 'sealpost-push-v1', id, from: 'stridewear' })
        expect(sealed.to).toBe(alice.pseudonym)
        // only the pseudonym's key opens it; the relay holds ciphertext only
        expect(await openPush(sealed, alice)).toEqual(push)
        await expect(openPush({ ...sealed, to: bob.pseudonym }, bob)).rejects.toThrow(
          /does not open/,
        )
        const rows = await db.query<{ body: string }>('SELECT body FROM pushes')
        expect(rows.length).toBe(1)
        expect(rows[0]!.body).not.toMatch(/shoes|purchases|"category"/)
        expect(await device.pushes(bob)).toEqual([])
        expect(await device.ackPushes(bob, [id])).toBe(0)
        expect(await device.ackPushes(alice, [id])).toBe(1)
        expect(await device.pushes(alice)).toEqual([])
      },
    )
  })

  describe('isolation', () => {
    it_('never lets partner A read, ack, bill or push anything of partner B', async () => {
      const e = await envelopeFor(stride, alice.pseudonym, { euSize: 42 })
      await device.postEnvelope(alice, e, true)
      expect(await brewClient.pullInbox()).toEqual([])
      const ack = await brewClient.ack([{ id: e.id, outcome: 'opened' }])
      expect(ack).toEqual({ receipts: [], unknown: [e.id] })
      expect((await brewClient.statement(2026)).lines).toEqual([])
      const push = signPush(brew, 'purchases', [{ id: 'p1' }] as never, T0)
      await expect(brewClient.push(alice.pseudonym, push)).rejects.toMatchObject({
        code: 'SEALPOST_NOT_FOUND',
      })
      // a push signed as stridewear but sent by brewline is refused too
      const forged = signPush(stride, 'purchases', [{ id: 'p1' }] as never, T0)
      await expect(brewClient.push(alice.pseudonym, forged)).rejects.toMatchObject({
        code: 'SEALPOST_NOT_FOUND',
      })
      // and brewline cannot claim to be stridewear on the sealed push's outside
      const id = crypto.randomUUID()
      const sealed = await sealPush(forged, {
        id,
        partnerId: 'stridewear',
        pseudonym: alice.pseudonym,
      })
      const body = JSON.stringify({ id, pseudonym: alice.pseudonym, sealed })
      const res = await relay.app.request(URL_ + '/v1/pushes', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signRequest(
            brew,
            { kind: 'partner', id: 'brewline' },
            'POST',
            '/v1/pushes',
            utf8Encode(body),
            clock.now,
          ),
        },
        body,
      })
      expect(res.status).toBe(403)
      expect(((await res.json()) as { code: string }).code).toBe('SEALPOST_FORBIDDEN')
      // stridewear still gets it, unbilled so far
      expect((await strideClient.pullInbox()).map((i) => i.envelope.id)).toEqual([e.id])
      expect((await strideClient.statement(2026)).totalCents).toBe(0)
    })

    it_("never lets a device see or withdraw another pseudonym's envelopes", async () => {
      const e = await envelopeFor(stride, alice.pseudonym, { euSize: 42 })
      await device.postEnvelope(alice, e, true)
      expect(await device.receipts(bob)).toEqual([])
      await expect(device.withdrawEnvelope(bob, e.id)).rejects.toMatchObject({
        code: 'SEALPOST_NOT_FOUND',
      })
      // bob cannot post alice's envelope id as his own
      await expect(device.postEnvelope(bob, e, true)).rejects.toMatchObject({
        code: 'SEALPOST_CONFLICT',
      })
      expect((await device.receipts(alice))[0]!.state).toBe('queued')
    })

    it_('keeps a pseudonym to the one partner it first wrote to', async () => {
      await device.postEnvelope(alice, await envelopeFor(stride, alice.pseudonym, { a: 1 }), true)
      await expect(
        device.postEnvelope(alice, await envelopeFor(brew, alice.pseudonym, { a: 1 }), true),
      ).rejects.toMatchObject({ code: 'SEALPOST_FORBIDDEN' })
      // the person's brewline pseudonym is another key, unlinkable to the first
      expect(aliceBrew.pseudonym).not.toBe(alice.pseudonym)
      await device.postEnvelope(
        aliceBrew,
        await envelopeFor(brew, aliceBrew.pseudonym, { a: 1 }),
        true,
      )
    })
  })

  describe('hostile calls get typed problems', () => {
    async function signed(
      method: string,
      path: string,
      body: string,
      opts: { key?: PartnerKey; created?: number; headers?: Record<string, string> } = {},
    ): Promise<Response> {
      const key = opts.key ?? stride
      const bytes = utf8Encode(body)
      const headers = {
        'content-type': 'application/json',
        ...signRequest(
          key,
          { kind: 'partner', id: key.partnerId },
          method,
          path,
          bytes,
          opts.created ?? clock.now,
        ),
        ...opts.headers,
      }
      return relay.app.request(URL_ + path, {
        method,
        headers,
        ...(method === 'GET' ? {} : { body }),
      })
    }

    async function expectProblem(res: Response, status: number, code: string): Promise<void> {
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const p = (await res.json()) as { code: string; status: number; type: string; title: string }
      expect(p).toMatchObject({ code, status })
      expect(p.type).toMatch(/^https:\/\//)
    }

    it_('refuses unsigned, badly signed, stale and replayed calls', async () => {
      await expectProblem(
        await relay.app.request(URL_ + '/v1/inbox/pull', { method: 'POST', body: '{}' }),
        401,
        'SEALPOST_UNAUTHENTICATED',
      )
      const headers = signRequest(
        stride,
        { kind: 'partner', id: 'stridewear' },
        'POST',
        '/v1/inbox/pull',
        utf8Encode('{}'),
        clock.now,
      )
      const ok = await relay.app.request(URL_ + '/v1/inbox/pull', {
        method: 'POST',
        headers,
        body: '{}',
      })
      expect(ok.status).toBe(200)
      await expectProblem(
        await relay.app.request(URL_ + '/v1/inbox/pull', { method: 'POST', headers, body: '{}' }),
        401,
        'SEALPOST_REPLAYED_REQUEST',
      )
      // the body changed after signing
      const h2 = signRequest(
        stride,
        { kind: 'partner', id: 'stridewear' },
        'POST',
        '/v1/inbox/pull',
        utf8Encode('{}'),
        clock.now,
      )
      await expectProblem(
        await relay.app.request(URL_ + '/v1/inbox/pull', {
          method: 'POST',
          headers: h2,
          body: '{"limit":5}',
        }),
        401,
        'SEALPOST_BAD_SIGNATURE',
      )
      // signed by brewline's key, claiming to be stridewear
      const h3 = signRequest(
        brew,
        { kind: 'partner', id: 'stridewear' },
        'POST',
        '/v1/inbox/pull',
        utf8Encode('{}'),
        clock.now,
      )
      await expectProblem(
        await relay.app.request(URL_ + '/v1/inbox/pull', {
          method: 'POST',
          headers: h3,
          body: '{}',
        }),
        401,
        'SEALPOST_BAD_SIGNATURE',
      )
      await expectProblem(
        await signed('POST', '/v1/inbox/pull', '{}', { created: clock.now - 10 * 60_000 }),
        401,
        'SEALPOST_STALE_REQUEST',
      )
      await expectProblem(
        await signed('POST', '/v1/inbox/pull', '{}', { key: generatePartnerKey('nobody') }),
        404,
        'SEALPOST_UNKNOWN_PARTNER',
      )
      // a partner key on a device route
      await expectProblem(await signed('GET', '/v1/pushes', ''), 403, 'SEALPOST_FORBIDDEN')
    })

    it_('refuses a replayed envelope post (its nonce is committed with the envelope)', async () => {
      const envelope = await envelopeFor(stride, alice.pseudonym, { replay: 1 })
      const body = JSON.stringify({ envelope, billable: true })
      const headers = {
        'content-type': 'application/json',
        ...signRequest(
          alice,
          { kind: 'pseudonym', pseudonym: alice.pseudonym },
          'POST',
          '/v1/envelopes',
          utf8Encode(body),
          clock.now,
        ),
      }
      const post = () =>
        relay.app.request(URL_ + '/v1/envelopes', { method: 'POST', headers, body })
      expect((await post()).status).toBe(201)
      await expectProblem(await post(), 401, 'SEALPOST_REPLAYED_REQUEST')
      const [{ n }] = (await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM envelopes WHERE id = $1',
        [envelope.id],
      )) as [{ n: number }]
      expect(n).toBe(1)
    })

    it_('refuses malformed JSON, bodies off their schema, and oversize bodies', async () => {
      await expectProblem(
        await signed('POST', '/v1/inbox/ack', '{"acks": ['),
        400,
        'SEALPOST_MALFORMED_REQUEST',
      )
      await expectProblem(
        await signed('POST', '/v1/inbox/ack', '{"acks": [{"id": 1}]}'),
        422,
        'SEALPOST_INVALID_REQUEST',
      )
      await expectProblem(
        await signed('POST', '/v1/inbox/ack', '{"acks": [], "__proto__": {}}'),
        422,
        'SEALPOST_INVALID_REQUEST',
      )
      const big = JSON.stringify({ acks: [{ id: 'x'.repeat(200_000), outcome: 'opened' }] })
      await expectProblem(
        await signed('POST', '/v1/inbox/ack', big),
        413,
        'SEALPOST_BODY_TOO_LARGE',
      )
      // no Content-Length: a stream is cut at the cap
      let sent = 0
      const stream = new ReadableStream<Uint8Array>({
        pull(c) {
          sent += 65_536
          if (sent > 10_000_000) c.close()
          else c.enqueue(new Uint8Array(65_536))
        },
      })
      const res = await relay.app.request(URL_ + '/v1/envelopes', {
        method: 'POST',
        body: stream,
        duplex: 'half',
      } as RequestInit)
      await expectProblem(res, 413, 'SEALPOST_BODY_TOO_LARGE')
      expect(sent).toBeLessThan(1_000_000)
      await expectProblem(await relay.app.request(URL_ + '/v2/nothing'), 404, 'SEALPOST_NOT_FOUND')
    })

    it_('rate-limits one key and stays up for others', async () => {
      const limited = relayOver(db, operator, clock, { ratePerSecond: 1, rateBurst: 5 })
      relay = limited.relay
      const statuses: number[] = []
      for (let i = 0; i < 8; i++)
        statuses.push((await signed('POST', '/v1/inbox/pull', '{}')).status)
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
      expect(statuses.slice(5)).toEqual([429, 429, 429])
      await expectProblem(
        await signed('POST', '/v1/inbox/pull', '{}'),
        429,
        'SEALPOST_RATE_LIMITED',
      )
      expect((await signed('POST', '/v1/inbox/pull', '{}', { key: brew })).status).toBe(200)
      expect((await relay.app.request(URL_ + '/healthz')).status).toBe(200)
    })
  })

  it_('describes exactly its routes in /openapi.json', async () => {
    const doc = (await (await relay.app.request(URL_ + '/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    const served = [
      ...new Set(
        relay.app.routes
          .filter((r) => r.method !== 'ALL')
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
      ),
    ].sort()
    expect(documented).toEqual(served)
    expect(documented.length).toBe(OPERATIONS.length)
  })

  it_('answers health and readiness, and turns unready when draining', async () => {
    expect(await (await relay.app.request(URL_ + '/healthz')).json()).toEqual({ status: 'ok' })
    expect((await relay.app.request(URL_ + '/readyz')).status).toBe(200)
    relay.drain()
    expect((await relay.app.request(URL_ + '/readyz')).status).toBe(503)
  })

  it_('loses nothing and bills nothing twice with two relays on one database', async () => {
    const other = relayOver(await connect(), operator, clock)
    const common = { url: URL_, clock: () => clock.now, retries: 0 }
    const dev = new DeviceRelayClient({ ...common, fetch, operatorKey: operator.publicKey })
    const partnerOther = new PartnerRelayClient({
      ...common,
      fetch: other.fetch,
      key: stride,
      operatorKey: operator.publicKey,
    })
    const people = Array.from({ length: 8 }, (_, i) =>
      derivePseudonymKey(new Uint8Array(32).fill(i + 1), 'stridewear'),
    )
    const posted: string[] = []
    await Promise.all(
      people.map(async (p) => {
        for (let i = 0; i < 5; i++) {
          const e = await envelopeFor(stride, p.pseudonym, { i })
          await dev.postEnvelope(p, e, true)
          await dev.postEnvelope(p, e, true)
          posted.push(e.id)
        }
      }),
    )
    // two pullers at once, one on each relay: every envelope handed out exactly once
    const partnerHere = new PartnerRelayClient({
      ...common,
      fetch,
      key: stride,
      operatorKey: operator.publicKey,
    })
    const [a, b] = await Promise.all([partnerHere.pullInbox(25), partnerOther.pullInbox(25)])
    const pulled = [...a, ...b].map((i) => i.envelope.id)
    expect(new Set(pulled).size).toBe(pulled.length)
    const rest = await partnerOther.pullInbox()
    const all = [...pulled, ...rest.map((i) => i.envelope.id)]
    expect(all.sort()).toEqual([...posted].sort())
    // both relays ack everything, concurrently
    const acks = all.map((id) => ({ id, outcome: 'opened' as const }))
    await Promise.all([partnerHere.ack(acks), partnerOther.ack(acks)])
    const s = await partnerHere.statement(2026)
    expect(s.transfers).toBe(40)
    expect(s.totalCents).toBe(400)
    for (const p of people) {
      const receipts = await dev.receipts(p)
      expect(receipts.map((r) => r.cents)).toEqual([10, 10, 10, 10, 10])
    }
  })
})
