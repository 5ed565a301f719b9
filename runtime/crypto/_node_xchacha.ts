/**
 * Node adapter: XChaCha20-Poly1305 on `node:crypto`'s native IETF ChaCha20-Poly1305 (RFC 8439)
 * with the HChaCha20 subkey computed by noble (draft-irtf-cfrg-xchacha §2.3):
 * subkey = HChaCha20(key, nonce[0..16]), nonce12 = 0x00000000 || nonce[16..24].
 */

import type { XChaChaAead } from './xchacha.ts'
import type { NodeCryptoModule } from './_node_crypto.ts'
import { hchachaSubkey } from './_hchacha.ts'
import { checkAeadArgs, TAG_LENGTH } from './_aead_args.ts'
import { AeadAuthError } from './errors.ts'

const ALGORITHM = 'chacha20-poly1305'

/**
 * An uninitialised, unpooled array of `n` bytes: skips the zero-fill of `new Uint8Array(n)` (every
 * byte is written right after) and, unlike `Buffer.allocUnsafe`, never shares the 8 KiB pool, so the
 * caller owns the whole ArrayBuffer. `Buffer` is a global wherever `node:crypto` exists.
 */
function uninitialized(n: number): Uint8Array {
  const b = globalThis.Buffer.allocUnsafeSlow(n)
  return new Uint8Array(b.buffer, b.byteOffset, b.length)
}

/**
 * Whether `a` spans its whole, unshared ArrayBuffer, so the caller may own it: not a slice of
 * Buffer's 8 KiB pool (where other allocations live beside it) nor a view into a larger buffer.
 */
function ownsBuffer(a: Uint8Array): boolean {
  return (
    a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer
  )
}

function derive(key: Uint8Array, nonce24: Uint8Array): { subkey: Uint8Array; nonce12: Uint8Array } {
  const subkey = hchachaSubkey(key, nonce24.subarray(0, 16))
  const nonce12 = new Uint8Array(12)
  nonce12.set(nonce24.subarray(16, 24), 4)
  return { subkey, nonce12 }
}

/** The native implementation over a given `node:crypto`, or undefined if its OpenSSL lacks ChaCha20-Poly1305. */
export function createNodeXChaCha(crypto: NodeCryptoModule): XChaChaAead | undefined {
  if (!crypto.getCiphers().includes(ALGORITHM)) return undefined
  return Object.freeze({
    name: 'node-native' as const,
    seal(key: Uint8Array, nonce24: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
      checkAeadArgs(key, nonce24, plaintext, 'plaintext', aad)
      const { subkey, nonce12 } = derive(key, nonce24)
      try {
        const cipher = crypto.createCipheriv(ALGORITHM, subkey, nonce12, {
          authTagLength: TAG_LENGTH,
        })
        cipher.setAAD(aad, { plaintextLength: plaintext.length })
        const body = cipher.update(plaintext)
        const tail = cipher.final() // empty for a stream cipher, kept for correctness
        const out = uninitialized(body.length + tail.length + TAG_LENGTH)
        out.set(body, 0)
        out.set(tail, body.length)
        out.set(cipher.getAuthTag(), body.length + tail.length)
        return out
      } finally {
        subkey.fill(0)
      }
    },
    open(key: Uint8Array, nonce24: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
      checkAeadArgs(key, nonce24, sealed, 'sealed', aad)
      if (sealed.length < TAG_LENGTH) throw new AeadAuthError('sealed data is shorter than its tag')
      const { subkey, nonce12 } = derive(key, nonce24)
      const split = sealed.length - TAG_LENGTH
      let body: Uint8Array | undefined
      try {
        const decipher = crypto.createDecipheriv(ALGORITHM, subkey, nonce12, {
          authTagLength: TAG_LENGTH,
        })
        decipher.setAAD(aad, { plaintextLength: split })
        decipher.setAuthTag(sealed.subarray(split))
        body = decipher.update(sealed.subarray(0, split))
        const tail = decipher.final() // throws when the tag does not verify
        if (tail.length === 0 && ownsBuffer(body)) {
          // node's output owns its whole ArrayBuffer (no pool slice): hand it over, uncopied.
          const out = new Uint8Array(body.buffer, 0, body.byteLength)
          body = undefined
          return out
        }
        const out = uninitialized(body.length + tail.length)
        out.set(body, 0)
        out.set(tail, body.length)
        return out
      } catch (cause) {
        throw new AeadAuthError(undefined, { cause })
      } finally {
        body?.fill(0) // unauthenticated or copied plaintext: never left behind
        subkey.fill(0)
      }
    },
  })
}
