/**
 * Partner admission as a document: the operator signs a `sealpost-admission-v1` (partner id,
 * name, keys, issue time, expiry) with the key that signs the directory, offline, and anyone (the
 * partner, the operator's tooling) posts it to the relay (`POST /v1/partners`). The relay checks
 * it against its own operator key, so a live fleet admits partners without a database session.
 *
 * @example
 * const doc = signAdmission(operator, parsePublicKey(pubText), { name: 'StrideWear', issuedAt: Date.now() })
 * await submitAdmission({ url }, doc) // runtime/relay/client.ts
 */

import { sha256 } from '@noble/hashes/sha2.js'
import type { PartnerPublicKey } from '../runtime/bundle/keys.ts'
import { toHex } from '../runtime/crypto/bytes.ts'
import {
  documentSignedMessage,
  signDocument,
  type PartnerAdmission,
  type SignedDocument,
} from '../runtime/relay/protocol.ts'
import type { OperatorKey } from './operator_key.ts'

/** How long an admission may be submitted by default: a week. */
export const DEFAULT_ADMISSION_LIFETIME_MS = 7 * 86_400_000

/** Signs an admission of `partner` under `name`, valid from `issuedAt` for `lifetimeMs`. */
export function signAdmission(
  operator: OperatorKey,
  partner: PartnerPublicKey,
  options: { name: string; issuedAt: number; lifetimeMs?: number },
): SignedDocument<PartnerAdmission> {
  const name = options.name.trim()
  if (name === '' || name.length > 200)
    throw new RangeError('options.name must be 1 to 200 characters')
  if (!Number.isSafeInteger(options.issuedAt) || options.issuedAt < 0)
    throw new RangeError('options.issuedAt must be ms since epoch')
  const lifetime = options.lifetimeMs ?? DEFAULT_ADMISSION_LIFETIME_MS
  if (!Number.isSafeInteger(lifetime) || lifetime <= 0)
    throw new RangeError('options.lifetimeMs must be a positive number of ms')
  const body: PartnerAdmission = {
    format: 'sealpost-admission-v1',
    partnerId: partner.partnerId,
    name,
    keyId: partner.keyId,
    signingPublic: toHex(partner.signingPublic),
    sealingPublic: toHex(partner.sealingPublic),
    issuedAt: options.issuedAt,
    expiresAt: options.issuedAt + lifetime,
  }
  return signDocument(operator, 'admission', body)
}

/** hex SHA-256 of what the operator signed: an admission's identity (replays are refused by it). */
export function admissionDigest(body: PartnerAdmission): string {
  return toHex(sha256(documentSignedMessage('admission', body)))
}
