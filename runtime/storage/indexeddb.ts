/**
 * The IndexedDB backend (browsers; tests use `fake-indexeddb/auto`): one object store, one
 * readwrite transaction per batch with `durability: 'strict'`, so a batch is atomic and on disk
 * when `writeBatch` resolves.
 */

import { deleteDB, openDB } from 'idb'
import type { IDBPDatabase } from 'idb'
import { StorageClosedError, StorageIOError } from './errors.ts'
import { assertObjectName, assertOps, isDelete } from './types.ts'
import type { Storage, StorageOp } from './types.ts'

const STORE = 'objects'

/** Opens (creating when missing) the IndexedDB database `name` as a store. */
export async function openIndexedDbStorage(name: string): Promise<Storage> {
  if (typeof name !== 'string' || name === '')
    throw new TypeError('name must be a non-empty string')
  let db: IDBPDatabase | undefined = await openDB(name, 1, {
    upgrade(database) {
      database.createObjectStore(STORE)
    },
  })
  const live = (): IDBPDatabase => {
    if (!db) throw new StorageClosedError('indexeddb')
    return db
  }
  return {
    kind: 'indexeddb',
    atomicBatch: true,
    async read(key: string): Promise<Uint8Array | undefined> {
      assertObjectName(key)
      const value: unknown = await live().get(STORE, key)
      if (value === undefined) return undefined
      if (!(value instanceof Uint8Array)) {
        throw new StorageIOError(`object ${key} in IndexedDB ${name} is not bytes`)
      }
      return value
    },
    async list(prefix = ''): Promise<string[]> {
      const range = prefix === '' ? undefined : IDBKeyRange.bound(prefix, prefix + '\uffff')
      const keys = await live().getAllKeys(STORE, range)
      return keys.map(String).sort()
    },
    async writeBatch(ops: readonly StorageOp[]): Promise<void> {
      assertOps(ops)
      if (ops.length === 0) return
      const tx = live().transaction(STORE, 'readwrite', { durability: 'strict' })
      const store = tx.objectStore(STORE)
      // Queue every request without awaiting in between (an idle transaction auto-commits).
      const requests = ops.map((op) =>
        isDelete(op) ? store.delete(op.name) : store.put(op.bytes.slice(), op.name),
      )
      try {
        await Promise.all([...requests, tx.done])
      } catch (e) {
        throw new StorageIOError(`IndexedDB ${name}: batch failed: ${(e as Error).message}`, {
          cause: e,
        })
      }
    },
    async destroy(): Promise<void> {
      live().close()
      db = undefined
      await deleteDB(name)
    },
    close(): void {
      db?.close()
      db = undefined
    },
  }
}
