/**
 * Per-partner pseudonyms as public keys (docs/contracts.md "Delivery and billing"): the vault's pseudonym
 * secret and a partner id derive an Ed25519 seed (HKDF-SHA256, RFC 5869), and the pseudonym is the
 * hex of its public key. A device signs its relay calls with it; the relay verifies the signature
 * and learns nothing but that the caller holds this pseudonym. Stable for one partner; pseudonyms
 * for two partners are independent HKDF outputs, so nobody without the secret can link them.
 *
 * @example
 * using key = derivePseudonymKey(secret, 'stridewear')
 * key.pseudonym // 64 hex digits, the same every time for this vault and partner
 * verify(key.publicKey, msg, key.sign(msg)) // true
 */

import { ed25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { sign, signingPublicKey } from '../crypto/ed25519.ts'
import { toHex, utf8Encode, wipe } from '../crypto/bytes.ts'
import { PSEUDONYM_SECRET_LENGTH } from './pseudonym.ts'

/** HKDF salt: domain separation from every other key the vault secret could feed. */
const SALT = utf8Encode('sealpost-pseudonym-key-v1')

/** A pseudonym's signing key for one partner. Dispose it (or `using`) to wipe the seed. */
export class PseudonymKey {
  readonly partnerId: string
  /** Hex of the Ed25519 public key: what partners and the relay know the person as. */
  readonly pseudonym: string
  readonly publicKey: Uint8Array
  #seed: Uint8Array
  #alive = true

  constructor(partnerId: string, seed: Uint8Array) {
    if (!(seed instanceof Uint8Array) || seed.length !== 32)
      throw new RangeError('seed must be 32 bytes')
    this.partnerId = partnerId
    this.#seed = seed.slice()
    this.publicKey = signingPublicKey(this.#seed)
    this.pseudonym = toHex(this.publicKey)
  }

  get alive(): boolean {
    return this.#alive
  }

  /** Ed25519 signature of `message` by this pseudonym. */
  sign(message: Uint8Array): Uint8Array {
    if (!this.#alive) throw new Error('PseudonymKey used after dispose()')
    return sign(this.#seed, message)
  }

  /**
   * The X25519 secret that opens pushes sealed to this pseudonym (push_envelope.ts): the Ed25519
   * signing scalar in Montgomery form. A copy: the caller wipes it.
   */
  pushOpeningKey(): Uint8Array {
    if (!this.#alive) throw new Error('PseudonymKey used after dispose()')
    return ed25519.utils.toMontgomerySecret(this.#seed)
  }

  /** Wipes the seed. */
  dispose(): void {
    if (!this.#alive) return
    wipe(this.#seed)
    this.#alive = false
  }

  [Symbol.dispose](): void {
    this.dispose()
  }
}

/** The pseudonym key of the vault's person for `partnerId`: HKDF(secret, partnerId) → Ed25519. */
export function derivePseudonymKey(secret: Uint8Array, partnerId: string): PseudonymKey {
  if (!(secret instanceof Uint8Array) || secret.length < PSEUDONYM_SECRET_LENGTH) {
    throw new RangeError(`secret must be at least ${PSEUDONYM_SECRET_LENGTH} bytes`)
  }
  if (typeof partnerId !== 'string' || partnerId === '') {
    throw new TypeError('partnerId must be a non-empty string')
  }
  const seed = hkdf(sha256, secret, SALT, utf8Encode(partnerId), 32)
  try {
    return new PseudonymKey(partnerId, seed)
  } finally {
    wipe(seed)
  }
}

/** The pseudonym (hex public key) of the vault's person for `partnerId`. */
export function pseudonymOf(secret: Uint8Array, partnerId: string): string {
  using key = derivePseudonymKey(secret, partnerId)
  return key.pseudonym
}
