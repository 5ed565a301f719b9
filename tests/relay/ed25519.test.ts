/**
 * The relay's native Ed25519 (relay/_ed25519.ts) against the runtime's strict one: the same
 * signatures, and nothing accepted that the strict verifier refuses (non-canonical S, public keys
 * with y ≥ p or x = 0 with the sign bit, flipped bits, wrong lengths).
 */

import { describe, expect, it } from 'vitest'
import { ed25519 } from '@noble/curves/ed25519.js'
import { isOwnablePublicKey, nativeSigner, verifyFast } from '../../relay/_ed25519.ts'
import { generateSigningKeyPair, sign, verify } from '../../runtime/crypto/ed25519.ts'
import { randomBytes } from '../../runtime/crypto/random.ts'

const L = (1n << 252n) + 27742317777372353535851937790883648493n
const P = (1n << 255n) - 19n

function toLittleEndian(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    out[i] = Number(n & 0xffn)
    n >>= 8n
  }
  return out
}

function fromLittleEndian(bytes: Uint8Array): bigint {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!)
  return n
}

describe('relay Ed25519', () => {
  it('signs the same bytes as the runtime and verifies what the runtime verifies', () => {
    for (let i = 0; i < 50; i++) {
      const { secretKey, publicKey } = generateSigningKeyPair()
      const message = randomBytes(i * 7)
      const signature = nativeSigner(secretKey)(message)
      expect(signature).toEqual(sign(secretKey, message))
      expect(verifyFast(publicKey, message, signature)).toBe(true)
      // a flipped bit anywhere: both refuse
      const bad = signature.slice()
      bad[i % 64]! ^= 1 << (i % 8)
      expect(verifyFast(publicKey, message, bad)).toBe(false)
      expect(verify(publicKey, message, bad)).toBe(false)
      const other = message.slice()
      if (other.length > 0) {
        other[0]! ^= 1
        expect(verifyFast(publicKey, other, signature)).toBe(false)
      }
    }
  })

  it('refuses S + L, which a lax verifier would take (malleability)', () => {
    const { secretKey, publicKey } = generateSigningKeyPair()
    const message = randomBytes(40)
    const signature = sign(secretKey, message)
    const s = fromLittleEndian(signature.subarray(32))
    const malleated = signature.slice()
    malleated.set(toLittleEndian(s + L, 32), 32)
    expect(verify(publicKey, message, malleated)).toBe(false)
    expect(verifyFast(publicKey, message, malleated)).toBe(false)
  })

  it('refuses non-canonical public keys and wrong lengths', () => {
    const message = randomBytes(10)
    const signature = randomBytes(64)
    signature[63] = 0
    const keys = [
      toLittleEndian(P, 32), // y = p ≡ 0
      toLittleEndian(P + 1n, 32), // y = p + 1 ≡ 1
      toLittleEndian((1n << 255n) - 1n, 32), // y = 2^255 - 1
      (() => {
        const k = toLittleEndian(1n, 32) // y = 1, x = 0 with the sign bit
        k[31]! |= 0x80
        return k
      })(),
      (() => {
        const k = toLittleEndian(P - 1n, 32) // y = -1, x = 0 with the sign bit
        k[31]! |= 0x80
        return k
      })(),
    ]
    for (const k of keys) {
      expect(verifyFast(k, message, signature)).toBe(false)
      expect(verify(k, message, signature)).toBe(false)
    }
    // The identity point encoded as y = p + 1: OpenSSL alone would reduce it and accept R =
    // identity, S = 0 for any message; the canonical-encoding check refuses it first.
    const forged = new Uint8Array(64)
    forged[0] = 1
    expect(verifyFast(toLittleEndian(P + 1n, 32), message, forged)).toBe(false)
    expect(verify(toLittleEndian(P + 1n, 32), message, forged)).toBe(false)
    const { publicKey } = generateSigningKeyPair()
    expect(verifyFast(publicKey.subarray(1), message, signature)).toBe(false)
    expect(verifyFast(publicKey, message, signature.subarray(1))).toBe(false)
  })

  it('refuses the eight small-order keys, under which R = identity, S = 0 signs anything', () => {
    // An order-8 point (libsodium's small-order blocklist); its multiples are the torsion group.
    const g = ed25519.Point.fromHex(
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    )
    const torsion: Uint8Array[] = []
    for (let q = ed25519.Point.ZERO, i = 0; i < 8; i++, q = q.add(g)) torsion.push(q.toBytes())
    expect(new Set(torsion.map((k) => Buffer.from(k).toString('hex'))).size).toBe(8)
    const forged = new Uint8Array(64)
    forged[0] = 1 // R = identity (y = 1), S = 0
    const message = randomBytes(20)
    for (const k of torsion) {
      expect(isOwnablePublicKey(k)).toBe(false)
      expect(verifyFast(k, message, forged)).toBe(false)
      expect(verify(k, message, forged)).toBe(false)
    }
    // not on the curve at all
    const offCurve = toLittleEndian(2n, 32)
    expect(ed25519.utils.isValidPublicKey(offCurve, false)).toBe(false)
    expect(isOwnablePublicKey(offCurve)).toBe(false)
    // an ordinary key is ownable
    expect(isOwnablePublicKey(generateSigningKeyPair().publicKey)).toBe(true)
  })
})
