/**
 * Refusals of the consent and policy layer, each with a stable code. `NoConsentError` and
 * `ConsentExpiredError` are the run pipeline's own classes (`runtime/errors.ts`), re-exported here.
 */

import { SealpostError } from '../../sandbox/errors.ts'
import { ConsentExpiredError, NoConsentError } from '../errors.ts'

export { ConsentExpiredError, NoConsentError }

/** The person withdrew consent for this bundle: no run happens until they give it again. */
export class ConsentRevokedError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_CONSENT_REVOKED', message)
  }
}

/** The bundle asks for a deeper personalization level than the person's dial allows. */
export class PersonalizationError extends SealpostError {
  readonly level: number
  readonly dial: number
  constructor(bundleId: string, level: number, dial: number) {
    super(
      'SEALPOST_PERSONALIZATION',
      `${bundleId} needs personalization level ${level}, but your dial is set to ${dial}`,
    )
    this.level = level
    this.dial = dial
  }
}

/** The run's bit bound would exceed what is left of the partner's bit budget today. */
export class BudgetSpentError extends SealpostError {
  readonly partnerId: string
  readonly neededBits: number
  readonly leftBits: number
  constructor(partnerId: string, neededBits: number, leftBits: number) {
    super(
      'SEALPOST_BUDGET_SPENT',
      `${partnerId} has ${fmtBits(leftBits)} bits left today and this run can send ${fmtBits(neededBits)}`,
    )
    this.partnerId = partnerId
    this.neededBits = neededBits
    this.leftBits = leftBits
  }
}

/** A consent action that does not apply to the record's state (withdrawing a refused consent, …). */
export class ConsentStateError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_CONSENT_STATE', message)
  }
}

function fmtBits(bits: number): string {
  return bits === Infinity ? 'unbounded' : Number.isInteger(bits) ? String(bits) : bits.toFixed(2)
}

/** An output schema's `x-noise` annotation cannot be applied as the contract states it. */
export class NoiseSchemaError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_NOISE_SCHEMA', message)
  }
}
