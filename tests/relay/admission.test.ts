/**
 * Partner admission over HTTP (`POST /v1/partners`), against PGlite and a real PostgreSQL: an
 * operator-signed admission admits a partner and issues a new directory version; forged, expired,
 * replayed and older documents are refused with their codes, and so are keys no one can hold.
 * Also: a pseudonym that is a small-order point is refused before its signature is looked at.
 */

import { ed25519 } from '@noble/curves/ed25519.js'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { signAdmission } from '../../relay/admission.ts'
import type { Relay } from '../../relay/app.ts'
import type { RelayDatabase } from '../../relay/db/database.ts'
import { OperatorKey } from '../../relay/operator_key.ts'
import { signDocument, signRequest } from '../../runtime/relay/protocol.ts'
import { generatePartnerKey, type PartnerKey } from '../../runtime/bundle/index.ts'
import { toHex, utf8Encode } from '../../runtime/crypto/bytes.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import {
  DeviceRelayClient,
  PartnerRelayClient,
  submitAdmission,
} from '../../runtime/relay/index.ts'
import {
  admit,
  BACKENDS,
  backendAvailable,
  openBackend,
  relayOver,
  resetDatabase,
} from './_relay.ts'

const URL_ = 'http://relay.test'
const T0 = Date.UTC(2026, 5, 1, 12)
const HOUR = 3_600_000
const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))

describe.each(BACKENDS)('partner admission on %s', (backend) => {
  const available = backendAvailable(backend)
  const it_ = available ? it : it.skip
  const operator = OperatorKey.generate()
  const clock = { now: T0 }
  let db: RelayDatabase
  let stop: () => Promise<void>
  let connect: () => Promise<RelayDatabase>
  let relay: Relay
  let fetch: typeof globalThis.fetch
  let device: DeviceRelayClient
  let stride: PartnerKey

  beforeAll(async () => {
    if (!available) return
    ;({ db, stop, connect } = await openBackend(backend))
  }, 120_000)
  afterAll(async () => {
    if (available) await stop()
  })
  beforeEach(async () => {
    if (!available) return
    await resetDatabase(db)
    clock.now = T0
    ;({ relay, fetch } = relayOver(db, operator, clock))
    device = new DeviceRelayClient({
      url: URL_,
      fetch,
      retries: 0,
      clock: () => clock.now,
      operatorKey: operator.publicKey,
    })
    stride = generatePartnerKey('stridewear')
  })

  const post = async (body: unknown): Promise<Response> =>
    await relay.app.request(URL_ + '/v1/partners', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  async function expectProblem(res: Response, status: number, code: string): Promise<void> {
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status, code })
    expect(res.status).toBe(status)
  }

  it_('admits a partner from an operator-signed document and issues a new directory', async () => {
    await admit(db, generatePartnerKey('brewline'), 'Brewline', T0)
    expect((await device.directory()).version).toBe(1)
    const doc = signAdmission(operator, stride.publicKey, { name: 'StrideWear', issuedAt: T0 })
    const submitted = await submitAdmission(
      { url: URL_, fetch, retries: 0, operatorKey: operator.publicKey },
      doc,
    )
    expect(submitted).toEqual({
      partnerId: 'stridewear',
      keyId: stride.keyId,
      directoryVersion: 2,
      applied: true,
    })
    const d = await device.directory()
    expect(d.version).toBe(2)
    expect(d.partners.find((p) => p.id === 'stridewear')).toEqual({
      id: 'stridewear',
      name: 'StrideWear',
      keyId: stride.keyId,
      signingPublic: toHex(stride.publicKey.signingPublic),
      sealingPublic: toHex(stride.publicKey.sealingPublic),
      admittedAt: T0,
    })
    // the admitted key signs calls at once
    const partner = new PartnerRelayClient({
      url: URL_,
      fetch,
      retries: 0,
      clock: () => clock.now,
      key: stride,
    })
    const bundle = await signModuleFolder(join(algorithms, 'shoe-size'), stride)
    expect((await partner.publish(bundle)).partnerId).toBe('stridewear')
    // the same document again: refused by the relay, reported as already applied by the client
    await expectProblem(await post(doc), 409, 'SEALPOST_ADMISSION_REPLAYED')
    expect(
      await submitAdmission({ url: URL_, fetch, retries: 0, operatorKey: operator.publicKey }, doc),
    ).toMatchObject({ applied: false, directoryVersion: 2 })
    expect((await device.directory()).version).toBe(2)
  })

  it_('rotates a key with a later admission and refuses the older one after it', async () => {
    const first = signAdmission(operator, stride.publicKey, { name: 'StrideWear', issuedAt: T0 })
    const rotated = generatePartnerKey('stridewear')
    clock.now = T0 + HOUR
    const second = signAdmission(operator, rotated.publicKey, {
      name: 'StrideWear GmbH',
      issuedAt: T0 + HOUR,
    })
    expect((await post(second)).status).toBe(201)
    // the first document, never applied, is older than the key it would replace: refused
    await expectProblem(await post(first), 409, 'SEALPOST_ADMISSION_REPLAYED')
    const listed = (await device.directory()).partners
    expect(listed).toMatchObject([
      { id: 'stridewear', keyId: rotated.keyId, name: 'StrideWear GmbH' },
    ])
    // the old key no longer signs calls
    const old = new PartnerRelayClient({
      url: URL_,
      fetch,
      retries: 0,
      clock: () => clock.now,
      key: stride,
    })
    await expect(old.pullInbox()).rejects.toMatchObject({ code: 'SEALPOST_BAD_SIGNATURE' })
    const current = new PartnerRelayClient({
      url: URL_,
      fetch,
      retries: 0,
      clock: () => clock.now,
      key: rotated,
    })
    expect(await current.pullInbox()).toEqual([])
  })

  it_('does not let a document older than a direct `relay partner add` roll it back', async () => {
    const doc = signAdmission(operator, stride.publicKey, { name: 'Old', issuedAt: T0 - HOUR })
    const rekeyed = generatePartnerKey('stridewear')
    await admit(db, rekeyed, 'StrideWear', T0)
    await expectProblem(await post(doc), 409, 'SEALPOST_ADMISSION_REPLAYED')
    expect((await device.directory()).partners[0]!.keyId).toBe(rekeyed.keyId)
  })

  it_('refuses forged, tampered, expired and future documents with their codes', async () => {
    const doc = signAdmission(operator, stride.publicKey, { name: 'StrideWear', issuedAt: T0 })
    const stranger = OperatorKey.generate()
    await expectProblem(
      await post(signAdmission(stranger, stride.publicKey, { name: 'StrideWear', issuedAt: T0 })),
      403,
      'SEALPOST_BAD_ADMISSION',
    )
    // another partner's keys swapped in after signing
    const brew = generatePartnerKey('brewline')
    await expectProblem(
      await post({
        ...doc,
        body: { ...doc.body, signingPublic: toHex(brew.publicKey.signingPublic) },
      }),
      403,
      'SEALPOST_BAD_ADMISSION',
    )
    // a receipt-typed signature over the same body does not pass for an admission
    await expectProblem(
      await post({ ...signDocument(operator, 'receipt', doc.body), type: 'admission' }),
      403,
      'SEALPOST_BAD_ADMISSION',
    )
    // issued ten minutes after the relay's time: the operator's clock is off, or it is a trick
    const future = signAdmission(operator, stride.publicKey, {
      name: 'StrideWear',
      issuedAt: T0 + 10 * 60_000,
    })
    await expectProblem(await post(future), 422, 'SEALPOST_ADMISSION_EXPIRED')
    // four minutes ahead is within the signature window: fine
    clock.now = T0 + 6 * 60_000
    expect((await post(future)).status).toBe(201)
    clock.now = doc.body.expiresAt
    await expectProblem(await post(doc), 422, 'SEALPOST_ADMISSION_EXPIRED')
    expect((await device.directory()).partners.map((p) => p.id)).toEqual(['stridewear'])
  })

  it_('refuses malformed bodies, mismatched key ids and keys no one can hold', async () => {
    await expectProblem(await post('{"type": "admission",'), 400, 'SEALPOST_MALFORMED_REQUEST')
    await expectProblem(
      await post({ type: 'admission', body: {} }),
      422,
      'SEALPOST_INVALID_REQUEST',
    )
    const doc = signAdmission(operator, stride.publicKey, { name: 'StrideWear', issuedAt: T0 })
    await expectProblem(await post({ ...doc, extra: true }), 422, 'SEALPOST_INVALID_REQUEST')
    // the operator signed a key id that is not the key's: refused even though it verifies
    const wrongId = signDocument(operator, 'admission', { ...doc.body, keyId: '0'.repeat(16) })
    await expectProblem(await post(wrongId), 422, 'SEALPOST_INVALID_REQUEST')
    // a small-order signing key (the identity): anyone could sign as this partner
    const identity = toHex(ed25519.Point.ZERO.toBytes())
    const weak = signDocument(operator, 'admission', {
      ...doc.body,
      signingPublic: identity,
      keyId: toHex(
        new Uint8Array(await crypto.subtle.digest('SHA-256', ed25519.Point.ZERO.toBytes().slice())),
      ).slice(0, 16),
    })
    await expectProblem(await post(weak), 422, 'SEALPOST_INVALID_REQUEST')
    const expiredBeforeIssued = signDocument(operator, 'admission', {
      ...doc.body,
      expiresAt: doc.body.issuedAt,
    })
    await expectProblem(await post(expiredBeforeIssued), 422, 'SEALPOST_INVALID_REQUEST')
    expect((await device.directory()).partners).toEqual([])
  })

  it_(
    'applies one of two admissions of a partner posted at once to two relays: the later',
    async () => {
      const other = relayOver(await connect(), operator, clock)
      const rotated = generatePartnerKey('stridewear')
      const early = signAdmission(operator, stride.publicKey, { name: 'A', issuedAt: T0 - 1000 })
      const late = signAdmission(operator, rotated.publicKey, { name: 'B', issuedAt: T0 })
      const send = (r: Relay, d: unknown) =>
        r.app.request(URL_ + '/v1/partners', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(d),
        })
      const statuses = await Promise.all([send(relay, early), send(other.relay, late)])
      // the later one always lands; the earlier one lands only if it came first
      expect(statuses[1]!.status).toBe(201)
      expect([201, 409]).toContain(statuses[0]!.status)
      const d = await device.directory()
      expect(d.partners).toMatchObject([{ id: 'stridewear', keyId: rotated.keyId, name: 'B' }])
    },
  )

  it_('refuses a small-order pseudonym before its (forgeable) signature', async () => {
    const g = ed25519.Point.fromHex(
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    )
    for (let q = ed25519.Point.ZERO, i = 0; i < 8; i++, q = q.add(g)) {
      const pseudonym = q.toHex()
      // R = identity, S = 0: verifies under the identity and other low-order keys in OpenSSL
      const forger = { sign: () => Uint8Array.from({ length: 64 }, (_, j) => (j === 0 ? 1 : 0)) }
      const headers = signRequest(
        forger,
        { kind: 'pseudonym', pseudonym },
        'GET',
        '/v1/receipts',
        utf8Encode(''),
        clock.now,
      )
      const res = await relay.app.request(URL_ + '/v1/receipts', { headers })
      await expectProblem(res, 401, 'SEALPOST_BAD_KEY')
    }
  })
})
