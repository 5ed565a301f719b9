/** DHKEM(X25519, HKDF-SHA256), KEM id 0x0020 (RFC 9180 §4.1, §7.1). */

import { x25519 } from '@noble/curves/ed25519.js'
import { abytes } from './_assert.ts'
import { labeledExpand, labeledExtract, kemSuiteId, NH } from './_hpke_labels.ts'
import { concatBytes } from './bytes.ts'
import { InvalidPublicKeyError } from './errors.ts'

export const KEM_ID = 0x0020
/** Nsk = Npk = Nenc = Nsecret = 32 for X25519. */
export const X25519_KEY_LENGTH = 32

const SUITE = kemSuiteId(KEM_ID)
const EMPTY = new Uint8Array(0)

/** An X25519 key pair; the caller owns and wipes `secretKey`. */
export interface KemKeyPair {
  readonly secretKey: Uint8Array
  readonly publicKey: Uint8Array
}

/** The public key of an X25519 secret key. */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(abytes(secretKey, 'secretKey', X25519_KEY_LENGTH))
}

/** DeriveKeyPair(ikm) for X25519 (§7.1.3): sk = LabeledExpand(LabeledExtract("", "dkp_prk", ikm), "sk", "", 32). */
export function deriveKeyPair(ikm: Uint8Array): KemKeyPair {
  abytes(ikm, 'ikm')
  if (ikm.length < X25519_KEY_LENGTH)
    throw new RangeError(`ikm must be at least 32 bytes, got ${ikm.length}`)
  const prk = labeledExtract(SUITE, EMPTY, 'dkp_prk', ikm)
  const secretKey = labeledExpand(SUITE, prk, 'sk', EMPTY, X25519_KEY_LENGTH)
  prk.fill(0)
  return { secretKey, publicKey: publicKeyOf(secretKey) }
}

/**
 * X25519(sk, pk), refusing low-order public keys and the all-zero result (§7.1.4, RFC 7748 §6.1).
 * noble already blocks the low-order points before the ladder; the zero check stays as the rule.
 */
export function dh(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  abytes(publicKey, 'publicKey', X25519_KEY_LENGTH)
  let shared: Uint8Array
  try {
    shared = x25519.getSharedSecret(secretKey, publicKey)
  } catch (cause) {
    throw new InvalidPublicKeyError('the X25519 public key has low order: no shared secret', {
      cause,
    })
  }
  let acc = 0
  for (const b of shared) acc |= b
  if (acc === 0) throw new InvalidPublicKeyError('the X25519 shared secret is all zeros')
  return shared
}

function extractAndExpand(dhOut: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const prk = labeledExtract(SUITE, EMPTY, 'eae_prk', dhOut)
  try {
    return labeledExpand(SUITE, prk, 'shared_secret', kemContext, NH)
  } finally {
    prk.fill(0)
  }
}

/** Encap with a given ephemeral key pair (§4.1): returns the shared secret and enc = pkE. */
export function encapWith(
  ephemeral: KemKeyPair,
  recipientPublicKey: Uint8Array,
): { sharedSecret: Uint8Array; enc: Uint8Array } {
  const dhOut = dh(ephemeral.secretKey, recipientPublicKey)
  const enc = ephemeral.publicKey.slice()
  try {
    return { sharedSecret: extractAndExpand(dhOut, concatBytes(enc, recipientPublicKey)), enc }
  } finally {
    dhOut.fill(0)
  }
}

/** Decap(enc, skR) (§4.1): the shared secret the sender derived. */
export function decap(enc: Uint8Array, recipientSecretKey: Uint8Array): Uint8Array {
  abytes(enc, 'enc', X25519_KEY_LENGTH)
  abytes(recipientSecretKey, 'recipientSecretKey', X25519_KEY_LENGTH)
  const dhOut = dh(recipientSecretKey, enc)
  try {
    return extractAndExpand(dhOut, concatBytes(enc, publicKeyOf(recipientSecretKey)))
  } finally {
    dhOut.fill(0)
  }
}
