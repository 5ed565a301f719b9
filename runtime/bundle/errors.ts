/**
 * Refusals of the bundle layer: reading, verifying and installing signed bundles, and key files.
 * Each has a stable code (matched by hosts, the CLI and tests) and a one-line message.
 */

import { SealpostError } from '../../sandbox/errors.ts'

/** The bytes are not a well-formed bundle (bad magic, header, lengths, trailing bytes, encoding). */
export class BundleMalformedError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_BUNDLE_MALFORMED', `malformed bundle: ${message}`, options)
  }
}

/** A part, or the whole bundle, is over its cap; refused before the rest is read. */
export class BundleTooLargeError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_BUNDLE_TOO_LARGE', `bundle too large: ${message}`)
  }
}

/** The signature does not verify over the parts: altered, or parts mixed from different bundles. */
export class BadSignatureError extends SealpostError {
  constructor(
    message = 'the signature does not match the bundle contents (altered or mixed parts)',
  ) {
    super('SEALPOST_BAD_SIGNATURE', message)
  }
}

/** The signing key is not in the trust store. */
export class UntrustedKeyError extends SealpostError {
  readonly keyId: string
  constructor(keyId: string) {
    super('SEALPOST_UNTRUSTED_KEY', `bundle is signed by key ${keyId}, which is not trusted here`)
    this.keyId = keyId
  }
}

/** The signing key was revoked. */
export class RevokedKeyError extends SealpostError {
  readonly keyId: string
  constructor(keyId: string, partnerId: string) {
    super('SEALPOST_REVOKED_KEY', `key ${keyId} of partner ${partnerId} has been revoked`)
    this.keyId = keyId
  }
}

/** The manifest names a partner other than the one the signing key belongs to. */
export class WrongKeyError extends SealpostError {
  constructor(manifestPartner: string, keyPartner: string, keyId: string, message?: string) {
    super(
      'SEALPOST_WRONG_KEY',
      message ??
        `manifest claims partner '${manifestPartner}' but key ${keyId} belongs to '${keyPartner}'`,
    )
  }
}

/** The version is lower than (or equal to) the one installed. */
export class RollbackError extends SealpostError {
  constructor(bundleId: string, version: string, installed: string) {
    super(
      'SEALPOST_ROLLBACK',
      `${bundleId} ${version} is not newer than the installed ${installed}; refusing a rollback`,
    )
  }
}

/** The same version is installed with different contents. */
export class VersionConflictError extends SealpostError {
  constructor(bundleId: string, version: string) {
    super(
      'SEALPOST_VERSION_CONFLICT',
      `${bundleId} ${version} is already installed with different contents; a change needs a new version`,
    )
  }
}

/** The signature's expiry has passed. */
export class BundleExpiredError extends SealpostError {
  readonly expiresAt: number
  constructor(expiresAt: number) {
    super(
      'SEALPOST_BUNDLE_EXPIRED',
      `bundle signature expired at ${new Date(expiresAt).toISOString()}`,
    )
    this.expiresAt = expiresAt
  }
}

/** A partner key file (ID.key or ID.pub) is malformed or inconsistent. */
export class KeyFileError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_KEY_INVALID', `key file: ${message}`, options)
  }
}

/** A module folder did not compile into bundle code (bare import, syntax error, asc error). */
export class ModuleCompileError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_MODULE_COMPILE', message, options)
  }
}

/** A path named as a file is not a regular file (a device such as /dev/zero, a FIFO, a folder). */
export class NotARegularFileError extends SealpostError {
  readonly path: string
  constructor(path: string, what: string) {
    super('SEALPOST_NOT_A_FILE', `${path} is ${what}, not a regular file`)
    this.path = path
  }
}
