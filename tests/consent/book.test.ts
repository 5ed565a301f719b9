import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  assertConsent,
  ConsentBook,
  ConsentExpiredError,
  ConsentRevokedError,
  ConsentStateError,
  MemoryDocStore,
  NoConsentError,
  verifyReceipt,
  type AuditSink,
  type ConsentReceipt,
} from '../../runtime/consent/index.ts'
import { outputSchemaDigest, scopeDigest } from '../../runtime/policy/consent.ts'
import { DAY, T0, favoriteSport, shoeSize, subject, variant } from './_helpers.ts'

const dpvRecord = readFileSync(
  new URL('../fixtures/consent/dpv_E0023_consent_record_27560.ttl', import.meta.url),
  'utf8',
)

function recordingAudit(): AuditSink & { entries: { kind: string; details: unknown }[] } {
  const entries: { kind: string; details: unknown }[] = []
  return {
    entries,
    async append(kind, details) {
      entries.push({ kind, details })
    },
  }
}

describe('a consent record has the ISO/IEC TS 27560 shape and binds exactly one bundle', () => {
  it('covers the fields of the DPV 27560 example', async () => {
    // The fixture's fields, and where each lives in our record.
    for (const term of [
      'dpv:hasDataSubject',
      'dpv:hasNotice',
      'dpv:hasPurpose',
      'dpv:hasPersonalData',
      'dpv:hasDataController',
      'dpv:hasRecipient',
      'dpv:hasStorageCondition',
      'dpv:hasConsentStatus',
      'dpv:isIndicatedAtTime',
    ]) {
      expect(dpvRecord).toContain(term)
    }
    const book = new ConsentBook(new MemoryDocStore())
    const { record } = await book.give(subject(shoeSize), T0, { expiresAt: T0 + 365 * DAY })
    expect(record.standard).toBe('ISO/IEC TS 27560 (DPV 27560-WD5)')
    expect(record.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(record.dataSubject).toMatch(/^[0-9a-f-]{36}$/)
    expect(record.notice.contractDigest).toMatch(/^[0-9a-f]{64}$/)
    expect(record.process).toEqual({
      purpose: 'Recommend running shoes in your size',
      legalBasis: 'dpv:Consent',
      personalData: [
        { collection: 'purchases', fields: ['orderedAt', 'category', 'size'], window: 'P3Y' },
      ],
      controller: { id: 'stridewear', name: 'StrideWear' },
      recipients: ['stridewear'],
      processing: ['dpv:Use', 'dpv:Transfer'],
      storage: { location: 'device', retentionDays: 30 },
    })
    expect(record.status).toBe('given')
    expect(record.events).toHaveLength(1)
    expect(record.events[0]).toMatchObject({ status: 'given', at: T0, method: 'explicit' })
    expect(record.bundleDigest).toBe(subject(shoeSize).digest)
    expect(record.scopeDigest).toBe(scopeDigest(shoeSize))
    expect(record.outputSchemaDigest).toBe(outputSchemaDigest(shoeSize))
    expect(record.bitBudgetPerDay).toBe(64)
    expect(record.recurrence).toBe('once')
    expect(record.expiresAt).toBe(T0 + 365 * DAY)
  })

  it('binds the same scope and output digests the run pipeline checks', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    const { record } = await book.give(subject(shoeSize), T0)
    expect(record.scopeDigest).toBe(scopeDigest(shoeSize))
    expect(record.outputSchemaDigest).toBe(outputSchemaDigest(shoeSize))
    expect(assertConsent(record, subject(shoeSize), T0 + 1)).toBe(record)
  })

  it('keeps the data subject and device key across books on the same store', async () => {
    const store = new MemoryDocStore()
    const a = await new ConsentBook(store).give(subject(shoeSize), T0)
    const b = await new ConsentBook(store).give(subject(favoriteSport), T0)
    expect(b.record.dataSubject).toBe(a.record.dataSubject)
    expect(b.receipt.devicePublicKey).toBe(a.receipt.devicePublicKey)
  })
})

describe('receipts are signed by the device key', () => {
  it('verifies with the device public key and fails when tampered', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    const { receipt } = await book.give(subject(shoeSize), T0)
    const key = await book.devicePublicKey()
    expect(verifyReceipt(receipt, key)).toBe(true)
    expect(verifyReceipt(receipt)).toBe(true)
    const tampered: ConsentReceipt[] = [
      { ...receipt, consent: { ...receipt.consent, bitBudgetPerDay: 6400 } },
      { ...receipt, consent: { ...receipt.consent, status: 'withdrawn' } },
      { ...receipt, service: { ...receipt.service, purpose: 'something else' } },
      { ...receipt, issuedAt: receipt.issuedAt + 1 },
      { ...receipt, signature: receipt.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
      { ...receipt, signature: 'zz' },
    ]
    for (const t of tampered) expect(verifyReceipt(t, key)).toBe(false)
  })

  it('fails against another device’s key', async () => {
    const { receipt } = await new ConsentBook(new MemoryDocStore()).give(subject(shoeSize), T0)
    const other = await new ConsentBook(new MemoryDocStore()).devicePublicKey()
    expect(verifyReceipt(receipt, other)).toBe(false)
  })

  it('issues one receipt per change, each attesting that event', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    await book.give(subject(shoeSize), T0)
    await book.withdraw(shoeSize.id, T0 + DAY)
    const receipts = await book.receipts(shoeSize.id)
    expect(receipts.map((r) => [r.consent.status, r.consent.event])).toEqual([
      ['given', 0],
      ['withdrawn', 1],
    ])
  })
})

describe('the consent lifecycle', () => {
  it('refuses a run with no consent, after a refusal, after withdrawal and after expiry', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    const b = subject(shoeSize)
    await expect(book.check(b, T0)).rejects.toMatchObject({ code: 'SEALPOST_NO_CONSENT' })
    await book.refuse(b, T0)
    await expect(book.check(b, T0)).rejects.toBeInstanceOf(NoConsentError)
    await book.give(b, T0, { expiresAt: T0 + 10 * DAY })
    expect((await book.check(b, T0 + DAY)).status).toBe('given')
    await expect(book.check(b, T0 + 10 * DAY)).rejects.toBeInstanceOf(ConsentExpiredError)
    await book.withdraw(shoeSize.id, T0 + 2 * DAY)
    await expect(book.check(b, T0 + 2 * DAY)).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_REVOKED',
    })
    await expect(book.check(b, T0 + 2 * DAY)).rejects.toBeInstanceOf(ConsentRevokedError)
    const r = await book.current(shoeSize.id)
    expect(r?.events.map((e) => e.status)).toEqual(['refused', 'given', 'withdrawn'])
  })

  it('marks a consent expired only once its time has come, then allows renewal', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    const b = subject(favoriteSport)
    await book.give(b, T0, { expiresAt: T0 + 30 * DAY })
    await expect(book.expire(favoriteSport.id, T0 + DAY)).rejects.toBeInstanceOf(ConsentStateError)
    expect(await book.expireDue(T0 + 29 * DAY)).toHaveLength(0)
    const [change] = await book.expireDue(T0 + 30 * DAY)
    expect(change?.record.status).toBe('expired')
    await expect(book.check(b, T0 + 30 * DAY)).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_EXPIRED',
    })
    const renewed = await book.renew(b, T0 + 31 * DAY, { expiresAt: T0 + 400 * DAY })
    expect(renewed.record.status).toBe('renewed')
    expect(renewed.record.expiresAt).toBe(T0 + 400 * DAY)
    expect((await book.check(b, T0 + 100 * DAY)).status).toBe('renewed')
  })

  it('will not renew or withdraw what was never given', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    await expect(book.withdraw('com.nobody.thing', T0)).rejects.toBeInstanceOf(ConsentStateError)
    await book.refuse(subject(shoeSize), T0)
    await expect(book.renew(subject(shoeSize), T0)).rejects.toMatchObject({
      code: 'SEALPOST_CONSENT_STATE',
    })
    await expect(book.withdraw(shoeSize.id, T0)).rejects.toBeInstanceOf(ConsentStateError)
  })

  it('refuses a run of another digest, another scope or another output schema', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    const { record } = await book.give(subject(shoeSize), T0)
    expect(() => assertConsent(record, subject(shoeSize, 'another'), T0)).toThrow(
      /different version/,
    )
    const wider = variant(shoeSize, {
      version: shoeSize.version,
      reads: [{ collection: 'purchases', fields: ['size'] }],
    })
    expect(() => assertConsent(record, subject(wider), T0)).toThrow(NoConsentError)
    const outputs = variant(shoeSize, { version: shoeSize.version, output: { type: 'boolean' } })
    expect(() => assertConsent(record, subject(outputs), T0)).toThrow(/outputs/)
    expect(() => assertConsent(record, subject(favoriteSport), T0)).toThrow(
      /not com.stridewear.favorite-sport/,
    )
  })

  it('serializes concurrent changes so none is lost', async () => {
    const book = new ConsentBook(new MemoryDocStore())
    await Promise.all([book.give(subject(shoeSize), T0), book.give(subject(favoriteSport), T0)])
    await Promise.all([book.withdraw(shoeSize.id, T0 + 1), book.withdraw(favoriteSport.id, T0 + 1)])
    expect((await book.all()).map((r) => r.status)).toEqual(['withdrawn', 'withdrawn'])
  })

  it('writes every decision to the audit sink', async () => {
    const audit = recordingAudit()
    const book = new ConsentBook(new MemoryDocStore(), { audit })
    await book.give(subject(shoeSize), T0)
    await book.withdraw(shoeSize.id, T0 + 1)
    expect(audit.entries.map((e) => e.kind)).toEqual(['consent', 'revoke'])
    expect(audit.entries[0]!.details).toMatchObject({
      status: 'given',
      partner: 'stridewear',
      bundleId: shoeSize.id,
      scopeDigest: scopeDigest(shoeSize),
    })
  })
})

describe('a new bundle version', () => {
  const v1 = favoriteSport
  const give = async () => {
    const book = new ConsentBook(new MemoryDocStore())
    await book.give(subject(v1), T0, { expiresAt: T0 + 365 * DAY, bitBudgetPerDay: 20 })
    return book
  }

  it('that only changes code keeps the consent, renewed and bound to the new digest', async () => {
    const book = await give()
    const v2 = variant(v1, {})
    const outcome = await book.onNewVersion(v1, subject(v2), T0 + DAY)
    expect(outcome.carried).toBe(true)
    expect(outcome.widenings).toEqual([])
    const r = await book.check(subject(v2), T0 + 2 * DAY)
    expect(r.status).toBe('renewed')
    expect(r.bundleVersion).toBe(v2.version)
    expect(r.bitBudgetPerDay).toBe(20)
    expect(r.expiresAt).toBe(T0 + 365 * DAY)
    expect(r.events.at(-1)).toMatchObject({ status: 'renewed', method: 'carried-over' })
    // The old version no longer runs under it.
    await expect(book.check(subject(v1), T0 + 2 * DAY)).rejects.toThrow(/different version/)
  })

  it('that narrows reads or outputs keeps the consent', async () => {
    const book = await give()
    const v2 = variant(v1, {
      reads: [{ collection: 'activities', fields: ['startedAt', 'sport'], window: 'P1Y' }],
      output: {
        type: 'object',
        additionalProperties: false,
        required: ['favoriteSport'],
        properties: { favoriteSport: { enum: ['running', 'cycling', 'other'] } },
      },
    })
    expect((await book.onNewVersion(v1, subject(v2), T0 + DAY)).carried).toBe(true)
    const r = await book.check(subject(v2), T0 + DAY)
    expect(r.scopeDigest).toBe(scopeDigest(v2))
    expect(r.process.personalData).toEqual(v2.reads)
  })

  it('that widens can be consented to afresh, and the record then describes it', async () => {
    const book = await give()
    const v2 = variant(v1, {
      reads: [...v1.reads, { collection: 'purchases', fields: ['size'] }],
      mode: 'share',
    })
    await book.onNewVersion(v1, subject(v2), T0 + DAY)
    const { record } = await book.give(subject(v2), T0 + 2 * DAY)
    expect(record.events.map((e) => e.status)).toEqual(['given', 'given'])
    expect(record.process.personalData).toEqual(v2.reads)
    expect(record.mode).toBe('share')
    expect(record.givenAt).toBe(T0 + 2 * DAY)
    expect((await book.check(subject(v2), T0 + 2 * DAY)).bundleVersion).toBe(v2.version)
  })

  const widening: [string, Parameters<typeof variant>[1], string][] = [
    [
      'a new collection',
      { reads: [...v1.reads, { collection: 'purchases', fields: ['size'] }] },
      'collection',
    ],
    [
      'a new field',
      {
        reads: [
          {
            collection: 'activities',
            fields: ['startedAt', 'sport', 'durationSec', 'distanceM'],
            window: 'P2Y',
          },
        ],
      },
      'field',
    ],
    ['a longer window', { reads: [{ ...v1.reads[0]!, window: 'P25M' }] }, 'window'],
    [
      'a higher bit bound',
      {
        output: {
          type: 'object',
          additionalProperties: false,
          required: ['favoriteSport'],
          properties: { favoriteSport: { type: 'integer', minimum: 0, maximum: 1000 } },
        },
      },
      'output-bits',
    ],
    [
      'a new output field',
      {
        output: {
          type: 'object',
          additionalProperties: false,
          required: ['sport'],
          properties: { sport: { enum: ['running', 'cycling'] } },
        },
      },
      'output-field',
    ],
  ]
  for (const [name, patch, what] of widening) {
    it(`with ${name} needs fresh consent: runs are refused`, async () => {
      const book = await give()
      const v2 = variant(v1, patch)
      const outcome = await book.onNewVersion(v1, subject(v2), T0 + DAY)
      expect(outcome.carried).toBe(false)
      expect(outcome.widenings.map((w) => w.what)).toContain(what)
      await expect(book.check(subject(v2), T0 + DAY)).rejects.toBeInstanceOf(NoConsentError)
      // Still bound to the old version.
      expect((await book.current(v1.id))?.bundleDigest).toBe(subject(v1).digest)
      expect((await book.current(v1.id))?.events).toHaveLength(1)
    })
  }

  it('does not revive a withdrawn consent', async () => {
    const book = await give()
    await book.withdraw(v1.id, T0 + 1)
    const outcome = await book.onNewVersion(v1, subject(variant(v1, {})), T0 + DAY)
    expect(outcome.carried).toBe(false)
    await expect(book.check(subject(variant(v1, {})), T0 + DAY)).rejects.toBeInstanceOf(
      ConsentRevokedError,
    )
  })
})
