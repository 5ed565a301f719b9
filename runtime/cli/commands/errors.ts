/** Refusals of the person-facing CLI commands themselves (the layers below have their own). */

import { SealpostError } from '../../../sandbox/errors.ts'

/** The person answered no when asked to consent or to send: nothing was given or sent. */
export class DeclinedError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_DECLINED', message)
  }
}

/** A key to revoke is not in the vault's trust store. */
export class UnknownKeyError extends SealpostError {
  constructor(keyId: string, partnerId: string) {
    super(
      'SEALPOST_UNKNOWN_KEY',
      `key ${keyId} of partner ${partnerId} is not in this vault's trust store`,
    )
  }
}
