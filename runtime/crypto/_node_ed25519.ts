/**
 * Node adapter: Ed25519 on `node:crypto` (OpenSSL), for the signatures a fresh CLI process makes
 * and checks, without the base-point tables noble builds on its first multiplication.
 *
 * Signing and public keys are deterministic (RFC 8032 §5.1.5–5.1.6): the same bytes as noble.
 * Verification must mean exactly what `ed25519.ts`'s strict noble verification means, and OpenSSL's
 * differs in three ways: it checks the cofactorless equation (noble the cofactored one, so OpenSSL
 * accepts a subset), and it does not refuse a non-canonical public key (y ≥ p, or x = 0 with the
 * sign bit set) nor a small-order one. So `verifyIfValid` answers true only when OpenSSL accepts and
 * the key passes those strict checks, which together imply noble's yes; everything else returns
 * undefined and the caller asks noble, which alone decides a refusal.
 */

import type { KeyObject } from 'node:crypto'
import type { NodeCryptoModule } from './_node_crypto.ts'
import { concatBytes, fromHex as hex, toHex } from './bytes.ts'

/** DER prefixes of an Ed25519 PKCS #8 private key (RFC 8410) and SubjectPublicKeyInfo. */
const PKCS8_PREFIX = hex('302e020100300506032b657004220420')
const SPKI_PREFIX = hex('302a300506032b6570032100')

/** The group order L and the field prime p, little-endian. */
const L = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')
const P = hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')

/** The canonical encodings of the eight points of small order (the 8-torsion subgroup). */
export const SMALL_ORDER_POINTS: readonly string[] = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
]

/** Whether the little-endian number `a` (its top bit masked off when `mask`) is below `limit`. */
function belowLE(a: Uint8Array, limit: Uint8Array, mask = false): boolean {
  for (let i = 31; i >= 0; i--) {
    const x = i === 31 && mask ? a[i]! & 0x7f : a[i]!
    if (x !== limit[i]) return x < limit[i]!
  }
  return false
}

/**
 * Whether noble's strict decoding accepts `publicKey` as a key that may sign: y < p, not x = 0
 * with the sign bit set (y = ±1 with the bit set), not of small order. (That the point is on the
 * curve at all, OpenSSL checks itself.)
 */
function strictKey(publicKey: Uint8Array): boolean {
  if (!belowLE(publicKey, P, true)) return false
  const signBit = (publicKey[31]! & 0x80) !== 0
  const y = Uint8Array.from(publicKey)
  y[31]! &= 0x7f
  const yHex = toHex(y)
  if (signBit && (yHex === SMALL_ORDER_POINTS[0] || yHex === SMALL_ORDER_POINTS[1])) return false
  return !SMALL_ORDER_POINTS.includes(toHex(publicKey))
}

export interface NodeEd25519 {
  publicKey(secretKey: Uint8Array): Uint8Array
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array
  /** True when the signature surely verifies under strict RFC 8032 rules; undefined: ask noble. */
  verifyIfValid(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): true | undefined
}

/** Ed25519 on `node:crypto`; arguments are checked by the caller (lengths, types). */
export function createNodeEd25519(crypto: NodeCryptoModule): NodeEd25519 {
  const privateKey = (seed: Uint8Array): KeyObject =>
    crypto.createPrivateKey({
      key: Buffer.from(concatBytes(PKCS8_PREFIX, seed)),
      format: 'der',
      type: 'pkcs8',
    })
  return {
    publicKey(secretKey) {
      const spki = crypto
        .createPublicKey(privateKey(secretKey))
        .export({ format: 'der', type: 'spki' })
      return new Uint8Array(spki.subarray(SPKI_PREFIX.length))
    },
    sign(secretKey, message) {
      return new Uint8Array(crypto.sign(null, message, privateKey(secretKey)))
    },
    verifyIfValid(publicKey, message, signature) {
      if (!belowLE(signature.subarray(32), L) || !strictKey(publicKey)) return undefined
      let key: KeyObject
      try {
        key = crypto.createPublicKey({
          key: Buffer.from(concatBytes(SPKI_PREFIX, publicKey)),
          format: 'der',
          type: 'spki',
        })
      } catch {
        return undefined
      }
      return crypto.verify(null, message, key, signature) ? true : undefined
    },
  }
}
