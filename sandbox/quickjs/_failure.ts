/**
 * Maps whatever ended a QuickJS run to a stable error code: the guest's own exceptions (read
 * through the handle, never as host objects), the interrupt handler, out-of-memory and stack
 * bounds, and traps of the engine itself.
 */

import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core'
import type { SerializedError } from '../_protocol.ts'
import { oneLine } from '../errors.ts'

const MAX_GUEST_ERROR = 300

/** A failed run's outcome. */
export interface Failure {
  readonly ok: false
  readonly error: SerializedError
}

/** A failure with this code and message. */
export function fail(code: string, message: string): Failure {
  return { ok: false, error: { code, message } }
}

/** What the engine knows about a failed run besides the thrown value. */
export interface FailureState {
  /** The interrupt handler fired. */
  readonly interrupted: boolean
  /** The wasm memory grew past its initial size during the run. */
  readonly grew: boolean
}

/** Maps a guest exception to a stable error code; the handle is consumed. */
export function guestFailure(
  ctx: QuickJSContext,
  errorHandle: QuickJSHandle,
  { interrupted, grew }: FailureState,
): Failure {
  let name = 'Error'
  let message = ''
  let where = ''
  try {
    const dumped: unknown = ctx.dump(errorHandle)
    if (dumped && typeof dumped === 'object') {
      const d = dumped as { name?: unknown; message?: unknown; stack?: unknown }
      name = typeof d.name === 'string' ? d.name : name
      message = typeof d.message === 'string' ? d.message : String(dumped)
      // Where in the module it threw (its own code, so nothing of the host): the first frame
      // in module.js, which `bundle test` maps back to the partner's file:line.
      const at =
        typeof d.stack === 'string' ? /\(module\.js:(\d+)(?::(\d+))?\)/.exec(d.stack) : null
      if (at) where = ` (at module.js:${at[1]}${at[2] ? `:${at[2]}` : ''})`
    } else {
      name = 'thrown value'
      message = String(dumped)
    }
  } finally {
    errorHandle.dispose()
  }
  if (interrupted || (name === 'InternalError' && message === 'interrupted')) {
    return fail('SEALPOST_GUEST_TIMEOUT', 'the module ran past its deadline and was stopped')
  }
  // When QuickJS cannot even allocate the error object, the exception is null. A guest may throw
  // null itself, so only a run whose memory grew past its initial size counts as out of memory.
  const nothingThrown = name === 'thrown value' && (message === 'null' || message === 'undefined')
  if (
    (nothingThrown && grew) ||
    /out of memory|string too long|invalid array (buffer )?length/i.test(message)
  ) {
    return fail(
      'SEALPOST_GUEST_OUT_OF_MEMORY',
      `the module ran out of memory (${oneLine(message, MAX_GUEST_ERROR)})`,
    )
  }
  if (/stack overflow|call stack/i.test(message)) {
    return fail('SEALPOST_GUEST_STACK_OVERFLOW', 'the module recursed past its stack bound')
  }
  const text = oneLine(`${name}: ${message}`, MAX_GUEST_ERROR)
  return fail('SEALPOST_GUEST_ERROR', `the module failed: ${text}${oneLine(where, 200)}`)
}

/** Maps an exception thrown by the engine itself (a trap, an abort) to a stable error code. */
export function classifyHostError(e: unknown): Failure {
  const message = e instanceof Error ? e.message : String(e)
  if (/memory|Aborted|OOM/i.test(message)) {
    return fail('SEALPOST_GUEST_OUT_OF_MEMORY', 'the module exhausted its memory bound')
  }
  if (/stack/i.test(message)) {
    return fail('SEALPOST_GUEST_STACK_OVERFLOW', 'the module exhausted its stack bound')
  }
  return fail('SEALPOST_GUEST_ERROR', `the engine trapped: ${oneLine(message, MAX_GUEST_ERROR)}`)
}
