/**
 * Passphrase → key-encryption key: the crypto layer's scrypt (RFC 7914; native on Node, noble
 * elsewhere). Parameters live in the vault header, so they are checked here before use: a
 * tampered header must not make us allocate gigabytes.
 */

import { DEFAULT_SCRYPT_PARAMS, deriveWrappingKey, TEST_SCRYPT_PARAMS } from '../crypto/kdf.ts'

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number
  readonly r: number
  readonly p: number
}

/** OWASP's and RFC 7914's interactive class (N=2^17, r=8, p=1: 128 MiB). The default for every vault. */
export const STRONG_SCRYPT: ScryptParams = DEFAULT_SCRYPT_PARAMS
/** A light preset for tests and benchmarks only (N=2^10): never for a real vault. */
export const LIGHT_SCRYPT: ScryptParams = TEST_SCRYPT_PARAMS

/** Checks scrypt parameters from a header or options: N a power of two in [2^10, 2^20], r ≤ 32, p ≤ 16. */
export function checkScryptParams(params: ScryptParams, what: string): ScryptParams {
  const { N, r, p } = params ?? {}
  if (!Number.isInteger(N) || N < 2 ** 10 || N > 2 ** 20 || (N & (N - 1)) !== 0) {
    throw new RangeError(`${what}.N must be a power of two in [2^10, 2^20]`)
  }
  if (!Number.isInteger(r) || r < 1 || r > 32) throw new RangeError(`${what}.r must be in [1, 32]`)
  if (!Number.isInteger(p) || p < 1 || p > 16) throw new RangeError(`${what}.p must be in [1, 16]`)
  return { N, r, p }
}

/** The 32-byte key-encryption key for `passphrase` (NFC-normalised UTF-8) and `salt`. */
export function deriveKek(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<Uint8Array> {
  return deriveWrappingKey(passphrase, salt, checkScryptParams(params, 'scrypt'))
}
