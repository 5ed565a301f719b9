/**
 * Ed25519 on the relay's hot path through Node's native implementation (OpenSSL): a request
 * signature verified in ~0.2 ms and a receipt signed in ~0.03 ms, against ~1.2 ms and ~0.6 ms for
 * the portable JavaScript in runtime/crypto (measured on the 2-core machine of docs/relay.md). The
 * signatures are byte for byte the same (Ed25519 is deterministic).
 *
 * Verification stays **strict** (runtime/crypto/ed25519.ts: RFC 8032 §5.1.7, no malleability):
 * before OpenSSL is asked, the public key must be a canonical encoding (y < p, and not x = 0 with
 * the sign bit set) of a point not of small order (checked once per key: OpenSSL alone takes the
 * forgery R = identity, S = 0 under the identity, (0, -1) and both order-4 keys, which noble
 * refuses), and S < L. OpenSSL recomputes R and compares its canonical encoding with the
 * signature's bytes, so a non-canonical R fails there; and it checks the cofactorless equation,
 * which implies the cofactored one noble checks. So everything accepted here is accepted by
 * `runtime/crypto/ed25519.ts` too (tests/relay/ed25519.test.ts compares them on hostile inputs).
 */

import { ed25519 } from '@noble/curves/ed25519.js'
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
/** Public keys kept in each cache at most. */
const MAX_CACHED_KEYS = 4096
/** L = 2^252 + 27742317777372353535851937790883648493, the group order. */
const L = (1n << 252n) + 27742317777372353535851937790883648493n

function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!)
  return n
}

/** Whether 32 bytes are a canonical point encoding by RFC 8032 §5.1.3's rules on y and x_0. */
function canonicalPointEncoding(key: Uint8Array): boolean {
  const signBit = key[31]! >> 7
  const y = littleEndian(key) & ((1n << 255n) - 1n)
  const p = (1n << 255n) - 19n
  if (y >= p) return false
  // x = 0 exactly when y = ±1; then the sign bit must be 0.
  if (signBit === 1 && (y === 1n || y === p - 1n)) return false
  return true
}

/**
 * Whether 32 bytes are a public key someone can own: a canonical encoding of a point on the curve
 * that is not of small order. The eight small-order points (the torsion subgroup: the identity,
 * (0, -1), the two of order 4 and the four of order 8) have no secret key behind them: for a
 * small-order A, [k]A is the identity for one hash value k in eight, so R = identity and S = 0
 * "sign" a message with no key at all (and their X25519 forms give the all-zero shared secret).
 * A pseudonym or partner key that is one of them is refused. Costs a point decoding (~0.1 ms).
 */
export function isOwnablePublicKey(key: Uint8Array): boolean {
  if (key.length !== 32 || !canonicalPointEncoding(key)) return false
  try {
    return !ed25519.Point.fromBytes(key, false).isSmallOrder()
  } catch {
    return false // not on the curve
  }
}

/** Keys found ownable (decoding a point costs more than a lookup), oldest dropped first. */
const ownable = new Set<string>()

/** `isOwnablePublicKey` of a hex key, remembering the keys that passed. */
export function isOwnableKeyHex(hex: string): boolean {
  if (ownable.has(hex)) return true
  if (!/^[0-9a-f]{64}$/.test(hex) || !isOwnablePublicKey(Buffer.from(hex, 'hex'))) return false
  if (ownable.size >= MAX_CACHED_KEYS) ownable.delete(ownable.values().next().value!)
  ownable.add(hex)
  return true
}

/** Whether S (the signature's second half) is below L. */
function canonicalScalar(signature: Uint8Array): boolean {
  if ((signature[63]! & 0xf0) === 0) return true // S < 2^252 < L
  return littleEndian(signature.subarray(32)) < L
}

/** Imported public keys (importing costs more than verifying), oldest dropped first. */
const keys = new Map<string, KeyObject>()

/** Strict Ed25519 verification (see the module comment); malformed input is simply false. */
export function verifyFast(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  if (!canonicalPointEncoding(publicKey) || !canonicalScalar(signature)) return false
  const hex = Buffer.from(publicKey).toString('hex')
  let key = keys.get(hex)
  if (key === undefined) {
    // OpenSSL takes R = identity, S = 0 under the identity, (0, -1) and order-4 keys.
    if (!isOwnablePublicKey(publicKey)) return false
    try {
      key = createPublicKey({
        key: Buffer.concat([SPKI_PREFIX, publicKey]),
        format: 'der',
        type: 'spki',
      })
    } catch {
      return false
    }
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value!)
    keys.set(hex, key)
  }
  try {
    return verify(null, message, key, signature)
  } catch {
    return false
  }
}

/** A signer over a 32-byte seed; Node keeps the key (it cannot be wiped, only dropped). */
export function nativeSigner(seed: Uint8Array): (message: Uint8Array) => Uint8Array {
  const der = Buffer.concat([PKCS8_PREFIX, seed])
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  der.fill(0)
  return (message) => new Uint8Array(sign(null, message, key))
}
