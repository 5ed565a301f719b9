/**
 * The core of a consent as the run pipeline checks it: a record binding one bundle digest, the
 * exact scope it reads and the output schema it may emit. The full ISO/IEC TS 27560 record,
 * receipts, the lifecycle and the check itself (`assertConsent`) are in `runtime/consent/`.
 */

import { sha256Hex, stableJson } from '../digest.ts'
import type { Manifest } from '../manifest/types.ts'
import type { RunnableBundle } from '../pipeline/types.ts'

/** W3C DPV consent states. */
export type ConsentStatus = 'given' | 'refused' | 'withdrawn' | 'expired' | 'renewed'

export interface ConsentRecord {
  readonly bundleId: string
  readonly bundleDigest: string
  readonly scopeDigest: string
  readonly outputSchemaDigest: string
  readonly status: ConsentStatus
  /** ms since epoch */
  readonly givenAt: number
  /** ms since epoch; absent = until withdrawn */
  readonly expiresAt?: number
}

/** Digest of what a bundle reads: collections, fields (sorted) and windows. */
export function scopeDigest(manifest: Manifest): string {
  const reads = manifest.reads
    .map((r) => ({
      collection: r.collection,
      fields: [...r.fields].sort(),
      window: r.window ?? null,
    }))
    .sort((a, b) => (a.collection < b.collection ? -1 : a.collection > b.collection ? 1 : 0))
  return sha256Hex(stableJson(reads))
}

/** Digest of the output schema: what may leave. */
export function outputSchemaDigest(manifest: Manifest): string {
  return sha256Hex(stableJson(manifest.output))
}

/** A `given` consent for exactly this bundle, from `now`, optionally until `expiresAt`. */
export function giveConsent(
  bundle: RunnableBundle,
  now: number,
  options: { expiresAt?: number } = {},
): ConsentRecord {
  return {
    bundleId: bundle.manifest.id,
    bundleDigest: bundle.digest,
    scopeDigest: scopeDigest(bundle.manifest),
    outputSchemaDigest: outputSchemaDigest(bundle.manifest),
    status: 'given',
    givenAt: now,
    ...(options.expiresAt !== undefined ? { expiresAt: options.expiresAt } : {}),
  }
}
