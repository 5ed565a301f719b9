import fc from 'fast-check'
import { createPrivateKey, createPublicKey, hkdfSync } from 'node:crypto'
import { verify } from '../../runtime/crypto/ed25519.ts'
import { describe, expect, it } from 'vitest'
import { generateHpkeKeyPair } from '../../runtime/crypto/hpke.ts'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import {
  bucketFor,
  envelopeBucket,
  openEnvelope,
  pad,
  derivePseudonymKey,
  pseudonymOf,
  sealEnvelope,
  unpad,
  EnvelopeMalformedError,
  EnvelopeOpenError,
  EnvelopeTooLargeError,
  type EnvelopePayload,
  type SealedEnvelope,
} from '../../runtime/delivery/index.ts'

const partner = generateHpkeKeyPair()
const payload: EnvelopePayload = {
  kind: 'output',
  bundleId: 'com.stridewear.shoe-size',
  bundleDigest: 'ab'.repeat(32),
  pseudonym: 'cd'.repeat(32),
  output: { euSize: 42 },
  sentAt: Date.UTC(2026, 2, 10),
  contractDigest: 'ef'.repeat(32),
}
const seal = (p: EnvelopePayload = payload, partnerId = 'stridewear'): Promise<SealedEnvelope> =>
  sealEnvelope(p, { partnerId, partnerPublicKey: partner.publicKey })

/** Flips one bit of a base64 field's bytes. */
function flip(b64: string, index: number): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
  bytes[index % bytes.length]! ^= 1
  return btoa(String.fromCharCode(...bytes))
}

describe('envelopes are sealed to the partner with HPKE', () => {
  it('opens with the partner key and gives back the payload', async () => {
    const envelope = await seal()
    expect(envelope.version).toBe('sealpost-envelope-v1')
    expect(envelope.to).toBe('stridewear')
    expect(JSON.stringify(envelope)).not.toContain('euSize')
    expect(await openEnvelope(envelope, partner.secretKey)).toEqual(payload)
  })

  it('refuses the wrong key with a named error', async () => {
    const other = generateHpkeKeyPair()
    await expect(openEnvelope(await seal(), other.secretKey)).rejects.toThrow(EnvelopeOpenError)
    await expect(openEnvelope(await seal(), other.secretKey)).rejects.toThrow(
      expect.objectContaining({ code: 'SEALPOST_ENVELOPE_OPEN' }),
    )
  })

  it('detects a changed recipient, id, enc or ciphertext', async () => {
    const e = await seal()
    const altered: SealedEnvelope[] = [
      { ...e, to: 'otherpartner' },
      { ...e, id: '00000000-0000-4000-8000-000000000000' },
      { ...e, enc: flip(e.enc, 3) },
      { ...e, ciphertext: flip(e.ciphertext, 0) },
      { ...e, ciphertext: flip(e.ciphertext, 10_000) },
    ]
    for (const a of altered)
      await expect(openEnvelope(a, partner.secretKey)).rejects.toThrow(EnvelopeOpenError)
  })

  it('refuses what is not an envelope, and a bad key argument by name', async () => {
    const e = await seal()
    await expect(
      openEnvelope({ ...e, version: 'v0' as 'sealpost-envelope-v1' }, partner.secretKey),
    ).rejects.toThrow(EnvelopeMalformedError)
    await expect(openEnvelope({ ...e, enc: '%%%' }, partner.secretKey)).rejects.toThrow(
      EnvelopeMalformedError,
    )
    await expect(openEnvelope(e, new Uint8Array(31))).rejects.toThrow(
      /partnerSecretKey must be 32 bytes/,
    )
  })
})

describe('envelopes are padded to size buckets', () => {
  it('hides the size of different outputs inside a bucket', async () => {
    const small = await seal({ ...payload, output: { euSize: 42 } })
    const larger = await seal({ ...payload, output: { euSize: 42, note: 'x'.repeat(60) } })
    expect(envelopeBucket(small)).toBe(512)
    expect(small.ciphertext.length).toBe(larger.ciphertext.length)
    const kib = await seal({ ...payload, output: 'y'.repeat(600) })
    expect(envelopeBucket(kib)).toBe(1024)
    expect((await openEnvelope(kib, partner.secretKey)).output).toBe('y'.repeat(600))
  })

  it('chooses the smallest bucket that fits and refuses past the largest', async () => {
    expect(bucketFor(0)).toBe(512)
    expect(bucketFor(511)).toBe(512)
    expect(bucketFor(512)).toBe(1024)
    expect(bucketFor(100, [256, 1024])).toBe(256)
    expect(bucketFor(65_535)).toBe(65_536)
    expect(() => bucketFor(65_536)).toThrow(EnvelopeTooLargeError)
    await expect(seal({ ...payload, output: 'z'.repeat(70_000) })).rejects.toThrow(
      expect.objectContaining({ code: 'SEALPOST_ENVELOPE_TOO_LARGE' }),
    )
  })

  it('round-trips any bytes through pad and unpad (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        const padded = pad(data)
        expect([512, 1024, 4096, 16_384, 65_536]).toContain(padded.length)
        expect(unpad(padded)).toEqual(data)
      }),
    )
    expect(() => unpad(new Uint8Array(512))).toThrow(EnvelopeMalformedError)
  })
})

describe('pseudonyms are Ed25519 public keys derived from a vault secret and the partner id', () => {
  it('is HKDF-SHA256(secret, salt, partner id) as an Ed25519 seed, checked against node:crypto', () => {
    const secret = fromHex('11'.repeat(32))
    const seed = hkdfSync('sha256', secret, 'sealpost-pseudonym-key-v1', 'stridewear', 32)
    const key = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(seed).toString('base64url'), x: '' },
      format: 'jwk',
    })
    const x = createPublicKey(key).export({ format: 'jwk' }).x!
    expect(pseudonymOf(secret, 'stridewear')).toBe(Buffer.from(x, 'base64url').toString('hex'))
  })

  it('is stable for a partner and unlinkable across partners and vaults', () => {
    const secret = fromHex('11'.repeat(32))
    const a = pseudonymOf(secret, 'stridewear')
    expect(pseudonymOf(secret, 'stridewear')).toBe(a)
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(pseudonymOf(secret, 'beanhouse')).not.toBe(a)
    expect(pseudonymOf(fromHex('22'.repeat(32)), 'stridewear')).not.toBe(a)
    // No shared structure across partners: about half the bits differ.
    const x = BigInt(`0x${a}`) ^ BigInt(`0x${pseudonymOf(secret, 'beanhouse')}`)
    const differing = x
      .toString(2)
      .split('')
      .filter((c) => c === '1').length
    expect(differing).toBeGreaterThan(128 - 4 * 8)
    expect(differing).toBeLessThan(128 + 4 * 8)
  })

  it('signs as the pseudonym, and is wiped on dispose', () => {
    const key = derivePseudonymKey(fromHex('11'.repeat(32)), 'stridewear')
    const msg = new TextEncoder().encode('relay call')
    expect(verify(fromHex(key.pseudonym), msg, key.sign(msg))).toBe(true)
    key.dispose()
    expect(() => key.sign(msg)).toThrow(/after dispose/)
  })

  it('refuses a short secret by name', () => {
    expect(() => pseudonymOf(new Uint8Array(16), 'x')).toThrow(/secret must be at least 32 bytes/)
    expect(toHex(new Uint8Array(0))).toBe('')
  })
})
