/**
 * What a bundle signature covers, and the bundle digest that names it:
 *
 *   message = "sealpost-bundle-v1\n" || SHA-256(JCS(manifest)) || SHA-256(code)
 *             || SHA-256(asset list) || u64be(expiresAt or 0)
 *   asset list = for each asset sorted by name: u32be(len(name)) || UTF-8 name || SHA-256(bytes)
 *   digest = hex(SHA-256(message))
 */

import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, toHex, utf8Encode } from '../crypto/bytes.ts'

/** Domain separation: a bundle signature can never be replayed as any other sealpost signature. */
export const BUNDLE_SIGNING_DOMAIN = 'sealpost-bundle-v1\n'

/** The exact bytes a partner signs over a bundle's parts. */
export function bundleSignedMessage(parts: {
  readonly manifestBytes: Uint8Array
  readonly code: Uint8Array
  readonly assets: readonly { readonly name: string; readonly bytes: Uint8Array }[]
  readonly expiresAt?: number | undefined
}): Uint8Array {
  const sorted = [...parts.assets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const list = sorted.map((a) => {
    const name = utf8Encode(a.name)
    const len = new Uint8Array(4)
    new DataView(len.buffer).setUint32(0, name.length)
    return concatBytes(len, name, sha256(a.bytes))
  })
  const expiry = new Uint8Array(8)
  new DataView(expiry.buffer).setBigUint64(0, BigInt(parts.expiresAt ?? 0))
  return concatBytes(
    utf8Encode(BUNDLE_SIGNING_DOMAIN),
    sha256(parts.manifestBytes),
    sha256(parts.code),
    sha256(concatBytes(...list)),
    expiry,
  )
}

/** The bundle digest: hex SHA-256 of the signed message. */
export function bundleDigest(message: Uint8Array): string {
  return toHex(sha256(message))
}
