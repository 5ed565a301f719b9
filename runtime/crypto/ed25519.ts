/**
 * Ed25519 signatures (RFC 8032) with @noble/curves, verified **strictly**: canonical encodings of
 * R, A and S only (S < L, no non-canonical points), i.e. RFC 8032 §5.1.7 rather than ZIP-215. Bundle
 * signatures must mean the same thing to every verifier, so nothing malleable is accepted.
 *
 * On Node, keys, signatures and valid verifications go through `node:crypto` (`_node_ed25519.ts`:
 * same bytes, same verdicts), which spares a fresh process noble's base-point tables; a signature
 * OpenSSL does not accept is still judged by noble, so a refusal means exactly what it means here.
 *
 * @example
 * const { secretKey, publicKey } = generateSigningKeyPair()
 * const sig = sign(secretKey, utf8Encode('bundle digest'))
 * verify(publicKey, utf8Encode('bundle digest'), sig) // true
 */

import { ed25519 } from '@noble/curves/ed25519.js'
import { abytes } from './_assert.ts'
import { nodeCrypto } from './_node_crypto.ts'
import { createNodeEd25519, type NodeEd25519 } from './_node_ed25519.ts'
import { randomBytes } from './random.ts'

/** Secret keys are 32-byte seeds (RFC 8032 §5.1.5), public keys 32 bytes, signatures 64 bytes. */
export const ED25519_SECRET_KEY_LENGTH = 32
export const ED25519_PUBLIC_KEY_LENGTH = 32
export const ED25519_SIGNATURE_LENGTH = 64

let native: NodeEd25519 | null | undefined

/** The `node:crypto` implementation where the platform has it. */
function nodeEd25519(): NodeEd25519 | undefined {
  if (native === undefined) {
    const crypto = nodeCrypto()
    native = crypto ? createNodeEd25519(crypto) : null
  }
  return native ?? undefined
}

/** A signing key pair; the caller owns `secretKey` and should `wipe` it when done. */
export interface SigningKeyPair {
  readonly secretKey: Uint8Array
  readonly publicKey: Uint8Array
}

/** A fresh random key pair. */
export function generateSigningKeyPair(): SigningKeyPair {
  const secretKey = randomBytes(ED25519_SECRET_KEY_LENGTH)
  return { secretKey, publicKey: signingPublicKey(secretKey) }
}

/** The 32-byte public key of a 32-byte secret key (seed). */
export function signingPublicKey(secretKey: Uint8Array): Uint8Array {
  abytes(secretKey, 'secretKey', ED25519_SECRET_KEY_LENGTH)
  return nodeEd25519()?.publicKey(secretKey) ?? ed25519.getPublicKey(secretKey)
}

/** The deterministic 64-byte signature of `message` (RFC 8032 §5.1.6). */
export function sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  abytes(secretKey, 'secretKey', ED25519_SECRET_KEY_LENGTH)
  abytes(message, 'message')
  return nodeEd25519()?.sign(secretKey, message) ?? ed25519.sign(message, secretKey)
}

/**
 * Whether `signature` is a valid strict RFC 8032 signature of `message` by `publicKey`. Anything
 * malformed (wrong signature length, undecodable or non-canonical point, S ≥ L) is simply false.
 */
export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  abytes(publicKey, 'publicKey', ED25519_PUBLIC_KEY_LENGTH)
  abytes(message, 'message')
  abytes(signature, 'signature')
  if (signature.length !== ED25519_SIGNATURE_LENGTH) return false
  if (nodeEd25519()?.verifyIfValid(publicKey, message, signature)) return true
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false // noble throws on undecodable points; for a verifier that is just "not valid"
  }
}

/** Whether 32 bytes decode to a canonical Ed25519 point (a usable public key, strict rules). */
export function isValidSigningPublicKey(publicKey: Uint8Array): boolean {
  abytes(publicKey, 'publicKey')
  return (
    publicKey.length === ED25519_PUBLIC_KEY_LENGTH &&
    ed25519.utils.isValidPublicKey(publicKey, false)
  )
}
