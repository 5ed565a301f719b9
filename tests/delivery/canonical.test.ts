/**
 * What leaves is the canonical (RFC 8785) form of the validated, noised value: a module cannot
 * carry extra bits in the order of its keys, its spacing or its number spelling.
 */
import { describe, expect, it } from 'vitest'
import { generateHpkeKeyPair } from '../../runtime/crypto/hpke.ts'
import { canonicalize } from '../../runtime/crypto/jcs.ts'
import {
  openEnvelope,
  openEnvelopePlaintext,
  sealEnvelope,
  type EnvelopePayload,
} from '../../runtime/delivery/index.ts'

const partner = generateHpkeKeyPair()
const base: Omit<EnvelopePayload, 'output'> = {
  kind: 'output',
  bundleId: 'com.example.flags',
  bundleDigest: 'ab'.repeat(32),
  pseudonym: 'cd'.repeat(32),
  sentAt: Date.UTC(2026, 2, 10),
  contractDigest: 'ef'.repeat(32),
}
const plaintextOf = async (output: unknown): Promise<string> => {
  const envelope = await sealEnvelope(
    { ...base, output },
    { partnerId: 'example', partnerPublicKey: partner.publicKey },
  )
  return new TextDecoder().decode(await openEnvelopePlaintext(envelope, partner.secretKey))
}

describe('sealed outputs are canonical', () => {
  it('seals the same plaintext for outputs that differ only in key order', async () => {
    // Four booleans: 4! = 24 orders would carry log2(24) ≈ 4.6 bits past the 4-bit bound.
    const orders = [
      { a: true, b: false, c: true, d: false },
      { d: false, c: true, b: false, a: true },
      { b: false, d: false, a: true, c: true },
    ]
    const plaintexts = new Set(await Promise.all(orders.map(plaintextOf)))
    expect(plaintexts.size).toBe(1)
    const [only] = plaintexts
    expect(only).toBe(canonicalize({ ...base, output: orders[0] }))
    expect(only).toContain('"output":{"a":true,"b":false,"c":true,"d":false}')
  })

  it('orders nested objects and spells numbers one way', async () => {
    const one = await plaintextOf({ z: [{ y: 1, x: 1e21 }], a: -0 })
    const two = await plaintextOf({ a: 0, z: [{ x: 1e21, y: 1.0 }] })
    expect(one).toBe(two)
    expect(one).toContain('"output":{"a":0,"z":[{"x":1e+21,"y":1}]}')
  })

  it('still opens to the same payload', async () => {
    const envelope = await sealEnvelope(
      { ...base, output: { b: 2, a: 1 } },
      { partnerId: 'example', partnerPublicKey: partner.publicKey },
    )
    expect(await openEnvelope(envelope, partner.secretKey)).toEqual({
      ...base,
      output: { a: 1, b: 2 },
    })
  })
})
