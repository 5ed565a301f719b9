/**
 * Request bodies: parsed from the capped bytes, then validated against `schemas/relay.schema.json`
 * with validators compiled once when the app is created, never per request.
 */

import type { ValidateFunction } from 'ajv'
import { createAjv } from '../runtime/_ajv.ts'
import relaySchema from '../schemas/relay.schema.json' with { type: 'json' }
import type {
  AckRequest,
  PartnerAdmission,
  PostEnvelopeRequest,
  SignedDocument,
} from '../runtime/relay/protocol.ts'
import type { SealedPush } from '../runtime/delivery/push_envelope.ts'
import { RelayProblem } from './problem.ts'

/** The request bodies the relay reads, by schema name. */
export interface RequestBodies {
  postEnvelope: PostEnvelopeRequest
  pullInbox: { limit?: number }
  ack: AckRequest
  push: { id: string; pseudonym: string; sealed: SealedPush }
  pushAck: { ids: string[] }
  admission: SignedDocument<PartnerAdmission>
}

/** Compiled validators of the relay's request bodies. */
export type Validators = { [K in keyof RequestBodies]: ValidateFunction<RequestBodies[K]> }

/** Compiles every validator (once per app). */
export function compileValidators(): Validators {
  const ajv = createAjv()
  ajv.addSchema(relaySchema)
  const get = <K extends keyof RequestBodies>(name: K): ValidateFunction<RequestBodies[K]> =>
    ajv.getSchema<RequestBodies[K]>(`${relaySchema.$id}#/$defs/${name}`)!
  return {
    postEnvelope: get('postEnvelope'),
    pullInbox: get('pullInbox'),
    ack: get('ack'),
    push: get('push'),
    pushAck: get('pushAck'),
    admission: get('admission'),
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/** Parses `body` as JSON and validates it; RelayProblem otherwise. */
export function parseBody<T>(body: Uint8Array, validate: ValidateFunction<T>): T {
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(body.length === 0 ? new TextEncoder().encode('{}') : body))
  } catch {
    throw new RelayProblem('SEALPOST_MALFORMED_REQUEST', 'the body is not UTF-8 JSON')
  }
  if (!validate(value)) {
    const e = validate.errors?.[0]
    throw new RelayProblem(
      'SEALPOST_INVALID_REQUEST',
      e ? `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}` : 'the body is invalid',
    )
  }
  return value
}
