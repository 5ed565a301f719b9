/** Errors of the relay client, each with a stable code. */

import { SealpostError } from '../../sandbox/errors.ts'
import type { Problem } from './protocol.ts'

/** The relay refused a call: its RFC 9457 problem, code included. */
export class RelayError extends SealpostError {
  readonly status: number
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.code, `the relay refused: ${problem.detail ?? problem.title} (${problem.status})`)
    this.status = problem.status
    this.problem = problem
  }
}

/** The relay could not be reached, or kept failing, after every retry. */
export class RelayUnreachableError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_RELAY_UNREACHABLE', message, options)
  }
}

/** What the relay served does not check out against the pinned operator or partner keys. */
export class RelayTrustError extends SealpostError {
  constructor(
    code:
      | 'SEALPOST_RELAY_BAD_SIGNATURE'
      | 'SEALPOST_DIRECTORY_ROLLBACK'
      | 'SEALPOST_DIRECTORY_EXPIRED'
      | 'SEALPOST_DIRECTORY_MISMATCH'
      | 'SEALPOST_BUNDLE_MISMATCH',
    message: string,
  ) {
    super(code, message)
  }
}
