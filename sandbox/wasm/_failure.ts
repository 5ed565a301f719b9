/**
 * Maps whatever ended a wasm run to the same stable codes the QuickJS engine uses. The engine has
 * no soft deadline: an endless loop ends by the host's hard deadline, outside this file.
 */

import type { SerializedError } from '../_protocol.ts'
import { oneLine, SealpostError } from '../errors.ts'
import { BridgeMisuse, GuestAbort } from './_bridge.ts'

const MAX_MESSAGE = 300

// AssemblyScript's standard library aborts with these when an allocation cannot be served.
const ALLOCATION_ABORT = /allocation too large|invalid (typed array )?length|out of memory/i

/** The stable code and one-line message for an exception thrown out of a wasm run. */
export function classifyFailure(e: unknown): SerializedError {
  if (e instanceof SealpostError) return { code: e.code, message: e.message }
  const message = oneLine(e instanceof Error ? e.message : String(e), MAX_MESSAGE)
  if (e instanceof GuestAbort) {
    if (ALLOCATION_ABORT.test(message)) {
      return {
        code: 'SEALPOST_GUEST_OUT_OF_MEMORY',
        message: `the module ran out of memory (${message})`,
      }
    }
    // AssemblyScript's shadow-stack check (incremental GC) aborts with "stack overflow".
    if (/^stack overflow/i.test(message)) {
      return {
        code: 'SEALPOST_GUEST_STACK_OVERFLOW',
        message: 'the module recursed past its stack bound',
      }
    }
    return { code: 'SEALPOST_GUEST_ERROR', message: `the module failed: ${message}` }
  }
  if (e instanceof BridgeMisuse) {
    return { code: 'SEALPOST_GUEST_ERROR', message: `the module misused a host call: ${message}` }
  }
  if (e instanceof RangeError && /call stack/i.test(message)) {
    return {
      code: 'SEALPOST_GUEST_STACK_OVERFLOW',
      message: 'the module recursed past its stack bound',
    }
  }
  if (e instanceof WebAssembly.RuntimeError) {
    // AssemblyScript's allocator executes `unreachable` when memory.grow fails at the bound; its
    // own errors go through env.abort first, so a bare `unreachable` is an allocation failure.
    if (/^unreachable/i.test(message)) {
      return {
        code: 'SEALPOST_GUEST_OUT_OF_MEMORY',
        message: 'the module could not grow its memory past the bound (unreachable trap)',
      }
    }
    if (/out of bounds memory|memory access out of bounds/i.test(message)) {
      return {
        code: 'SEALPOST_GUEST_OUT_OF_MEMORY',
        message: 'the module accessed memory outside its bounded linear memory',
      }
    }
    return { code: 'SEALPOST_GUEST_ERROR', message: `the module trapped: ${message}` }
  }
  if (e instanceof RangeError && /memory/i.test(message)) {
    return {
      code: 'SEALPOST_GUEST_OUT_OF_MEMORY',
      message: `the module's memory failed: ${message}`,
    }
  }
  return { code: 'SEALPOST_GUEST_ERROR', message: `the engine failed: ${message}` }
}
