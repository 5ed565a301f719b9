/**
 * CORS for the person's web app: only the origins the operator lists may call the relay from a
 * page; the preflight names the signature headers; no list, no CORS headers at all.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelayApp } from '../../relay/app.ts'
import type { RelayDatabase } from '../../relay/db/database.ts'
import { OperatorKey } from '../../relay/operator_key.ts'
import { openBackend } from './_relay.ts'

const APP = 'https://app.sealpost.test'
let db: RelayDatabase
let stop: () => Promise<void>
const operatorKey = OperatorKey.generate()

beforeAll(async () => {
  const b = await openBackend('pglite')
  db = b.db
  stop = b.stop
}, 120_000)
afterAll(() => stop())

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type,sealpost-key,sealpost-signature',
  },
})

describe('relay CORS', () => {
  it('answers the listed origin, with the signature headers allowed', async () => {
    const { app } = createRelayApp({ db, operatorKey, allowedOrigins: [APP] })
    const pre = await app.request('/v1/envelopes', preflight(APP))
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe(APP)
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').split(',')
    for (const h of ['content-type', 'sealpost-key', 'sealpost-created', 'sealpost-nonce'])
      expect(allowed).toContain(h)
    expect(allowed).toContain('sealpost-signature')
    const dir = await app.request('/v1/directory', { headers: { origin: APP } })
    expect(dir.status).toBe(200)
    expect(dir.headers.get('access-control-allow-origin')).toBe(APP)
  })

  it('gives another origin nothing a browser would accept', async () => {
    const { app } = createRelayApp({ db, operatorKey, allowedOrigins: [APP] })
    const pre = await app.request('/v1/envelopes', preflight('https://evil.test'))
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    const dir = await app.request('/v1/directory', { headers: { origin: 'https://evil.test' } })
    expect(dir.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('sends no CORS headers when no origin is listed', async () => {
    const { app } = createRelayApp({ db, operatorKey })
    const dir = await app.request('/v1/directory', { headers: { origin: APP } })
    expect(dir.status).toBe(200)
    expect(dir.headers.get('access-control-allow-origin')).toBeNull()
  })
})
