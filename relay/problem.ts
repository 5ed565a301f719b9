/**
 * Errors as RFC 9457 problem details (`application/problem+json`) with the project's stable
 * `SEALPOST_*` codes. Every refusal the relay makes goes through `problem()`; `RelayProblem` lets
 * deeper code throw one and the app's error handler render it.
 */

import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Problem } from '../runtime/relay/protocol.ts'

/** The relay's problem codes, with their HTTP status and title. */
export const PROBLEMS = {
  SEALPOST_MALFORMED_REQUEST: [400, 'The request body is not valid JSON'],
  SEALPOST_INVALID_REQUEST: [422, 'The request does not match its schema'],
  SEALPOST_BODY_TOO_LARGE: [413, 'The request body is over the cap'],
  SEALPOST_UNAUTHENTICATED: [401, 'The call is not signed'],
  SEALPOST_BAD_SIGNATURE: [401, 'The call signature does not verify'],
  SEALPOST_STALE_REQUEST: [401, 'The call was signed outside the accepted time window'],
  SEALPOST_REPLAYED_REQUEST: [401, 'This signed call was already received'],
  SEALPOST_BAD_KEY: [401, "This key cannot be anyone's: not a canonical point, or of small order"],
  SEALPOST_FORBIDDEN: [403, 'This caller may not do that'],
  SEALPOST_UNKNOWN_PARTNER: [404, 'No admitted partner has this id'],
  SEALPOST_NOT_FOUND: [404, 'Nothing here for this caller'],
  SEALPOST_CONFLICT: [409, 'This id is already taken by different content'],
  SEALPOST_GONE: [410, 'It was withdrawn or has expired'],
  SEALPOST_BAD_BUNDLE: [422, 'The bundle is malformed or not signed by the partner'],
  SEALPOST_BAD_ADMISSION: [403, "The admission is not signed by this relay's operator key"],
  SEALPOST_ADMISSION_EXPIRED: [422, 'The admission is outside its validity window'],
  SEALPOST_ADMISSION_REPLAYED: [
    409,
    'This admission, or a later one of the same partner, was already applied',
  ],
  SEALPOST_RATE_LIMITED: [429, 'Too many calls from this key'],
  SEALPOST_UNAVAILABLE: [503, 'The relay is not ready'],
  SEALPOST_INTERNAL: [500, 'The relay failed'],
} as const satisfies Record<string, readonly [number, string]>

/** One of the relay's problem codes. */
export type ProblemCode = keyof typeof PROBLEMS

/** The problem body for `code`. */
export function problemBody(code: ProblemCode, detail?: string): Problem {
  const [status, title] = PROBLEMS[code]
  return {
    type: `https://sealpost.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code,
    ...(detail !== undefined ? { detail } : {}),
  }
}

/** An RFC 9457 response for `code`. */
export function problem(c: Context, code: ProblemCode, detail?: string): Response {
  const body = problemBody(code, detail)
  c.header('content-type', 'application/problem+json')
  if (code === 'SEALPOST_RATE_LIMITED') c.header('retry-after', '1')
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode)
}

/** Thrown anywhere below a route; the app renders it with `problem()`. */
export class RelayProblem extends Error {
  readonly code: ProblemCode
  constructor(code: ProblemCode, detail?: string) {
    super(detail ?? PROBLEMS[code][1])
    this.code = code
  }
}
