/** HChaCha20 (draft-irtf-cfrg-xchacha §2.2): the XChaCha subkey from a key and a 16-byte nonce prefix. */

import { hchacha } from '@noble/ciphers/chacha.js'

// noble's hchacha takes native-endian Uint32Array views of the bytes and normalizes word order on
// big-endian hosts itself, so byte views are right on every host.
const SIGMA = new Uint32Array(new TextEncoder().encode('expand 32-byte k').buffer)

/** 32-byte subkey = HChaCha20(key, nonce16). The caller owns (and wipes) the result. */
export function hchachaSubkey(key: Uint8Array, nonce16: Uint8Array): Uint8Array {
  const k = new Uint32Array(8)
  const n = new Uint32Array(4)
  new Uint8Array(k.buffer).set(key)
  new Uint8Array(n.buffer).set(nonce16)
  const out = new Uint32Array(8)
  hchacha(SIGMA, k, n, out)
  k.fill(0)
  n.fill(0)
  return new Uint8Array(out.buffer)
}
