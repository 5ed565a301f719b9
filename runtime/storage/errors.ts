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

/** Another writer holds the store's lock and did not release it in time; `owner` says who. */
export class StorageLockedError extends SealpostError {
  readonly owner: string
  constructor(where: string, owner: string, waitedMs: number) {
    super(
      'SEALPOST_STORAGE_LOCKED',
      `${where} is being written by ${owner}; waited ${Math.round(waitedMs / 1000)} s (try again when it is done)`,
    )
    this.owner = owner
  }
}

/** Another writer broke this holder's lock (it looked stale): nothing more may be published. */
export class StorageLockLostError extends SealpostError {
  constructor(where: string) {
    super(
      'SEALPOST_STORAGE_LOCK_LOST',
      `the write lock of ${where} was taken over by another writer`,
    )
  }
}

/** A guarded batch found the guarded object changed: another writer committed first. */
export class StorageConflictError extends SealpostError {
  constructor(name: string) {
    super(
      'SEALPOST_STORAGE_CONFLICT',
      `${name} changed under this writer (another writer committed first); nothing was published`,
    )
  }
}
