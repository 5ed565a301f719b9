/** Refusals of the host runtime itself (the layers below have their own errors). */

import { SealpostError } from '../../sandbox/errors.ts'

/** No bundle with this id is installed. */
export class UnknownBundleError extends SealpostError {
  constructor(bundleId: string) {
    super('SEALPOST_UNKNOWN_BUNDLE', `no bundle '${bundleId}' is installed`)
  }
}

/** The runtime or a preview was used in a state that does not allow it. */
export class RuntimeStateError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_RUNTIME_STATE', message)
  }
}

/** A partner push whose signature, key or records do not check out. */
export class PushRejectedError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_PUSH_REJECTED', message, options)
  }
}
