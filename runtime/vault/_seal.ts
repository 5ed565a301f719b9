/**
 * Sealing of vault objects: XChaCha20-Poly1305 with a fresh random 24-byte nonce stored in front
 * (`nonce ‖ ciphertext ‖ tag`), and associated data built from length-prefixed parts so that no
 * two different part lists give the same bytes.
 */

import { utf8Encode } from '../crypto/bytes.ts'
import { randomBytes } from '../crypto/random.ts'
import { defaultXChaCha } from '../crypto/xchacha.ts'
import type { XChaChaAead } from '../crypto/xchacha.ts'

export const NONCE_BYTES = 24
export const TAG_BYTES = 16
/** Bytes a sealed object adds to its plaintext. */
export const SEAL_OVERHEAD = NONCE_BYTES + TAG_BYTES

/** Associated data: each part as u32 big-endian length + UTF-8. */
export function aad(...parts: readonly string[]): Uint8Array {
  const encoded = parts.map((p) => utf8Encode(p))
  const out = new Uint8Array(encoded.reduce((s, e) => s + 4 + e.length, 0))
  const view = new DataView(out.buffer)
  let at = 0
  for (const e of encoded) {
    view.setUint32(at, e.length)
    out.set(e, at + 4)
    at += 4 + e.length
  }
  return out
}

/** The AEAD the vault uses (native on Node, noble elsewhere). */
export function vaultAead(): XChaChaAead {
  return defaultXChaCha()
}

/** `nonce ‖ seal(plaintext)` under `key` with `ad`. */
export function sealObject(
  aead: XChaChaAead,
  key: Uint8Array,
  plaintext: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES)
  const sealed = aead.seal(key, nonce, plaintext, ad)
  const out = new Uint8Array(NONCE_BYTES + sealed.length)
  out.set(nonce)
  out.set(sealed, NONCE_BYTES)
  return out
}

/** Opens what `sealObject` made; throws the AEAD's error (AeadAuthError) when anything differs. */
export function openObject(
  aead: XChaChaAead,
  key: Uint8Array,
  bytes: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  return aead.open(key, bytes.subarray(0, NONCE_BYTES), bytes.subarray(NONCE_BYTES), ad)
}
