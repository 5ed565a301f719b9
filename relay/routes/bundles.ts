/**
 * The registry's bundles: a partner publishes signed bundles (the relay checks the container and
 * that the partner's admitted key signed it; devices re-verify every byte), lists and withdraws
 * them; anyone lists offers and downloads bundle bytes.
 */

import { Hono } from 'hono'
import { readBundle } from '../../runtime/bundle/format.ts'
import { bundleDigest, bundleSignedMessage } from '../../runtime/bundle/signing.ts'
import { equalBytes, fromHex, utf8Decode } from '../../runtime/crypto/bytes.ts'
import { verify } from '../../runtime/crypto/ed25519.ts'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import {
  bundleBytes,
  insertBundle,
  listOffers,
  offerByDigest,
  withdrawBundle,
} from '../db/queries.ts'
import { bodyCap } from '../middleware/body_cap.ts'
import { signedBy } from '../middleware/auth.ts'
import { problem, RelayProblem } from '../problem.ts'

const DIGEST = /^[0-9a-f]{64}$/

/** Checks a published bundle against its partner's key; its digest, id and version. */
function checkPublished(
  bytes: Uint8Array,
  partner: { id: string; keyId: string; signingPublic: string },
): { digest: string; bundleId: string; version: string } {
  let parsed
  try {
    parsed = readBundle(bytes)
  } catch (e) {
    throw new RelayProblem('SEALPOST_BAD_BUNDLE', (e as Error).message)
  }
  const sig = parsed.signature
  if (sig.keyId !== partner.keyId || !equalBytes(sig.publicKey, fromHex(partner.signingPublic))) {
    throw new RelayProblem('SEALPOST_BAD_BUNDLE', `not signed with ${partner.id}'s admitted key`)
  }
  const message = bundleSignedMessage({ ...parsed, expiresAt: sig.expiresAt })
  if (!verify(sig.publicKey, message, sig.sig)) {
    throw new RelayProblem('SEALPOST_BAD_BUNDLE', 'the bundle signature does not verify')
  }
  let manifest: { id?: unknown; version?: unknown; partner?: { id?: unknown } }
  try {
    manifest = JSON.parse(utf8Decode(parsed.manifestBytes)) as typeof manifest
  } catch {
    throw new RelayProblem('SEALPOST_BAD_BUNDLE', 'the manifest is not JSON')
  }
  if (manifest.partner?.id !== partner.id) {
    throw new RelayProblem('SEALPOST_BAD_BUNDLE', `the manifest names another partner`)
  }
  if (typeof manifest.id !== 'string' || typeof manifest.version !== 'string') {
    throw new RelayProblem('SEALPOST_BAD_BUNDLE', 'the manifest has no id or version')
  }
  return { digest: bundleDigest(message), bundleId: manifest.id, version: manifest.version }
}

/** Bundle routes. */
export function bundleRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.get('/bundles', async (c) => {
    const partner = c.req.query('partner')
    return c.json({ offers: await listOffers(deps.db, partner) })
  })

  app.get('/bundles/:digest', async (c) => {
    const digest = c.req.param('digest')
    if (!DIGEST.test(digest)) return problem(c, 'SEALPOST_NOT_FOUND', 'no such bundle')
    const bytes = await bundleBytes(deps.db, digest)
    if (!bytes) {
      const offer = await offerByDigest(deps.db, digest)
      return offer
        ? problem(c, 'SEALPOST_GONE', `bundle ${digest} was withdrawn`)
        : problem(c, 'SEALPOST_NOT_FOUND', 'no such bundle')
    }
    c.header('content-type', 'application/octet-stream')
    return c.body(bytes.slice().buffer)
  })

  app.post(
    '/bundles',
    bodyCap(deps.limits.maxBundleBytes),
    signedBy(deps, 'partner'),
    async (c) => {
      const caller = c.get('caller')
      if (caller.kind !== 'partner') return problem(c, 'SEALPOST_FORBIDDEN')
      const bytes = c.get('body')
      const checked = checkPublished(bytes, caller.partner)
      const offer = await insertBundle(deps.db, {
        ...checked,
        partnerId: caller.partner.id,
        bytes,
        publishedAt: deps.clock(),
      })
      return c.json(offer, 201)
    },
  )

  app.delete(
    '/bundles/:digest',
    bodyCap(deps.limits.maxBodyBytes),
    signedBy(deps, 'partner'),
    async (c) => {
      const caller = c.get('caller')
      if (caller.kind !== 'partner') return problem(c, 'SEALPOST_FORBIDDEN')
      const offer = await withdrawBundle(
        deps.db,
        caller.partner.id,
        c.req.param('digest'),
        deps.clock(),
      )
      // Another partner's bundle is indistinguishable from none.
      return offer ? c.json(offer) : problem(c, 'SEALPOST_NOT_FOUND', 'no such bundle of yours')
    },
  )
  return app
}
