/**
 * Refusals of the crypto layer: each a named class with a stable code. Bad arguments (wrong key or
 * nonce length, wrong type) are `TypeError` / `RangeError` naming the argument, not these.
 */

import { SealpostError } from '../../sandbox/errors.ts'

/** An AEAD tag did not verify: wrong key, wrong associated data, or tampered/truncated bytes. */
export class AeadAuthError extends SealpostError {
  constructor(
    message = 'sealed data failed authentication (wrong key, or it was altered)',
    options?: { cause?: unknown },
  ) {
    super('SEALPOST_AEAD_AUTH', message, options)
  }
}

/** The passphrase does not unwrap the vault's data key. */
export class WrongPassphraseError extends SealpostError {
  constructor(options?: { cause?: unknown }) {
    super(
      'SEALPOST_WRONG_PASSPHRASE',
      'wrong passphrase: the vault key could not be unwrapped',
      options,
    )
  }
}

/** A Diffie-Hellman step produced the all-zero secret: the peer's public key has low order (RFC 9180 §7.1.4). */
export class InvalidPublicKeyError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_INVALID_PUBLIC_KEY', message, options)
  }
}

/** An HPKE context was used past its limits (sequence number overflow, RFC 9180 §5.2) or after dispose. */
export class HpkeContextError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_HPKE_CONTEXT', message, options)
  }
}
