/** Node adapter: scrypt on `node:crypto` (OpenSSL, runs on the libuv thread pool), byte-identical to noble. */

import type { NodeCryptoModule } from './_node_crypto.ts'
import type { ScryptKdf } from './kdf.ts'
import { scryptMemory, type ScryptParams } from './_scrypt_params.ts'

// OpenSSL's own accounting differs slightly from noble's; leave headroom above the checked figure.
const MAXMEM_SLACK = 1024 * 1024

/** The native scrypt over a given `node:crypto`. Parameters are checked by the caller. */
export function createNodeScrypt(crypto: NodeCryptoModule): ScryptKdf {
  return Object.freeze({
    name: 'node-native' as const,
    derive(
      password: Uint8Array,
      salt: Uint8Array,
      params: ScryptParams,
      length: number,
    ): Promise<Uint8Array> {
      const { N, r, p } = params
      const maxmem = scryptMemory(params) + MAXMEM_SLACK
      return new Promise<Uint8Array>((resolve, reject) => {
        crypto.scrypt(password, salt, length, { N, r, p, maxmem }, (err, derived) => {
          if (err) return reject(err)
          const out = new Uint8Array(derived) // copy out of the Buffer, then wipe it
          derived.fill(0)
          resolve(out)
        })
      })
    },
  })
}
