/**
 * The relay's OpenAPI 3.1 document, served at `/openapi.json`. A test checks that its operations
 * are exactly the app's routes. Request schemas are the ones the relay validates with.
 */

import relaySchema from '../schemas/relay.schema.json' with { type: 'json' }

type Auth = 'none' | 'partner' | 'pseudonym'

interface Operation {
  readonly method: 'get' | 'post' | 'delete'
  readonly path: string
  readonly summary: string
  readonly auth: Auth
  readonly body?: keyof typeof relaySchema.$defs | 'bundle'
  readonly ok: number
}

/** Every operation of the relay. */
export const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/healthz', summary: 'The process answers', auth: 'none', ok: 200 },
  { method: 'get', path: '/readyz', summary: 'The database answers', auth: 'none', ok: 200 },
  { method: 'get', path: '/openapi.json', summary: 'This document', auth: 'none', ok: 200 },
  {
    method: 'get',
    path: '/v1/directory',
    summary: 'Signed directory of partners',
    auth: 'none',
    ok: 200,
  },
  {
    method: 'post',
    path: '/v1/partners',
    summary: 'Admit a partner: an operator-signed admission (sealpost-admission-v1)',
    auth: 'none',
    body: 'admission',
    ok: 201,
  },
  {
    method: 'get',
    path: '/v1/bundles',
    summary: 'Offers (published bundles)',
    auth: 'none',
    ok: 200,
  },
  { method: 'get', path: '/v1/bundles/{digest}', summary: 'Bundle bytes', auth: 'none', ok: 200 },
  {
    method: 'post',
    path: '/v1/bundles',
    summary: 'Publish a signed bundle',
    auth: 'partner',
    body: 'bundle',
    ok: 201,
  },
  {
    method: 'delete',
    path: '/v1/bundles/{digest}',
    summary: 'Withdraw a bundle',
    auth: 'partner',
    ok: 200,
  },
  {
    method: 'post',
    path: '/v1/envelopes',
    summary: 'Post a sealed envelope (idempotent by id)',
    auth: 'pseudonym',
    body: 'postEnvelope',
    ok: 201,
  },
  {
    method: 'delete',
    path: '/v1/envelopes/{id}',
    summary: 'Withdraw an undelivered envelope',
    auth: 'pseudonym',
    ok: 200,
  },
  {
    method: 'get',
    path: '/v1/receipts',
    summary: "Signed receipts of the pseudonym's envelopes",
    auth: 'pseudonym',
    ok: 200,
  },
  {
    method: 'post',
    path: '/v1/inbox/pull',
    summary: "Lease envelopes from the partner's inbox",
    auth: 'partner',
    body: 'pullInbox',
    ok: 200,
  },
  {
    method: 'post',
    path: '/v1/inbox/ack',
    summary: 'Acknowledge envelopes: opened (metered) or unopenable',
    auth: 'partner',
    body: 'ack',
    ok: 200,
  },
  {
    method: 'post',
    path: '/v1/pushes',
    summary: 'Push signed records to a pseudonym, sealed to it (sealpost-push-v1)',
    auth: 'partner',
    body: 'push',
    ok: 201,
  },
  {
    method: 'get',
    path: '/v1/pushes',
    summary: 'Pushes waiting for the pseudonym',
    auth: 'pseudonym',
    ok: 200,
  },
  {
    method: 'post',
    path: '/v1/pushes/ack',
    summary: 'Acknowledge (delete) received pushes',
    auth: 'pseudonym',
    body: 'pushAck',
    ok: 200,
  },
  {
    method: 'get',
    path: '/v1/statements/{year}',
    summary: 'Signed statement for a calendar year',
    auth: 'partner',
    ok: 200,
  },
]

const SIGNED_CALL =
  'Ed25519 signature over "sealpost-request-v1\\n" METHOD "\\n" PATH?QUERY "\\n" hex(SHA-256(body)) ' +
  '"\\n" CREATED "\\n" NONCE "\\n" KEY, in headers sealpost-key (partner:ID | pseudonym:HEX), ' +
  'sealpost-created (ms), sealpost-nonce (hex, once per key), sealpost-signature (hex).'

/** The OpenAPI document. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(op.auth !== 'none' ? { security: [{ [op.auth]: [] }] } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content:
                op.body === 'bundle'
                  ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
                  : { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } },
            },
          }
        : {}),
      responses: {
        [String(op.ok)]: { description: 'OK' },
        default: {
          description: 'RFC 9457 problem with a SEALPOST_* code',
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/problem' } },
          },
        },
      },
    }
  }
  // The request schemas, with their internal references pointed at components.
  const schemas = JSON.parse(
    JSON.stringify(relaySchema.$defs).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Record<string, unknown>
  schemas['problem'] = {
    type: 'object',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      code: { type: 'string', pattern: '^SEALPOST_[A-Z_]+$' },
      detail: { type: 'string' },
    },
  }
  return {
    openapi: '3.1.0',
    info: { title: 'sealpost relay', version: '1' },
    paths,
    components: {
      schemas,
      securitySchemes: {
        partner: {
          type: 'apiKey',
          in: 'header',
          name: 'sealpost-signature',
          description: SIGNED_CALL,
        },
        pseudonym: {
          type: 'apiKey',
          in: 'header',
          name: 'sealpost-signature',
          description: SIGNED_CALL,
        },
      },
    },
  }
}
