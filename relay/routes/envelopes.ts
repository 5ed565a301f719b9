/**
 * The postman's device side: a device posts sealed envelopes (idempotent by envelope id: a retry
 * gets the same receipt), withdraws the ones not yet delivered, and collects the operator-signed
 * receipts of its pseudonym's envelopes (deletion requests' receipts are the deletion acks).
 */

import { Hono } from 'hono'
import { envelopeDigest } from '../../runtime/relay/protocol.ts'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { signedReceipt } from '../_documents.ts'
import { parseBody, type Validators } from '../_validate.ts'
import { envelopeById, envelopesOfPseudonym, settleEnvelope } from '../db/queries.ts'
import { bodyCap } from '../middleware/body_cap.ts'
import { signedBy } from '../middleware/auth.ts'
import { problem } from '../problem.ts'

/** Bytes of base64 text (the HPKE tag is 16 of them): the size bucket the relay may see. */
function bucketOf(ciphertextBase64: string): number {
  const padding = ciphertextBase64.endsWith('==') ? 2 : ciphertextBase64.endsWith('=') ? 1 : 0
  return (ciphertextBase64.length / 4) * 3 - padding - 16
}

/** Envelope routes for devices. */
export function envelopeRoutes(deps: RelayDeps, validators: Validators): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  const device = [bodyCap(deps.limits.maxBodyBytes), signedBy(deps, 'pseudonym')] as const
  const posting = [
    bodyCap(deps.limits.maxBodyBytes),
    signedBy(deps, 'pseudonym', { deferNonce: true }),
  ] as const

  app.post('/envelopes', ...posting, async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'pseudonym') return problem(c, 'SEALPOST_FORBIDDEN')
    const { envelope, billable } = parseBody(c.get('body'), validators.postEnvelope)
    const now = deps.clock()
    const digest = envelopeDigest(envelope)
    // The nonce, the binding and the envelope in one commit shared with the posts arriving at the
    // same time (relay/db/post_batch.ts): durable before the 2xx.
    const nonce = c.get('nonce')!
    const outcome = await deps.posts.post({
      caller: nonce.caller,
      nonce: nonce.nonce,
      created: nonce.created,
      id: envelope.id,
      partnerId: envelope.to,
      pseudonym: caller.pseudonym,
      bucket: bucketOf(envelope.ciphertext),
      digest,
      billable,
      body: JSON.stringify(envelope),
      postedAt: now,
      expiresAt: now + deps.limits.retentionMs,
    })
    if (outcome.kind === 'unknown-partner') {
      return problem(c, 'SEALPOST_UNKNOWN_PARTNER', `no admitted partner ${envelope.to}`)
    }
    if (outcome.kind === 'replayed') {
      return problem(c, 'SEALPOST_REPLAYED_REQUEST', 'this nonce was already used by this key')
    }
    if (outcome.kind === 'other-partner') {
      // Pseudonyms are per partner: one writing to two partners would link the person.
      return problem(c, 'SEALPOST_FORBIDDEN', 'this pseudonym belongs to another partner')
    }
    const { record, created } = outcome
    if (!created && (record.pseudonym !== caller.pseudonym || record.digest !== digest)) {
      return problem(
        c,
        'SEALPOST_CONFLICT',
        `envelope ${envelope.id} was posted with other content`,
      )
    }
    return c.json(signedReceipt(deps, record), created ? 201 : 200)
  })

  app.delete('/envelopes/:id', ...device, async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'pseudonym') return problem(c, 'SEALPOST_FORBIDDEN')
    const id = c.req.param('id')
    const record = await deps.db.transaction(async (tx) => {
      const e = await envelopeById(tx, id, true)
      if (!e || e.pseudonym !== caller.pseudonym) return undefined
      if (e.state !== 'queued') return e
      await settleEnvelope(tx, id, 'withdrawn', deps.clock(), 0)
      return envelopeById(tx, id)
    })
    if (!record) return problem(c, 'SEALPOST_NOT_FOUND', `no envelope ${id} of yours`)
    return c.json(signedReceipt(deps, record))
  })

  app.get('/receipts', ...device, async (c) => {
    const caller = c.get('caller')
    if (caller.kind !== 'pseudonym') return problem(c, 'SEALPOST_FORBIDDEN')
    const since = Number(c.req.query('since') ?? 0)
    const records = await envelopesOfPseudonym(
      deps.db,
      caller.pseudonym,
      Number.isFinite(since) ? since : 0,
    )
    return c.json({ receipts: records.map((r) => signedReceipt(deps, r)) })
  })
  return app
}
