/**
 * The consent check before a run, drop-in compatible with the pipeline's `assertConsent`
 * (`runtime/policy/consent.ts`) but naming why: refused or missing (SEALPOST_NO_CONSENT), withdrawn
 * (SEALPOST_CONSENT_REVOKED), expired (SEALPOST_CONSENT_EXPIRED), another version or scope
 * (SEALPOST_NO_CONSENT).
 */

import type { Manifest } from '../manifest/types.ts'
import {
  outputSchemaDigest,
  scopeDigest,
  type ConsentRecord as PipelineConsentRecord,
} from '../policy/consent.ts'
import { ConsentExpiredError, ConsentRevokedError, NoConsentError } from './errors.ts'

/** A bundle as the check needs it. */
export interface ConsentSubject {
  readonly manifest: Manifest
  readonly digest: string
}

/** Throws unless `record` is a live consent for exactly this bundle digest, scope and output schema. */
export function assertConsent<R extends PipelineConsentRecord>(
  record: R | undefined,
  bundle: ConsentSubject,
  now: number,
): R {
  const id = bundle.manifest.id
  if (!record) throw new NoConsentError(`no consent for ${id}: ask the person first`)
  if (record.bundleId !== id)
    throw new NoConsentError(`the consent on file is for ${record.bundleId}, not ${id}`)
  switch (record.status) {
    case 'refused':
      throw new NoConsentError(`you refused consent for ${id}`)
    case 'withdrawn':
      throw new ConsentRevokedError(`you withdrew consent for ${id}: it no longer runs`)
    case 'expired':
      throw new ConsentExpiredError(`consent for ${id} has expired: ask the person again`)
    case 'given':
    case 'renewed':
      break
    default:
      throw new NoConsentError(`consent for ${id} is in an unknown state`)
  }
  if (record.expiresAt !== undefined && now >= record.expiresAt) {
    throw new ConsentExpiredError(
      `consent for ${id} expired on ${new Date(record.expiresAt).toISOString().slice(0, 10)}`,
    )
  }
  if (record.bundleDigest !== bundle.digest) {
    throw new NoConsentError(
      `consent for ${id} was given to a different version of the bundle: ask the person again`,
    )
  }
  if (record.scopeDigest !== scopeDigest(bundle.manifest)) {
    throw new NoConsentError(`consent for ${id} does not cover what the bundle reads`)
  }
  if (record.outputSchemaDigest !== outputSchemaDigest(bundle.manifest)) {
    throw new NoConsentError(`consent for ${id} does not cover what the bundle outputs`)
  }
  return record
}
