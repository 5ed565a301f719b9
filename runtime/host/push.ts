/**
 * Partner push ("sync", the inverse of a cookie): a partner signs records for a person's vault
 * with its bundle-signing key. The vault accepts them only from a trusted, unrevoked key of the
 * same partner, and validates them like any import.
 */

import { canonicalBytes } from '../crypto/jcs.ts'
import { verify } from '../crypto/ed25519.ts'
import { concatBytes, fromHex, toHex, utf8Encode } from '../crypto/bytes.ts'
import type { PartnerKey, PartnerPublicKey, TrustStore } from '../bundle/index.ts'
import type { VaultRecord } from '../vault/index.ts'
import { PushRejectedError } from './errors.ts'

const PUSH_DOMAIN = 'sealpost-push-v1\n'
/** Records per push, at most. */
export const MAX_PUSH_RECORDS = 10_000

/** A batch of records signed by a partner. */
export interface SignedPush {
  readonly partnerId: string
  readonly keyId: string
  readonly collection: string
  readonly records: readonly VaultRecord[]
  /** ms since epoch */
  readonly signedAt: number
  /** Ed25519 signature, hex. */
  readonly signature: string
}

function message(p: Omit<SignedPush, 'signature' | 'keyId'>): Uint8Array {
  return concatBytes(
    utf8Encode(PUSH_DOMAIN),
    canonicalBytes({
      partnerId: p.partnerId,
      collection: p.collection,
      records: p.records,
      signedAt: p.signedAt,
    }),
  )
}

/** Partner side: signs `records` for `collection` with the partner's key. */
export function signPush(
  key: PartnerKey,
  collection: string,
  records: readonly VaultRecord[],
  signedAt: number,
): SignedPush {
  const unsigned = { partnerId: key.partnerId, collection, records, signedAt }
  return {
    ...unsigned,
    keyId: key.keyId,
    signature: toHex(key.sign(message(unsigned))),
  }
}

/** Vault side: the trusted key that signed the push; throws PushRejectedError otherwise. */
export function verifyPush(push: SignedPush, trust: TrustStore): PartnerPublicKey {
  if (!push || typeof push !== 'object') throw new PushRejectedError('a push must be an object')
  if (!Array.isArray(push.records) || push.records.length === 0) {
    throw new PushRejectedError('a push must carry at least one record')
  }
  if (push.records.length > MAX_PUSH_RECORDS) {
    throw new PushRejectedError(`a push carries at most ${MAX_PUSH_RECORDS} records`)
  }
  const trusted = trust.lookup(push.keyId)
  if (!trusted) throw new PushRejectedError(`key ${push.keyId} is not trusted`)
  if (trusted.revokedAt !== undefined) throw new PushRejectedError(`key ${push.keyId} was revoked`)
  if (trusted.key.partnerId !== push.partnerId) {
    throw new PushRejectedError(
      `key ${push.keyId} belongs to ${trusted.key.partnerId}, not ${push.partnerId}`,
    )
  }
  let signature: Uint8Array
  try {
    signature = fromHex(push.signature)
  } catch (e) {
    throw new PushRejectedError('the signature is not hex', { cause: e })
  }
  if (!verify(trusted.key.signingPublic, message(push), signature)) {
    throw new PushRejectedError('the signature does not match the records')
  }
  return trusted.key
}
