/**
 * A person's device and two partner calls through the relay, on PGlite and PostgreSQL: offers
 * from the registry, consent, `runtime.sync()`, the partner's inbox, pushes, revocation (an
 * undelivered envelope withdrawn, a deletion request acknowledged). Then the bill on the device
 * equals the relay's statement for its pseudonym, and a dump of the relay's database holds none
 * of the person's data, outputs or contract, and no IP address.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { createSandbox } from '../../sandbox/index.ts'
import { OperatorKey } from '../../relay/operator_key.ts'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import { generatePartnerKey, type PartnerKey } from '../../runtime/bundle/index.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import { openEnvelope } from '../../runtime/delivery/index.ts'
import { createRuntime, signPush } from '../../runtime/host/index.ts'
import { createVault, LIGHT_SCRYPT } from '../../runtime/vault/index.ts'
import { memoryStorage } from '../../runtime/storage/index.ts'
import { generatePersona } from '../../runtime/persona/index.ts'
import { verifyLog } from '../../runtime/audit/index.ts'
import { DeviceRelayClient, PartnerRelayClient } from '../../runtime/relay/index.ts'
import type { RelayDatabase } from '../../relay/db/database.ts'
import { admit, BACKENDS, backendAvailable, openBackend, relayOver } from './_relay.ts'

const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))
const URL_ = 'http://relay.test'
const start = Date.UTC(2026, 10, 1, 9)
const sandbox = createSandbox()
let stride: PartnerKey
let shoeSize: Uint8Array
let favoriteSport: Uint8Array

beforeAll(async () => {
  stride = generatePartnerKey('stridewear')
  shoeSize = await signModuleFolder(join(algorithms, 'shoe-size'), stride)
  favoriteSport = await signModuleFolder(join(algorithms, 'favorite-sport'), stride)
  await sandbox.warmUp()
})
afterAll(() => sandbox.dispose())

/** Every row of every table, as text (bytea as hex, as pg_dump writes it). */
async function dump(db: RelayDatabase): Promise<string> {
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  )
  const out: string[] = []
  for (const { tablename } of tables) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${tablename}`)
    out.push(
      `-- ${tablename}`,
      ...rows.map((r) =>
        JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v)),
      ),
    )
  }
  return out.join('\n')
}

describe.each(BACKENDS)('a full story through the relay on %s', (backend) => {
  const available = backendAvailable(backend)
  const it_ = available ? it : it.skip
  let db: RelayDatabase
  let stop: () => Promise<void> = async () => undefined
  beforeAll(async () => {
    if (!available) return
    const b = await openBackend(backend)
    db = b.db
    stop = b.stop
  }, 120_000)
  afterAll(() => stop())

  it_('delivers, bills, pushes, withdraws and forgets as promised', async () => {
    const clock = { now: start }
    const operator = OperatorKey.generate()
    const { fetch } = relayOver(db, operator, clock)
    await admit(db, stride, 'StrideWear', start)
    const partner = new PartnerRelayClient({
      url: URL_,
      fetch,
      key: stride,
      operatorKey: operator.publicKey,
      clock: () => clock.now,
    })
    await partner.publish(shoeSize)
    await partner.publish(favoriteSport)

    // The person's device: offers from the registry, keys from the signed directory.
    const vault = await createVault(memoryStorage(), 'correct horse battery', {
      scrypt: LIGHT_SCRYPT,
    })
    const persona = generatePersona({ seed: 11, scale: 0.3, now: start })
    for (const name of ['purchases', 'activities'] as const) {
      await vault.ingest(name, persona.collections[name])
    }
    // a network that loses the answer to one envelope post, after the relay committed it
    const lose = { next: false }
    const lossy = (async (input: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(input, init)
      if (lose.next && init?.method === 'POST' && String(input).endsWith('/v1/envelopes')) {
        lose.next = false
        throw new TypeError('connection reset')
      }
      return res
    }) as typeof globalThis.fetch
    const relay = {
      url: URL_,
      operatorKey: toHex(operator.publicKey),
      fetch: lossy,
      retries: 0,
      clock: () => clock.now,
    }
    const rt = createRuntime({ vault, sandbox, clock: () => clock.now, relay })
    const device = new DeviceRelayClient({
      ...relay,
      operatorKey: operator.publicKey,
      clock: () => clock.now,
    })
    const offers = await device.offers()
    expect(offers.map((o) => o.bundleId).sort()).toEqual([
      'com.stridewear.favorite-sport',
      'com.stridewear.shoe-size',
    ])
    const listed = (await device.partnerKey('stridewear'))!
    await rt.trust({
      partnerId: listed.id,
      keyId: listed.keyId,
      signingPublic: fromHex(listed.signingPublic),
      sealingPublic: fromHex(listed.sealingPublic),
    })
    const ids: string[] = []
    for (const offer of offers) {
      const { bundleId } = await rt.install(await device.downloadBundle(offer))
      await rt.consent(bundleId)
      ids.push(bundleId)
    }
    const [sportId, shoeId] = ids.sort()
    const outputs = [(await rt.run(shoeId!)).output, (await rt.run(sportId!)).output]

    // sync: both envelopes posted; the partner pulls, opens and acknowledges them
    expect(await rt.sync()).toMatchObject({ posted: 2, delivered: 0 })
    const items = await partner.pullInbox()
    expect(items.length).toBe(2)
    const opened = await Promise.all(
      items.map((i) => openEnvelope(i.envelope, stride.sealingSecret())),
    )
    expect(opened.map((p) => p.output)).toEqual(expect.arrayContaining(outputs))
    const pseudonym = opened[0]!.pseudonym
    clock.now += 60_000
    await partner.ack(items.map((i) => ({ id: i.envelope.id, outcome: 'opened' as const })))

    // the partner's "sync" button: a signed order for this pseudonym
    const order = {
      id: 'sw-relay-order-77',
      orderedAt: start - 86_400_000,
      merchant: 'StrideWear Online',
      category: 'shoes',
      amount: 131,
      currency: 'EUR',
    }
    await partner.push(pseudonym, signPush(stride, 'purchases', [order as never], clock.now))
    // while it waits for the device, the relay holds it sealed: nothing of the order in a dump
    const waiting = await dump(db)
    expect(waiting).toContain('sealpost-push-v1')
    for (const s of ['sw-relay-order-77', 'StrideWear Online', 'shoes', '"amount"', 'purchases'])
      expect(waiting, s).not.toContain(s)
    const second = await rt.sync()
    expect(second).toMatchObject({ posted: 0, delivered: 2, pushesApplied: 1, directoryVersion: 1 })
    expect(
      (await vault.search({ collection: 'purchases', text: 'sw-relay-order-77' })).length,
    ).toBe(1)

    // a run posted but not yet delivered when consent is revoked is withdrawn from the relay,
    // and revoking with deletion sends a deletion request: acknowledged, never billed. Two more
    // runs race the revocation: the partner acknowledges them after the revocation on the
    // device but before its next sync (one of them posted with its answer lost on the way).
    const third = await rt.run(sportId!)
    const fourth = await rt.run(sportId!)
    expect((await rt.sync()).posted).toBe(2)
    const fifth = await rt.run(sportId!)
    lose.next = true
    expect(await rt.sync()).toMatchObject({ posted: 0, failed: 1 })
    expect((await partner.pullInbox()).length).toBe(3) // the relay holds the fifth all the same
    await rt.revoke(sportId!, { delete: true })
    clock.now += 1000
    const raced = [fourth, fifth].map((r) => r.envelope!.envelope.id)
    const acked = await partner.ack(raced.map((id) => ({ id, outcome: 'opened' as const })))
    expect(acked.receipts.map((r) => r.cents)).toEqual([10, 10])
    // the device's withdrawals find the relay's verdicts: one withdrawn, two delivered first
    expect(await rt.sync()).toMatchObject({ withdrawn: 1, posted: 1, delivered: 2 })
    const outbox = await rt.outbox()
    const entry = outbox.find((e) => e.envelope.id === third.envelope!.envelope.id)
    expect(entry?.status).toBe('cancelled')
    for (const id of raced) {
      const e = outbox.find((x) => x.envelope.id === id)!
      expect(e.status).toBe('delivered')
      expect(e.cancelledAt).toBeLessThan(e.deliveredAt!)
    }
    const [deletion, ...none] = await partner.pullInbox()
    expect(none).toEqual([])
    expect((await openEnvelope(deletion!.envelope, stride.sealingSecret())).kind).toBe(
      'deletion-request',
    )
    await partner.ack([{ id: deletion!.envelope.id, outcome: 'opened' }])
    expect(await rt.sync()).toMatchObject({ deletionAcks: 1, delivered: 0 })
    expect(await rt.outbox({ pending: true })).toEqual([])

    // the device's bill for stridewear equals the relay's statement for its pseudonym
    const bill = await rt.billing('stridewear', 2026)
    const statement = await partner.statement(2026)
    expect(bill.lines).toEqual(statement.lines)
    expect(statement.lines).toEqual([{ pseudonym, transfers: 4, cents: 40 }])
    expect((await verifyLog(await rt.entries())).ok).toBe(true)

    // what the relay's database holds after all this
    const text = await dump(db)
    expect(text).toContain(pseudonym) // what it may know
    const contract = await rt.contractText(shoeId!)
    const secrets = [
      ...outputs.map((o) => JSON.stringify(o)),
      ...contract.split('\n').filter((l) => l.trim().length > 24),
      'sw-relay-order-77',
      'StrideWear Online',
      ...persona.collections.purchases.slice(0, 50).map((p) => String(p.id)),
    ]
    for (const s of secrets) expect(text, s).not.toContain(s)
    expect(text).not.toMatch(/\b127\.0\.0\.1\b|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/)
    vault.close()
  })
})
