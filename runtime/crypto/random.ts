/** Cryptographically secure random bytes from the platform (Web Crypto in browsers and Node 20). */

import { aint } from './_assert.ts'

// getRandomValues fills at most 65,536 bytes per call (Web Crypto spec, QuotaExceededError).
const MAX_CHUNK = 65_536

/** `n` fresh random bytes: `randomBytes(24)` for an XChaCha nonce. */
export function randomBytes(n: number): Uint8Array {
  aint(n, 'n', 0, 2 ** 31 - 1)
  const c = globalThis.crypto
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new TypeError('no secure random source: globalThis.crypto.getRandomValues is missing')
  }
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i += MAX_CHUNK)
    c.getRandomValues(out.subarray(i, Math.min(n, i + MAX_CHUNK)))
  return out
}
