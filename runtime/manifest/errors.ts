/**
 * Errors raised while reading a manifest or bounding its output. Stable codes; one-line messages.
 */

import { SealpostError } from '../../sandbox/errors.ts'

/** The manifest does not match the schema or names something that does not exist. */
export class ManifestInvalidError extends SealpostError {
  /** Where it failed, as a JSON Pointer into the manifest (`/reads/0/fields/2`). */
  readonly path: string
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('SEALPOST_MANIFEST_INVALID', `manifest ${path || '(root)'}: ${message}`, options)
    this.path = path
  }
}

/** A `private` manifest whose output has no finite bit bound. */
export class UnboundedOutputError extends SealpostError {
  /** The first output field with no bound, for example `top[]` or `comment`. */
  readonly field: string
  constructor(field: string, why: string) {
    super(
      'SEALPOST_OUTPUT_UNBOUNDED',
      `output field ${field} has no finite bit bound (${why}); a private bundle must bound every field`,
    )
    this.field = field
  }
}
