/** In-memory storage: for tests and short-lived vaults. Batches are atomic; bytes are copied in and out. */

import { StorageClosedError } from './errors.ts'
import { assertObjectName, assertOps, isDelete } from './types.ts'
import type { Storage, StorageOp } from './types.ts'

/** A new, empty in-memory store: `const vault = await createVault(memoryStorage(), 'pw', opts)`. */
export function memoryStorage(): Storage {
  let objects: Map<string, Uint8Array> | undefined = new Map()
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
    async writeBatch(ops: readonly StorageOp[]): Promise<void> {
      assertOps(ops)
      const map = live()
      for (const op of ops) {
        if (isDelete(op)) map.delete(op.name)
        else map.set(op.name, op.bytes.slice())
      }
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
