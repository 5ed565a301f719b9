/** In-memory storage: for tests and short-lived vaults. Batches are atomic; bytes are copied in and out. */

import { processLock } from './_process_lock.ts'
import { StorageClosedError, StorageConflictError } from './errors.ts'
import { assertObjectName, assertOps, isDelete, sameBytes } from './types.ts'
import type { LockOptions, Storage, StorageLock, StorageOp, WriteOptions } from './types.ts'

let stores = 0

/** A new, empty in-memory store: `const vault = await createVault(memoryStorage(), 'pw', opts)`. */
export function memoryStorage(): Storage {
  let objects: Map<string, Uint8Array> | undefined = new Map()
  const lockKey = `memory:${++stores}`
  const live = (): Map<string, Uint8Array> => {
    if (!objects) throw new StorageClosedError('memory')
    return objects
  }
  return {
    kind: 'memory',
    atomicBatch: true,
    async read(name: string): Promise<Uint8Array | undefined> {
      assertObjectName(name)
      return live().get(name)?.slice()
    },
    async list(prefix = ''): Promise<string[]> {
      return [...live().keys()].filter((n) => n.startsWith(prefix)).sort()
    },
    async writeBatch(ops: readonly StorageOp[], options: WriteOptions = {}): Promise<void> {
      assertOps(ops)
      const map = live()
      const guard = options.guard
      if (guard && !sameBytes(map.get(guard.name), guard.bytes)) {
        throw new StorageConflictError(guard.name)
      }
      for (const op of ops) {
        if (isDelete(op)) map.delete(op.name)
        else map.set(op.name, op.bytes.slice())
      }
    },
    lock(options: LockOptions = {}): Promise<StorageLock> {
      live()
      return processLock(lockKey, options.timeoutMs ?? 60_000, 'the memory store')
    },
    async destroy(): Promise<void> {
      live().clear()
      objects = undefined
    },
    close(): void {
      // Memory has no handles; the objects stay reachable until destroy or garbage collection.
    },
  }
}
