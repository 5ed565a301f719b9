/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) behind one interface, with two byte-identical
 * implementations: `nobleXChaCha` (portable, @noble/ciphers) and the Node fast path on
 * `node:crypto`'s native ChaCha20-Poly1305. `defaultXChaCha()` picks native where it exists.
 *
 * Platform note: this file imports nothing Node-specific. The native path finds `node:crypto` at
 * call time through `process.getBuiltinModule` (`_node_crypto.ts`); in a browser that is absent and
 * `nodeNativeXChaCha()` returns undefined, so the same module works everywhere without a build switch.
 *
 * @example
 * const aead = defaultXChaCha()
 * const key = randomBytes(32), nonce = randomBytes(24), aad = utf8Encode('vault/col/3')
 * const sealed = aead.seal(key, nonce, utf8Encode('hi'), aad) // 2 + 16 bytes
 * utf8Decode(aead.open(key, nonce, sealed, aad)) // 'hi'
 */

import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { checkAeadArgs, TAG_LENGTH } from './_aead_args.ts'
import { createNodeXChaCha } from './_node_xchacha.ts'
import { nodeCrypto } from './_node_crypto.ts'
import { AeadAuthError } from './errors.ts'

export {
  KEY_LENGTH as XCHACHA_KEY_LENGTH,
  NONCE_LENGTH as XCHACHA_NONCE_LENGTH,
} from './_aead_args.ts'
export { TAG_LENGTH as XCHACHA_TAG_LENGTH } from './_aead_args.ts'

/** One XChaCha20-Poly1305 implementation. Keys are 32 bytes, nonces 24 bytes, tags 16 bytes. */
export interface XChaChaAead {
  readonly name: 'noble' | 'node-native'
  /** ciphertext||tag (16-byte tag appended) */
  seal(key: Uint8Array, nonce24: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array
  /** throws AeadAuthError (code SEALPOST_AEAD_AUTH) when the tag fails */
  open(key: Uint8Array, nonce24: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array
}

/** The portable implementation (@noble/ciphers `xchacha20poly1305`); works on every platform. */
export const nobleXChaCha: XChaChaAead = Object.freeze({
  name: 'noble' as const,
  seal(key: Uint8Array, nonce24: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
    checkAeadArgs(key, nonce24, plaintext, 'plaintext', aad)
    return xchacha20poly1305(key, nonce24, aad).encrypt(plaintext)
  },
  open(key: Uint8Array, nonce24: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
    checkAeadArgs(key, nonce24, sealed, 'sealed', aad)
    if (sealed.length < TAG_LENGTH) throw new AeadAuthError('sealed data is shorter than its tag')
    try {
      return xchacha20poly1305(key, nonce24, aad).decrypt(sealed)
    } catch (cause) {
      // Arguments were checked above, so what is left is a tag mismatch.
      throw new AeadAuthError(undefined, { cause })
    }
  },
})

let native: XChaChaAead | null | undefined

/**
 * The Node fast path (native ChaCha20-Poly1305 with noble's HChaCha20 subkey), or undefined where
 * `node:crypto` is absent (browsers) or its OpenSSL has no ChaCha20-Poly1305.
 */
export function nodeNativeXChaCha(): XChaChaAead | undefined {
  if (native === undefined) {
    const crypto = nodeCrypto()
    native = (crypto && createNodeXChaCha(crypto)) ?? null
  }
  return native ?? undefined
}

/** The fastest implementation this platform offers: native on Node, noble elsewhere. */
export function defaultXChaCha(): XChaChaAead {
  return nodeNativeXChaCha() ?? nobleXChaCha
}
