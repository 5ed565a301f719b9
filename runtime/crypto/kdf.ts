/**
 * Passphrase key wrapping for the vault (DESIGN "Vault"): scrypt (RFC 7914) turns the passphrase
 * and a stored salt into a wrapping key; the random 32-byte data key is sealed under it with
 * XChaCha20-Poly1305. The caller stores salt, params and the wrapped key in the vault header.
 *
 * scrypt runs on `node:crypto` where available (several times faster, byte-identical) and on
 * @noble/hashes `scryptAsync` elsewhere. Passphrase strings are NFC-normalized, then UTF-8 encoded,
 * so the same passphrase typed on macOS (NFD input) and elsewhere opens the same vault.
 *
 * @example
 * const salt = randomBytes(KDF_SALT_LENGTH)
 * const wrappingKey = await deriveWrappingKey('correct horse', salt, DEFAULT_SCRYPT_PARAMS)
 * const wrapped = wrapKey(wrappingKey, dataKey, utf8Encode(vaultId))
 * unwrapKey(wrappingKey, wrapped, utf8Encode(vaultId)) // dataKey, or WrongPassphraseError
 */

import { scryptAsync } from '@noble/hashes/scrypt.js'
import { abytes } from './_assert.ts'
import { nodeCrypto } from './_node_crypto.ts'
import { createNodeScrypt } from './_node_scrypt.ts'
import {
  checkScryptParams,
  DEFAULT_SCRYPT_LIMITS,
  scryptMemory,
  type ScryptLimits,
  type ScryptParams,
} from './_scrypt_params.ts'
import { defaultXChaCha, type XChaChaAead } from './xchacha.ts'
import { randomBytes } from './random.ts'
import { utf8Encode } from './bytes.ts'
import { AeadAuthError, WrongPassphraseError } from './errors.ts'

export { checkScryptParams, DEFAULT_SCRYPT_LIMITS, type ScryptLimits, type ScryptParams }

/** Production cost: N = 2^17, r = 8, p = 1 (128 MiB, the RFC 7914 §2 interactive-login class). */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 })

/**
 * Light preset for tests and demos only (N = 2^10: 1 MiB, about a millisecond): never for a real
 * vault, it makes a passphrase guess ~128 times cheaper.
 */
export const TEST_SCRYPT_PARAMS: ScryptParams = Object.freeze({ N: 2 ** 10, r: 8, p: 1 })

/** Shortest salt accepted, bytes. */
export const KDF_SALT_LENGTH = 16
/** Wrapping keys and data keys are 32 bytes. */
export const WRAPPING_KEY_LENGTH = 32
/** `wrapKey` output: 24-byte nonce || 32-byte sealed key || 16-byte tag. */
export const WRAPPED_KEY_LENGTH = 24 + 32 + 16

/** One scrypt implementation; `derive` takes already-checked parameters. */
export interface ScryptKdf {
  readonly name: 'noble' | 'node-native'
  derive(
    password: Uint8Array,
    salt: Uint8Array,
    params: ScryptParams,
    length: number,
  ): Promise<Uint8Array>
}

/** Portable scrypt (@noble/hashes `scryptAsync`, yields to the event loop every few ms). */
export const nobleScrypt: ScryptKdf = Object.freeze({
  name: 'noble' as const,
  derive(
    password: Uint8Array,
    salt: Uint8Array,
    params: ScryptParams,
    length: number,
  ): Promise<Uint8Array> {
    const { N, r, p } = params
    return scryptAsync(password, salt, { N, r, p, dkLen: length, maxmem: scryptMemory(params) })
  },
})

let native: ScryptKdf | null | undefined

/** scrypt on `node:crypto`, or undefined where it is absent (browsers). */
export function nodeNativeScrypt(): ScryptKdf | undefined {
  if (native === undefined) {
    const crypto = nodeCrypto()
    native = crypto && typeof crypto.scrypt === 'function' ? createNodeScrypt(crypto) : null
  }
  return native ?? undefined
}

/** The fastest scrypt this platform offers. */
export function defaultScrypt(): ScryptKdf {
  return nodeNativeScrypt() ?? nobleScrypt
}

/** Options of `deriveWrappingKey`. */
export interface DeriveOptions {
  /** Implementation to use (default: `defaultScrypt()`). */
  readonly scrypt?: ScryptKdf
  /** Caps on the parameters (default `DEFAULT_SCRYPT_LIMITS`). */
  readonly limits?: ScryptLimits
}

function passphraseBytes(passphrase: string | Uint8Array): Uint8Array {
  if (typeof passphrase === 'string') return utf8Encode(passphrase.normalize('NFC'))
  if (passphrase instanceof Uint8Array) return passphrase.slice()
  throw new TypeError('passphrase must be a string or a Uint8Array')
}

/** The 32-byte wrapping key of a passphrase: scrypt(NFC-UTF-8(passphrase), salt, params). */
export async function deriveWrappingKey(
  passphrase: string | Uint8Array,
  salt: Uint8Array,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
  opts: DeriveOptions = {},
): Promise<Uint8Array> {
  abytes(salt, 'salt')
  if (salt.length < KDF_SALT_LENGTH) {
    throw new RangeError(`salt must be at least ${KDF_SALT_LENGTH} bytes, got ${salt.length}`)
  }
  const checked = checkScryptParams(params, opts.limits)
  const password = passphraseBytes(passphrase)
  try {
    return await (opts.scrypt ?? defaultScrypt()).derive(
      password,
      salt,
      checked,
      WRAPPING_KEY_LENGTH,
    )
  } finally {
    password.fill(0)
  }
}

/** Seals a 32-byte data key under the wrapping key: random nonce || ciphertext || tag (72 bytes). */
export function wrapKey(
  wrappingKey: Uint8Array,
  dataKey: Uint8Array,
  aad: Uint8Array = new Uint8Array(0),
  aead: XChaChaAead = defaultXChaCha(),
): Uint8Array {
  abytes(wrappingKey, 'wrappingKey', WRAPPING_KEY_LENGTH)
  abytes(dataKey, 'dataKey', WRAPPING_KEY_LENGTH)
  const nonce = randomBytes(24)
  const sealed = aead.seal(wrappingKey, nonce, dataKey, aad)
  const out = new Uint8Array(WRAPPED_KEY_LENGTH)
  out.set(nonce, 0)
  out.set(sealed, 24)
  return out
}

/** The data key inside `wrapped`; WrongPassphraseError if the wrapping key (or aad) does not match. */
export function unwrapKey(
  wrappingKey: Uint8Array,
  wrapped: Uint8Array,
  aad: Uint8Array = new Uint8Array(0),
  aead: XChaChaAead = defaultXChaCha(),
): Uint8Array {
  abytes(wrappingKey, 'wrappingKey', WRAPPING_KEY_LENGTH)
  abytes(wrapped, 'wrapped', WRAPPED_KEY_LENGTH)
  try {
    return aead.open(wrappingKey, wrapped.subarray(0, 24), wrapped.subarray(24), aad)
  } catch (e) {
    if (e instanceof AeadAuthError) throw new WrongPassphraseError({ cause: e })
    throw e
  }
}
