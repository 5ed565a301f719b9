/**
 * Refusals of the vault, each a named class with a stable code. Integrity failures share a base
 * class (`VaultIntegrityError`) so a host can catch "the vault was altered" in one place; every
 * one of them is raised before anything is written.
 */

import { SealpostError } from '../../sandbox/errors.ts'
import { WrongPassphraseError } from '../crypto/errors.ts'
import { UnknownCollectionError } from '../errors.ts'

export { WrongPassphraseError, UnknownCollectionError }

/** The storage holds no vault (no header). */
export class NotAVaultError extends SealpostError {
  constructor(message = 'no vault here: the storage has no vault header') {
    super('SEALPOST_NOT_A_VAULT', message)
  }
}

/** `createVault` found objects in the storage already. */
export class VaultExistsError extends SealpostError {
  constructor(message = 'a vault (or other data) already exists in this storage') {
    super('SEALPOST_VAULT_EXISTS', message)
  }
}

/** The header names a format version this code does not read. */
export class VaultFormatError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_VAULT_FORMAT', message)
  }
}

/** Base of every integrity failure: something in the storage is not what the vault wrote. */
export class VaultIntegrityError extends SealpostError {
  /** The storage object concerned. */
  readonly object: string
  constructor(code: string, object: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.object = object
  }
}

/** An object failed authentication: a flipped bit, or a piece swapped in from elsewhere. */
export class VaultTamperedError extends VaultIntegrityError {
  constructor(object: string, what: string, options?: { cause?: unknown }) {
    super(
      'SEALPOST_VAULT_TAMPERED',
      object,
      `the vault was altered: ${what} failed its integrity check`,
      options,
    )
  }
}

/** An object is shorter than the manifest records: a truncated file. */
export class VaultTruncatedError extends VaultIntegrityError {
  constructor(object: string, what: string, got: number, expected: number) {
    super(
      'SEALPOST_VAULT_TRUNCATED',
      object,
      `the vault is damaged: ${what} is ${got} bytes, expected ${expected}`,
    )
  }
}

/** An object the manifest names is missing from the storage. */
export class VaultMissingObjectError extends VaultIntegrityError {
  constructor(object: string, what: string) {
    super(
      'SEALPOST_VAULT_MISSING_OBJECT',
      object,
      `the vault is incomplete: ${what} (${object}) is missing`,
    )
  }
}

/** The manifest is older than the vault's commit counter: an older manifest was put back. */
export class VaultRollbackError extends VaultIntegrityError {
  readonly manifestGeneration: number
  readonly counterGeneration: number
  constructor(manifestGeneration: number, counterGeneration: number) {
    super(
      'SEALPOST_VAULT_ROLLBACK',
      'manifest',
      `the vault was rolled back: manifest generation ${manifestGeneration} does not match commit counter ${counterGeneration}`,
    )
    this.manifestGeneration = manifestGeneration
    this.counterGeneration = counterGeneration
  }
}

/** One ajv error, as data. */
export interface RecordIssue {
  readonly instancePath: string
  readonly schemaPath: string
  readonly message: string
}

/** A record does not match its collection schema; nothing of the batch was stored. */
export class InvalidRecordError extends SealpostError {
  readonly collection: string
  /** 0-based position of the first invalid record in the batch. */
  readonly index: number
  readonly issues: readonly RecordIssue[]
  constructor(collection: string, index: number, issues: readonly RecordIssue[]) {
    const first = issues[0]
    const where = first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'
    super(
      'SEALPOST_INVALID_RECORD',
      `record ${index} of ${collection} is invalid: ${where}; nothing was imported`,
    )
    this.collection = collection
    this.index = index
    this.issues = issues
  }
}

/** The vault handle was closed, or a failed write left it unusable (reopen the vault). */
export class VaultClosedError extends SealpostError {
  constructor(message = 'the vault is closed') {
    super('SEALPOST_VAULT_CLOSED', message)
  }
}
