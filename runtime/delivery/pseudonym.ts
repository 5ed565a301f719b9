/**
 * Per-partner pseudonyms of the person (DESIGN.md "Delivery and billing"): HMAC-SHA256 of a vault
 * secret and the partner id, as hex. Stable for one partner; two partners cannot link theirs
 * without the secret.
 */

import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { fromHex, toHex, utf8Encode } from '../crypto/bytes.ts'
import { randomBytes } from '../crypto/random.ts'
import type { DocStore } from '../consent/types.ts'

const SECRET_DOC = 'delivery/pseudonym-secret'
/** Bytes of the pseudonym secret. */
export const PSEUDONYM_SECRET_LENGTH = 32

/** The pseudonym of the vault's person for `partnerId`: hex HMAC-SHA256(secret, partnerId). */
export function partnerPseudonym(secret: Uint8Array, partnerId: string): string {
  if (!(secret instanceof Uint8Array) || secret.length < PSEUDONYM_SECRET_LENGTH) {
    throw new RangeError(`secret must be at least ${PSEUDONYM_SECRET_LENGTH} bytes`)
  }
  if (typeof partnerId !== 'string' || partnerId === '') {
    throw new TypeError('partnerId must be a non-empty string')
  }
  return toHex(hmac(sha256, secret, utf8Encode(partnerId)))
}

/** The vault's pseudonym secret from `store`, generated and saved on first use. */
export async function pseudonymSecret(store: DocStore): Promise<Uint8Array> {
  const hex = await store.getDoc<string>(SECRET_DOC)
  if (hex !== undefined) return fromHex(hex)
  const secret = randomBytes(PSEUDONYM_SECRET_LENGTH)
  await store.putDoc(SECRET_DOC, toHex(secret))
  return secret
}
