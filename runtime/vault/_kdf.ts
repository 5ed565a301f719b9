/**
 * Passphrase → key-encryption key with scrypt (RFC 7914). Parameters live in the vault header.
 * Kept behind this one function so the crypto layer's KDF (native scrypt on Node) can replace it.
 */

import { scryptAsync } from '@noble/hashes/scrypt.js'
import { utf8Encode } from '../crypto/bytes.ts'

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number
  readonly r: number
  readonly p: number
}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1: 128 MiB). The default for every new vault. */
export const STRONG_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 })
/** A light preset for tests and benchmarks only (N=2^10): never for a real vault. */
export const LIGHT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 10, r: 8, p: 1 })

/** Checks scrypt parameters read from a header or given as options (bounds keep a header from DoS-ing us). */
export function checkScryptParams(params: ScryptParams, what: string): ScryptParams {
  const { N, r, p } = params
  if (!Number.isInteger(N) || N < 2 ** 10 || N > 2 ** 22 || (N & (N - 1)) !== 0) {
    throw new RangeError(`${what}.N must be a power of two in [2^10, 2^22]`)
  }
  if (!Number.isInteger(r) || r < 1 || r > 32) throw new RangeError(`${what}.r must be in [1, 32]`)
  if (!Number.isInteger(p) || p < 1 || p > 16) throw new RangeError(`${what}.p must be in [1, 16]`)
  return params
}

/** The 32-byte key-encryption key for `passphrase` (NFC-normalised UTF-8) and `salt`. */
export async function deriveKek(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<Uint8Array> {
  const { N, r, p } = params
  return scryptAsync(utf8Encode(passphrase.normalize('NFC')), salt, {
    N,
    r,
    p,
    dkLen: 32,
    maxmem: 2 ** 31,
  })
}
