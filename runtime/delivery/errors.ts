/** Refusals of sealing, opening and delivery, each with a stable code. */

import { SealpostError } from '../../sandbox/errors.ts'

/** An envelope did not open: wrong partner key, another partner's envelope, or altered bytes. */
export class EnvelopeOpenError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_ENVELOPE_OPEN', message, options)
  }
}

/** An envelope or its plaintext is not in the sealpost envelope format. */
export class EnvelopeMalformedError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_ENVELOPE_MALFORMED', message, options)
  }
}

/** The payload is larger than the largest envelope the policy allows. */
export class EnvelopeTooLargeError extends SealpostError {
  readonly bytes: number
  readonly cap: number
  constructor(bytes: number, cap: number) {
    super(
      'SEALPOST_ENVELOPE_TOO_LARGE',
      `the payload is ${bytes} bytes, over the envelope cap of ${cap} bytes`,
    )
    this.bytes = bytes
    this.cap = cap
  }
}

/** An outbox entry does not exist or is not in a state the operation applies to. */
export class OutboxStateError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_OUTBOX_STATE', message)
  }
}

/** No sealing key is known for the partner. */
export class UnknownPartnerError extends SealpostError {
  constructor(partnerId: string) {
    super(
      'SEALPOST_UNKNOWN_PARTNER',
      `no sealing key is known for partner ${partnerId}: trust its key first`,
    )
  }
}

/** A `local` bundle's answer is for the person alone: it is never sealed or sent. */
export class LocalOnlyError extends SealpostError {
  constructor(bundleId: string) {
    super(
      'SEALPOST_LOCAL_ONLY',
      `${bundleId} runs in local mode: its answer never leaves the device`,
    )
  }
}
