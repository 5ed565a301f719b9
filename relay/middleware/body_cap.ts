/**
 * Request bodies are capped before they are read: a declared Content-Length over the cap is
 * refused at once, and a chunked body is read chunk by chunk and abandoned at the cap. The bytes
 * are kept on the context (`c.get('body')`) so that signature checks and parsing read them once.
 */

import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../_context.ts'
import { problem } from '../problem.ts'

/** Caps the body at `maxBytes` and stores it as `body`. */
export function bodyCap(maxBytes: number): MiddlewareHandler<RelayEnv> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new RangeError('maxBytes must be an integer ≥ 0')
  return async (c, next) => {
    const declared = c.req.header('content-length')
    if (declared !== undefined && !(Number(declared) <= maxBytes)) {
      return problem(c, 'SEALPOST_BODY_TOO_LARGE', `bodies are capped at ${maxBytes} bytes`)
    }
    const stream = c.req.raw.body
    if (stream === null) {
      c.set('body', new Uint8Array(0))
      return next()
    }
    const reader = stream.getReader()
    const chunks: Uint8Array[] = []
    let total = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined)
        return problem(c, 'SEALPOST_BODY_TOO_LARGE', `bodies are capped at ${maxBytes} bytes`)
      }
      chunks.push(value)
    }
    const body = new Uint8Array(total)
    let offset = 0
    for (const chunk of chunks) {
      body.set(chunk, offset)
      offset += chunk.length
    }
    c.set('body', body)
    return next()
  }
}
