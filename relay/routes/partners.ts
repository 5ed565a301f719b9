/**
 * `POST /v1/partners`: admits a partner from an operator-signed admission document
 * (relay/admission.ts). No call signature: the document carries the operator's, checked against
 * this relay's own operator key. Refused, each with its code: a body off the schema, a signature
 * by another key, a document outside its validity window, keys that do not match their key id or
 * that no one can hold, and a document applied before or older than the partner's current one.
 */

import { Hono } from 'hono'
import { keyIdOf } from '../../runtime/bundle/keys.ts'
import { fromHex } from '../../runtime/crypto/bytes.ts'
import {
  verifyDocument,
  type AdmissionResult,
  type Directory,
  type SignedDocument,
} from '../../runtime/relay/protocol.ts'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { currentDirectory } from '../_documents.ts'
import { isOwnablePublicKey } from '../_ed25519.ts'
import { parseBody, type Validators } from '../_validate.ts'
import { admissionDigest } from '../admission.ts'
import { applyAdmission } from '../db/queries.ts'
import { bodyCap } from '../middleware/body_cap.ts'
import { problem, RelayProblem } from '../problem.ts'

/** The rate limiter's bucket for admissions: the route is unsigned, so one bucket for all. */
const ADMISSION_BUCKET = 'admissions'

/** Partner admission routes. */
export function partnerRoutes(deps: RelayDeps, validators: Validators): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.post('/partners', bodyCap(deps.limits.maxBodyBytes), async (c) => {
    const now = deps.clock()
    if (!deps.rateLimiter.take(ADMISSION_BUCKET, now)) return problem(c, 'SEALPOST_RATE_LIMITED')
    const doc = parseBody(c.get('body'), validators.admission)
    if (!verifyDocument(doc, 'admission', deps.operatorKey.publicKey)) {
      return problem(c, 'SEALPOST_BAD_ADMISSION', "not signed by this relay's operator key")
    }
    const a = doc.body
    if (a.expiresAt <= a.issuedAt) {
      return problem(c, 'SEALPOST_INVALID_REQUEST', 'the admission expires before it is issued')
    }
    if (now >= a.expiresAt) {
      return problem(c, 'SEALPOST_ADMISSION_EXPIRED', `the admission expired at ${a.expiresAt}`)
    }
    // The same clock tolerance as signed calls: an operator's clock a little ahead is fine.
    if (a.issuedAt > now + deps.limits.signatureWindowMs) {
      return problem(
        c,
        'SEALPOST_ADMISSION_EXPIRED',
        `the admission is issued at ${a.issuedAt}, after the relay's time ${now}`,
      )
    }
    const signingPublic = fromHex(a.signingPublic)
    if (!isOwnablePublicKey(signingPublic)) {
      return problem(c, 'SEALPOST_INVALID_REQUEST', 'the signing key is not a key anyone can hold')
    }
    if (keyIdOf(signingPublic) !== a.keyId) {
      return problem(c, 'SEALPOST_INVALID_REQUEST', 'keyId does not match the signing key')
    }
    await deps.db.transaction(async (tx) => {
      const outcome = await applyAdmission(tx, {
        digest: admissionDigest(a),
        issuedAt: a.issuedAt,
        partner: {
          id: a.partnerId,
          name: a.name,
          keyId: a.keyId,
          signingPublic: a.signingPublic,
          sealingPublic: a.sealingPublic,
          admittedAt: now,
        },
      })
      if (outcome === 'replayed')
        throw new RelayProblem('SEALPOST_ADMISSION_REPLAYED', 'this admission was already applied')
      if (outcome === 'stale')
        throw new RelayProblem(
          'SEALPOST_ADMISSION_REPLAYED',
          `${a.partnerId} holds an admission issued at or after ${a.issuedAt}`,
        )
    })
    // The next directory carries the partner: issue it now, so the answer names its version.
    const directory = JSON.parse(await currentDirectory(deps)) as SignedDocument<Directory>
    const result: AdmissionResult = {
      partnerId: a.partnerId,
      keyId: a.keyId,
      directoryVersion: directory.body.version,
    }
    return c.json(result, 201)
  })
  return app
}
