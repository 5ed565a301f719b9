/** What the operator signs: receipts for envelopes, and the directory, reissued as it changes. */

import { canonicalize } from '../runtime/crypto/jcs.ts'
import {
  signDocument,
  type Directory,
  type EnvelopeReceipt,
  type SignedDocument,
} from '../runtime/relay/protocol.ts'
import type { RelayDeps } from './_context.ts'
import type { EnvelopeRecord } from './db/queries.ts'
import { insertDirectory, latestDirectory, listPartners } from './db/queries.ts'

/** The operator-signed receipt of an envelope in its current state. */
export function signedReceipt(deps: RelayDeps, e: EnvelopeRecord): SignedDocument<EnvelopeReceipt> {
  const body: EnvelopeReceipt = {
    format: 'sealpost-receipt-v1',
    envelopeId: e.id,
    partnerId: e.partnerId,
    pseudonym: e.pseudonym,
    bucket: e.bucket,
    envelopeDigest: e.digest,
    billable: e.billable,
    state: e.state,
    acceptedAt: e.postedAt,
    ...(e.settledAt !== undefined ? { settledAt: e.settledAt } : {}),
    ...(e.cents !== undefined ? { cents: e.cents } : {}),
  }
  return signDocument(deps.operatorKey, 'receipt', body)
}

/**
 * The current signed directory. A new version is issued when the admitted partners changed or
 * half of the latest one's lifetime has passed (so a device sees expiry coming, not a freeze).
 * Two processes racing to issue a version: one wins the primary key, both serve the winner.
 */
export async function currentDirectory(deps: RelayDeps): Promise<string> {
  const now = deps.clock()
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = await latestDirectory(deps.db)
    const partners = await listPartners(deps.db)
    if (latest) {
      const doc = JSON.parse(latest.document) as SignedDocument<Directory>
      const fresh = latest.expiresAt - now > deps.limits.directoryLifetimeMs / 2
      if (fresh && canonicalize(doc.body.partners) === canonicalize(partners))
        return latest.document
    }
    const body: Directory = {
      format: 'sealpost-directory-v1',
      version: (latest?.version ?? 0) + 1,
      issuedAt: now,
      expiresAt: now + deps.limits.directoryLifetimeMs,
      partners,
    }
    const document = JSON.stringify(signDocument(deps.operatorKey, 'directory', body))
    if (await insertDirectory(deps.db, body.version, document, body.expiresAt)) return document
  }
  throw new Error('could not issue a directory version after 5 attempts')
}
