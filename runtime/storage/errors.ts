/** Refusals of the storage layer, each with a stable code. */

import { SealpostError } from '../../sandbox/errors.ts'

/** The store was used after `close()` or `destroy()`. */
export class StorageClosedError extends SealpostError {
  constructor(kind: string) {
    super('SEALPOST_STORAGE_CLOSED', `the ${kind} storage is closed`)
  }
}

/** The backend failed to read or write (disk full, permission, quota); `cause` has the details. */
export class StorageIOError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_STORAGE_IO', message, options)
  }
}

/** Thrown by `faultyStorage` at its planned crash point: the process "died" during a write. */
export class SimulatedCrashError extends SealpostError {
  readonly step: number
  constructor(step: number) {
    super('SEALPOST_SIMULATED_CRASH', `simulated crash at write step ${step}`)
    this.step = step
  }
}
