import { describe, expect, it } from 'vitest'
import {
  BudgetSpentError,
  ConsentBook,
  MemoryDocStore,
  PersonalizationError,
  SharingPolicy,
  type DeletionRequest,
  type SharingPolicyOptions,
} from '../../runtime/consent/index.ts'
import { outputBitBound } from '../../runtime/manifest/index.ts'
import type { Manifest } from '../../runtime/manifest/types.ts'
import { DAY, T0, favoriteSport, shoeSize, subject, variant } from './_helpers.ts'

/** A recurring StrideWear bundle whose output is an integer in [0, 2^bits − 1]: exactly `bits` bits. */
function bitsBundle(id: string, bits: number, patch: Partial<Manifest> = {}): Manifest {
  return variant(favoriteSport, {
    id,
    output: { type: 'integer', minimum: 0, maximum: 2 ** bits - 1 },
    ...patch,
  })
}

function setup(options: Partial<SharingPolicyOptions> = {}) {
  const store = new MemoryDocStore()
  const book = new ConsentBook(store)
  const deletions: DeletionRequest[] = []
  const audit: { kind: string; details: Record<string, unknown> }[] = []
  const policy = new SharingPolicy({
    store,
    book,
    deletions: { queueDeletionRequest: async (r) => void deletions.push(r) },
    audit: { append: async (kind, details) => void audit.push({ kind, details }) },
    ...options,
  })
  return { store, book, policy, deletions, audit }
}

describe('the personalization dial', () => {
  it('refuses a bundle above the dial and allows it once the dial is raised', async () => {
    const { book, policy } = setup()
    const deep = variant(favoriteSport, { personalization: 3 })
    await book.give(subject(deep), T0)
    expect(await policy.dial()).toBe(2)
    await expect(policy.authorize(subject(deep), T0)).rejects.toMatchObject({
      code: 'SEALPOST_PERSONALIZATION',
    })
    await policy.setDial(3)
    expect((await policy.authorize(subject(deep), T0)).bundleId).toBe(deep.id)
    await policy.setDial(1)
    await expect(policy.authorize(subject(deep), T0)).rejects.toBeInstanceOf(PersonalizationError)
  })

  it('refuses a dial outside 1–3 by name', async () => {
    const { policy } = setup()
    expect(() => policy.setDial(4 as 3)).toThrow(/level must be 1, 2 or 3/)
  })
})

describe('the bit budget per partner per day', () => {
  it('is shared by all of a partner’s bundles and refuses the run that would overspend', async () => {
    const { book, policy } = setup()
    const a = bitsBundle('com.stridewear.a', 20)
    const b = bitsBundle('com.stridewear.b', 30)
    await book.give(subject(a), T0)
    await book.give(subject(b), T0)
    const first = await policy.authorize(subject(a), T0)
    expect(first.chargedBits).toBe(20)
    expect(first.leftBits).toBe(44)
    expect((await policy.authorize(subject(b), T0 + 1)).leftBits).toBe(14)
    // 14 left, b needs 30: refused before it runs, nothing charged.
    const refusal = policy.authorize(subject(b), T0 + 2)
    await expect(refusal).rejects.toBeInstanceOf(BudgetSpentError)
    await expect(refusal).rejects.toMatchObject({ neededBits: 30, leftBits: 14 })
    expect(await policy.spending('stridewear', T0)).toMatchObject({ spentBits: 50, runs: 2 })
    // A run that fits still goes.
    await book.give(subject(bitsBundle('com.stridewear.c', 14)), T0)
    expect(
      (await policy.authorize(subject(bitsBundle('com.stridewear.c', 14)), T0 + 3)).leftBits,
    ).toBe(0)
  })

  it('charges the bound of the output, not what the output turned out to be', async () => {
    const { book, policy } = setup()
    await book.give(subject(shoeSize), T0)
    const permit = await policy.authorize(subject(shoeSize), T0)
    expect(permit.chargedBits).toBeCloseTo(outputBitBound(shoeSize.output).bits, 12)
    expect(permit.chargedBits).toBeCloseTo(Math.log2(22), 12)
  })

  it('starts afresh on the next UTC day and keeps partners apart', async () => {
    const { book, policy } = setup()
    const a = bitsBundle('com.stridewear.a', 40)
    const other = bitsBundle('com.other.a', 40, { partner: { id: 'other', name: 'Other' } })
    await book.give(subject(a), T0)
    await book.give(subject(other), T0)
    await policy.authorize(subject(a), T0)
    await policy.authorize(subject(other), T0)
    await expect(policy.authorize(subject(a), T0 + 1)).rejects.toMatchObject({
      code: 'SEALPOST_BUDGET_SPENT',
    })
    const tomorrow = Date.UTC(2026, 2, 11, 0, 0, 0)
    expect((await policy.authorize(subject(a), tomorrow)).leftBits).toBe(24)
  })

  it('uses the budget the person chose in the consent', async () => {
    const { book, policy } = setup()
    const a = bitsBundle('com.stridewear.a', 4)
    await book.give(subject(a), T0, { bitBudgetPerDay: 12 })
    await policy.authorize(subject(a), T0)
    await policy.authorize(subject(a), T0)
    await policy.authorize(subject(a), T0)
    await expect(policy.authorize(subject(a), T0)).rejects.toBeInstanceOf(BudgetSpentError)
  })

  it('does not meter local bundles, which send nothing', async () => {
    const { book, policy } = setup()
    const local = bitsBundle('com.stridewear.local', 60, { mode: 'local' })
    await book.give(subject(local), T0)
    for (let i = 0; i < 5; i++)
      expect((await policy.authorize(subject(local), T0)).chargedBits).toBe(0)
  })
})

describe('consent at run time', () => {
  it('allows a once consent a single run', async () => {
    const { book, policy } = setup()
    await book.give(subject(shoeSize), T0)
    await policy.authorize(subject(shoeSize), T0)
    await expect(policy.authorize(subject(shoeSize), T0 + DAY)).rejects.toThrow(/one run/)
    await book.give(subject(shoeSize), T0 + 2 * DAY)
    expect((await policy.authorize(subject(shoeSize), T0 + 2 * DAY)).bundleId).toBe(shoeSize.id)
  })

  it('refuses after expiry', async () => {
    const { book, policy } = setup()
    await book.give(subject(favoriteSport), T0, { expiresAt: T0 + DAY })
    await expect(policy.authorize(subject(favoriteSport), T0 + DAY)).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_EXPIRED',
    })
  })

  it('stops every future run at once on revocation, and logs each refusal', async () => {
    const { book, policy, audit, deletions } = setup()
    await book.give(subject(favoriteSport), T0)
    await policy.authorize(subject(favoriteSport), T0)
    const { deletion } = await policy.revoke(favoriteSport.id, T0 + 1)
    expect(deletion).toBeUndefined()
    expect(deletions).toEqual([])
    await expect(policy.authorize(subject(favoriteSport), T0 + 2)).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_REVOKED',
    })
    expect(audit.at(-1)).toMatchObject({
      kind: 'refusal',
      details: {
        code: 'SEALPOST_CONSENT_REVOKED',
        bundleId: favoriteSport.id,
        partner: 'stridewear',
      },
    })
  })

  it('queues a deletion request to the partner when asked', async () => {
    const { book, policy, deletions } = setup()
    const { record } = await book.give(subject(favoriteSport), T0)
    const { deletion, change } = await policy.revoke(favoriteSport.id, T0 + DAY, { delete: true })
    expect(change.record.status).toBe('withdrawn')
    expect(deletions).toEqual([
      {
        partnerId: 'stridewear',
        bundleId: favoriteSport.id,
        bundleDigest: subject(favoriteSport).digest,
        contractDigest: record.notice.contractDigest,
        requestedAt: T0 + DAY,
      },
    ])
    expect(deletion).toEqual(deletions[0])
  })

  it('refuses a deletion request it cannot send, before withdrawing anything', async () => {
    const store = new MemoryDocStore()
    const book = new ConsentBook(store)
    const policy = new SharingPolicy({ store, book })
    await book.give(subject(favoriteSport), T0)
    await expect(policy.revoke(favoriteSport.id, T0, { delete: true })).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_STATE',
    })
    expect((await book.current(favoriteSport.id))?.status).toBe('given')
  })
})

describe('deletion after a local bundle', () => {
  it('sends nothing, since nothing ever left', async () => {
    const { book, policy, deletions } = setup()
    const local = variant(favoriteSport, { mode: 'local' })
    await book.give(subject(local), T0)
    const { deletion, change } = await policy.revoke(local.id, T0 + 1, { delete: true })
    expect(change.record.status).toBe('withdrawn')
    expect(deletion).toBeUndefined()
    expect(deletions).toEqual([])
  })
})
