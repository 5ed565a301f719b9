/**
 * Refusals of the run pipeline: each a named class with a stable code. Sandbox failures keep their
 * own classes (`sandbox/errors.ts`); other layers (vault, bundle, importers) have their own
 * `errors.ts`.
 */

import { SealpostError } from '../sandbox/errors.ts'

export { SealpostError }

/** No live consent binds this bundle digest and scope. */
export class NoConsentError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_NO_CONSENT', message)
  }
}

/** The consent exists but has expired. */
export class ConsentExpiredError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_CONSENT_EXPIRED', message)
  }
}

/** One ajv error, as data. */
export interface OutputIssue {
  readonly instancePath: string
  readonly schemaPath: string
  readonly message: string
}

/** The module's output is not valid JSON or breaks the bundle's output schema. */
export class OutputInvalidError extends SealpostError {
  readonly issues: readonly OutputIssue[]
  constructor(message: string, issues: readonly OutputIssue[] = []) {
    super('SEALPOST_OUTPUT_INVALID', message)
    this.issues = issues
  }
}

/** The output contains a `__proto__`, `constructor` or `prototype` key. */
export class OutputForbiddenKeyError extends SealpostError {
  constructor(path: string) {
    super('SEALPOST_OUTPUT_FORBIDDEN_KEY', `output has a forbidden key at ${path}`)
  }
}

/** The bundle reads a collection or field the vault does not have. */
export class UnknownCollectionError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_UNKNOWN_COLLECTION', message)
  }
}

/** A module folder could not be loaded (missing manifest or entry). */
export class ModuleLoadError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_MODULE_LOAD', message, options)
  }
}
