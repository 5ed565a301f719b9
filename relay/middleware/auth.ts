/**
 * Signed calls (runtime/relay/protocol.ts): a partner signs with its admitted Ed25519 key, a device
 * with its pseudonym key (the pseudonym is the public key, so the relay verifies it without
 * learning anything else). Checks, cheapest first: headers present and well formed; time within
 * the window; the rate limit of the key; a pseudonym must be a key someone can hold (canonical,
 * not of small order); the signature over method, path, body digest, time, nonce and key; then
 * the nonce, recorded once per caller in the database (replays refused across every relay
 * process).
 */

import type { MiddlewareHandler } from 'hono'
import { fromHex } from '../../runtime/crypto/bytes.ts'
import { HEADER, parseCallerKey, requestSignatureBase } from '../../runtime/relay/protocol.ts'
import type { RelayDeps, RelayEnv } from '../_context.ts'
import { isOwnableKeyHex, verifyFast } from '../_ed25519.ts'
import { partnerById, useNonce } from '../db/queries.ts'
import { problem } from '../problem.ts'

/** Who may call a route. */
export type CallerKind = 'partner' | 'pseudonym'

/**
 * Requires a valid signature by a caller of kind `kind`; sets `caller`. With `deferNonce`, the
 * nonce is not recorded here but left in `nonce` for the route, which records it with
 * `useNonce` inside its own transaction (one durable commit for the call instead of two).
 */
export function signedBy(
  deps: RelayDeps,
  kind: CallerKind,
  options: { deferNonce?: boolean } = {},
): MiddlewareHandler<RelayEnv> {
  return async (c, next) => {
    const keyHeader = c.req.header(HEADER.key)
    const created = Number(c.req.header(HEADER.created))
    const nonce = c.req.header(HEADER.nonce)
    const signature = c.req.header(HEADER.signature)
    const key = parseCallerKey(keyHeader)
    if (!key || !keyHeader || !Number.isSafeInteger(created) || !nonce || !signature) {
      return problem(
        c,
        'SEALPOST_UNAUTHENTICATED',
        `sign the call: headers ${Object.values(HEADER).join(', ')}`,
      )
    }
    if (!/^[0-9a-f]{32,64}$/.test(nonce) || !/^[0-9a-f]{128}$/.test(signature)) {
      return problem(c, 'SEALPOST_BAD_SIGNATURE', 'nonce or signature is not hex of the right size')
    }
    if (key.kind !== kind) {
      return problem(c, 'SEALPOST_FORBIDDEN', `this route is for ${kind} calls`)
    }
    const now = deps.clock()
    if (Math.abs(now - created) > deps.limits.signatureWindowMs) {
      return problem(
        c,
        'SEALPOST_STALE_REQUEST',
        `signed at ${created}, relay time ${now}: more than ${deps.limits.signatureWindowMs} ms apart`,
      )
    }
    if (!deps.rateLimiter.take(keyHeader, now)) return problem(c, 'SEALPOST_RATE_LIMITED')
    // A small-order or non-canonical pseudonym is no one's key: anyone could sign as it.
    if (key.kind === 'pseudonym' && !isOwnableKeyHex(key.pseudonym)) {
      return problem(c, 'SEALPOST_BAD_KEY', 'the pseudonym is not a key anyone can hold')
    }
    let publicKey: Uint8Array
    if (key.kind === 'partner') {
      const partner = await partnerById(deps.db, key.id)
      if (!partner) return problem(c, 'SEALPOST_UNKNOWN_PARTNER', `no partner ${key.id}`)
      publicKey = fromHex(partner.signingPublic)
      c.set('caller', { kind: 'partner', partner })
    } else {
      publicKey = fromHex(key.pseudonym)
      c.set('caller', { kind: 'pseudonym', pseudonym: key.pseudonym })
    }
    const url = new URL(c.req.url)
    const base = requestSignatureBase({
      method: c.req.method,
      pathAndQuery: url.pathname + url.search,
      body: c.get('body') ?? new Uint8Array(0),
      created,
      nonce,
      key: keyHeader,
    })
    if (!verifyFast(publicKey, base, fromHex(signature))) {
      return problem(c, 'SEALPOST_BAD_SIGNATURE', `the signature does not verify for ${keyHeader}`)
    }
    if (options.deferNonce) {
      c.set('nonce', { caller: keyHeader, nonce, created })
      return next()
    }
    if (!(await useNonce(deps.db, keyHeader, nonce, created))) {
      return problem(c, 'SEALPOST_REPLAYED_REQUEST', 'this nonce was already used by this key')
    }
    return next()
  }
}
