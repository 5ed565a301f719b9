/**
 * The Ed25519 operations bundles use, in one place: they delegate to `runtime/crypto/ed25519.ts`
 * (strict RFC 8032, `zip215: false`: canonical encodings only, no malleable S). The Wycheproof
 * suite in tests/bundle runs against `verifyEd25519`, the exact function install relies on.
 */

import { isValidSigningPublicKey, sign, signingPublicKey, verify } from '../crypto/ed25519.ts'

/** Strict Ed25519 verification; false (never a throw) for any malformed input. */
export function verifyEd25519(
  sig: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (sig.length !== 64 || publicKey.length !== 32) return false
  return verify(publicKey, message, sig)
}

/** Ed25519 signature of `message` by the 32-byte secret seed. */
export function signEd25519(message: Uint8Array, secret: Uint8Array): Uint8Array {
  return sign(secret, message)
}

/** The Ed25519 public key of a 32-byte secret seed. */
export function ed25519PublicKey(secret: Uint8Array): Uint8Array {
  return signingPublicKey(secret)
}

/** Whether 32 bytes are a canonical encoding of a curve point (strict, as verification is). */
export function isValidEd25519PublicKey(publicKey: Uint8Array): boolean {
  return publicKey.length === 32 && isValidSigningPublicKey(publicKey)
}
