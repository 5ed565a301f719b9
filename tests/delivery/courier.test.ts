import { describe, expect, it } from 'vitest'
import { coarseSentAt } from '../../runtime/delivery/index.ts'
import { generateHpkeKeyPair } from '../../runtime/crypto/hpke.ts'
import {
  ConsentBook,
  MemoryDocStore,
  SharingPolicy,
  buildContract,
  contractDigest,
} from '../../runtime/consent/index.ts'
import {
  Courier,
  Meter,
  Outbox,
  openEnvelope,
  LocalOnlyError,
  OutboxStateError,
  UnknownPartnerError,
} from '../../runtime/delivery/index.ts'
import { shoeSize, subject, variant, T0, DAY } from '../consent/_helpers.ts'

const stridewear = generateHpkeKeyPair()
const beanhouse = generateHpkeKeyPair()
const keys: Record<string, Uint8Array> = {
  stridewear: stridewear.publicKey,
  beanhouse: beanhouse.publicKey,
}

function setup() {
  const store = new MemoryDocStore()
  const audit: { kind: string; details: Record<string, unknown>; at: number }[] = []
  const courier = new Courier({
    store,
    sealingKeyOf: (id) => keys[id],
    audit: { append: async (kind, details, at) => void audit.push({ kind, details, at }) },
  })
  return { store, courier, audit }
}

const bundle = subject(shoeSize)
const digestOfContract = contractDigest(buildContract(bundle))

describe('the courier seals outputs into the outbox', () => {
  it('queues an envelope the partner opens, addressed by the pseudonym', async () => {
    const { courier } = setup()
    const entry = await courier.send({
      bundle,
      output: { euSize: 42 },
      contractDigest: digestOfContract,
      now: T0,
      bits: 4.46,
    })
    expect(entry.status).toBe('pending')
    expect(entry.meta).toMatchObject({
      kind: 'output',
      partnerId: 'stridewear',
      bucket: 512,
      bits: 4.46,
    })
    const opened = await openEnvelope(entry.envelope, stridewear.secretKey)
    expect(opened).toEqual({
      kind: 'output',
      bundleId: shoeSize.id,
      bundleDigest: bundle.digest,
      pseudonym: await courier.pseudonymFor('stridewear'),
      output: { euSize: 42 },
      sentAt: coarseSentAt(T0), // the UTC day only: no precise time leaves
      contractDigest: digestOfContract,
    })
    await expect(openEnvelope(entry.envelope, beanhouse.secretKey)).rejects.toThrow(/does not open/)
  })

  it('gives each partner a different, stable pseudonym kept in the store', async () => {
    const { store, courier } = setup()
    const a = await courier.pseudonymFor('stridewear')
    const b = await courier.pseudonymFor('beanhouse')
    expect(a).not.toBe(b)
    const again = new Courier({ store, sealingKeyOf: (id) => keys[id] })
    expect(await again.pseudonymFor('stridewear')).toBe(a)
    const otherVault = setup().courier
    expect(await otherVault.pseudonymFor('stridewear')).not.toBe(a)
  })

  it('sends share bundles as kind share and refuses local ones', async () => {
    const { courier } = setup()
    const share = subject(variant(shoeSize, { mode: 'share' }))
    const entry = await courier.send({
      bundle: share,
      output: [{ size: 'EU 42' }],
      contractDigest: 'c',
      now: T0,
    })
    expect((await openEnvelope(entry.envelope, stridewear.secretKey)).kind).toBe('share')
    const local = subject(variant(shoeSize, { mode: 'local' }))
    await expect(
      courier.send({ bundle: local, output: {}, contractDigest: 'c', now: T0 }),
    ).rejects.toBeInstanceOf(LocalOnlyError)
  })

  it('refuses a partner whose sealing key is unknown', async () => {
    const { courier } = setup()
    const stranger = subject(variant(shoeSize, { partner: { id: 'stranger', name: 'S' } }))
    await expect(
      courier.send({ bundle: stranger, output: {}, contractDigest: 'c', now: T0 }),
    ).rejects.toBeInstanceOf(UnknownPartnerError)
  })
})

describe('delivery status, metering and the audit entry', () => {
  it('meters a delivered transfer once and logs what left', async () => {
    const { courier, audit } = setup()
    const entry = await courier.send({
      bundle,
      output: { euSize: 42 },
      contractDigest: digestOfContract,
      now: T0,
    })
    await courier.failed(entry.envelope.id, T0 + 1, 'relay unreachable')
    expect(
      (await courier.outbox.pending()).map((e) => [e.status, e.attempts, e.lastError]),
    ).toEqual([['failed', 1, 'relay unreachable']])
    const { metered } = await courier.delivered(entry.envelope.id, T0 + 2)
    expect(metered?.cents).toBe(10)
    expect(await courier.outbox.pending()).toEqual([])
    await expect(courier.delivered(entry.envelope.id, T0 + 3)).rejects.toBeInstanceOf(
      OutboxStateError,
    )
    expect((await courier.meter.statement('stridewear', 2026)).totalCents).toBe(10)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      kind: 'delivery',
      at: T0 + 2,
      details: {
        kind: 'output',
        partner: 'stridewear',
        bundleId: shoeSize.id,
        contractDigest: digestOfContract,
        output: { euSize: 42 },
        bucket: 512,
        cents: 10,
      },
    })
  })

  it('keeps the outbox across instances on the same store', async () => {
    const { store, courier } = setup()
    const entry = await courier.send({
      bundle,
      output: { euSize: 41 },
      contractDigest: 'c',
      now: T0,
    })
    const outbox = new Outbox(store)
    expect((await outbox.get(entry.envelope.id))?.status).toBe('pending')
    await expect(outbox.markDelivered('nope', T0)).rejects.toMatchObject({
      code: 'SEALPOST_OUTBOX_STATE',
    })
  })
})

describe('revocation with deletion sends a deletion request to the partner', () => {
  it('seals the request from the policy through the courier, unbilled', async () => {
    const { store, courier } = setup()
    const book = new ConsentBook(store)
    const policy = new SharingPolicy({ store, book, deletions: courier })
    const { record } = await book.give(bundle, T0)
    await policy.revoke(shoeSize.id, T0 + DAY, { delete: true })
    const [entry] = await courier.outbox.pending()
    expect(entry?.meta.kind).toBe('deletion-request')
    const opened = await openEnvelope(entry!.envelope, stridewear.secretKey)
    expect(opened).toMatchObject({
      kind: 'deletion-request',
      bundleId: shoeSize.id,
      bundleDigest: bundle.digest,
      contractDigest: record.notice.contractDigest,
      output: { request: 'delete', bundleId: shoeSize.id, requestedAt: T0 + DAY },
    })
    const { metered } = await courier.delivered(entry!.envelope.id, T0 + DAY + 1)
    expect(metered).toBeUndefined()
    expect((await courier.meter.statement('stridewear', 2026)).totalCents).toBe(0)
  })
})

describe('billing: 10 cents a transfer, at most $3 per partner per person per year', () => {
  it('charges the first 30 transfers and not the 31st', async () => {
    const meter = new Meter(new MemoryDocStore())
    const charges: number[] = []
    for (let i = 0; i < 31; i++)
      charges.push((await meter.record('stridewear', 'p1', T0 + i)).cents)
    expect(charges.slice(0, 30).every((c) => c === 10)).toBe(true)
    expect(charges[30]).toBe(0)
    const s = await meter.statement('stridewear', 2026)
    expect(s).toEqual({
      partnerId: 'stridewear',
      year: 2026,
      lines: [{ pseudonym: 'p1', transfers: 31, cents: 300 }],
      transfers: 31,
      totalCents: 300,
    })
  })

  it('starts a new year afresh and keeps people and partners apart', async () => {
    const meter = new Meter(new MemoryDocStore())
    for (let i = 0; i < 35; i++) await meter.record('stridewear', 'p1', Date.UTC(2026, 11, 1))
    expect((await meter.record('stridewear', 'p1', Date.UTC(2027, 0, 1))).cents).toBe(10)
    expect((await meter.record('stridewear', 'p2', Date.UTC(2026, 11, 2))).cents).toBe(10)
    expect((await meter.record('beanhouse', 'p1', Date.UTC(2026, 11, 2))).cents).toBe(10)
    const s = await meter.statement('stridewear', 2026)
    expect(s.lines).toEqual([
      { pseudonym: 'p1', transfers: 35, cents: 300 },
      { pseudonym: 'p2', transfers: 1, cents: 10 },
    ])
    expect(s.totalCents).toBe(310)
    expect((await meter.statement('stridewear', 2027)).totalCents).toBe(10)
    expect(await meter.partners()).toEqual(['beanhouse', 'stridewear'])
  })

  it('caps a price that does not divide the cap at exactly the cap', async () => {
    const meter = new Meter(new MemoryDocStore(), { priceCents: 7, yearlyCapCents: 20 })
    const charges = []
    for (let i = 0; i < 4; i++) charges.push((await meter.record('x', 'p', T0)).cents)
    expect(charges).toEqual([7, 7, 6, 0])
    expect(() => new Meter(new MemoryDocStore(), { priceCents: 0.5 })).toThrow(/priceCents/)
  })

  it('counts concurrent deliveries exactly', async () => {
    const meter = new Meter(new MemoryDocStore())
    await Promise.all(Array.from({ length: 40 }, (_, i) => meter.record('stridewear', 'p', T0 + i)))
    expect(await meter.statement('stridewear', 2026)).toMatchObject({
      transfers: 40,
      totalCents: 300,
    })
  })
})
