/**
 * The Ed25519 operations bundles use, in one place so the implementation can be swapped
 * (runtime/crypto may grow its own). Verification is strict RFC 8032 (`zip215: false`): canonical
 * encodings only, no malleable S; tested against every Wycheproof vector.
 */

import { ed25519 } from '@noble/curves/ed25519.js'

/** Strict Ed25519 verification; false (never a throw) for any malformed input. */
export function verifyEd25519(
  sig: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (sig.length !== 64 || publicKey.length !== 32) return false
  try {
    return ed25519.verify(sig, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}

/** Ed25519 signature of `message` by the 32-byte secret seed. */
export function signEd25519(message: Uint8Array, secret: Uint8Array): Uint8Array {
  return ed25519.sign(message, secret)
}

/** The Ed25519 public key of a 32-byte secret seed. */
export function ed25519PublicKey(secret: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secret)
}

/** Whether 32 bytes are a canonical encoding of a curve point (strict, as verification is). */
export function isValidEd25519PublicKey(publicKey: Uint8Array): boolean {
  return publicKey.length === 32 && ed25519.utils.isValidPublicKey(publicKey, false)
}
