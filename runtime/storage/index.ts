/**
 * Vault storage backends: a flat store of named byte objects with ordered, durable batches (the
 * contract is in `types.ts`). `memoryStorage` for tests, `openFsStorage` for a folder (Node; safe in
 * synced folders), `openIndexedDbStorage` for browsers, `faultyStorage` for crash tests.
 */

export type {
  DeleteOp,
  LockOptions,
  PutOp,
  Storage,
  StorageLock,
  StorageOp,
  WriteGuard,
  WriteOptions,
} from './types.ts'
export { assertObjectName, isObjectName } from './types.ts'
export {
  SimulatedCrashError,
  StorageClosedError,
  StorageConflictError,
  StorageIOError,
  StorageLockedError,
  StorageLockLostError,
} from './errors.ts'
export { memoryStorage } from './memory.ts'
export { openFsStorage } from './fs.ts'
export type { FsStorageOptions } from './_fs_storage.ts'
export { openIndexedDbStorage } from './indexeddb.ts'
export { faultyStorage, tornStrayName } from './faulty.ts'
export type { FaultOptions, FaultyStorage } from './faulty.ts'
