/** Refusals of the platform adapters: Node-only features asked for in a browser build. */

import { SealpostError } from '../sandbox/errors.ts'

/** Node-only code (a folder on disk, a file path) asked for in a browser build. */
export class NotInBrowserError extends SealpostError {
  constructor(what: string) {
    super('SEALPOST_NOT_IN_BROWSER', `${what} is not available in a browser`)
  }
}
