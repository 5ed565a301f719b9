/**
 * The IndexedDB backend (browsers; tests use `fake-indexeddb/auto`): one object store, one
 * readwrite transaction per batch with `durability: 'strict'`, so a batch is atomic and on disk
 * when `writeBatch` resolves. A batch's guard is read inside that same transaction (a true
 * compare-and-swap across tabs). The writer lock is a Web Lock named after the database, exclusive
 * across every tab and worker of the origin; where Web Locks are missing, a lock within this realm.
 */

import { deleteDB, openDB } from 'idb'
import type { IDBPDatabase } from 'idb'
import { processLock } from './_process_lock.ts'
import {
  StorageClosedError,
  StorageConflictError,
  StorageIOError,
  StorageLockedError,
} from './errors.ts'
import { assertObjectName, assertOps, isDelete, sameBytes } from './types.ts'
import type { LockOptions, Storage, StorageLock, StorageOp, WriteOptions } from './types.ts'

/** The part of the Web Locks API this backend uses. */
interface WebLocks {
  request(
    name: string,
    options: { mode: 'exclusive'; signal?: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<void>
}

function webLocks(): WebLocks | undefined {
  const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks
  return typeof locks?.request === 'function' ? locks : undefined
}

/** Holds the Web Lock `name` until `release()`; StorageLockedError after `timeoutMs` of waiting. */
async function webLock(locks: WebLocks, name: string, timeoutMs: number): Promise<StorageLock> {
  const started = Date.now()
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await new Promise<void>((acquired, failed) => {
    locks
      .request(name, { mode: 'exclusive', signal: abort.signal }, () => {
        acquired()
        return held
      })
      .catch((e: unknown) =>
        failed(
          abort.signal.aborted
            ? new StorageLockedError(`IndexedDB ${name}`, 'another tab', Date.now() - started)
            : e,
        ),
      )
  }).finally(() => clearTimeout(timer))
  let done = false
  return {
    check: async () => undefined,
    release: async () => {
      if (done) return
      done = true
      release()
    },
  }
}

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
    async writeBatch(ops: readonly StorageOp[], options: WriteOptions = {}): Promise<void> {
      assertOps(ops)
      if (ops.length === 0) return
      const guard = options.guard
      if (guard) assertObjectName(guard.name, 'options.guard.name')
      const tx = live().transaction(STORE, 'readwrite', { durability: 'strict' })
      const store = tx.objectStore(STORE)
      try {
        if (guard) {
          // Read in the same transaction: no other tab can commit between the check and the puts.
          const current: unknown = await store.get(guard.name)
          if (!sameBytes(current instanceof Uint8Array ? current : undefined, guard.bytes)) {
            tx.abort()
            await tx.done.catch(() => undefined)
            throw new StorageConflictError(guard.name)
          }
        }
        // Queue every request without awaiting in between (an idle transaction auto-commits).
        const requests = ops.map((op) =>
          isDelete(op) ? store.delete(op.name) : store.put(op.bytes.slice(), op.name),
        )
        await Promise.all([...requests, tx.done])
      } catch (e) {
        if (e instanceof StorageConflictError) throw e
        throw new StorageIOError(`IndexedDB ${name}: batch failed: ${(e as Error).message}`, {
          cause: e,
        })
      }
    },
    lock(options: LockOptions = {}): Promise<StorageLock> {
      live()
      const timeoutMs = options.timeoutMs ?? 60_000
      const locks = webLocks()
      return locks
        ? webLock(locks, `sealpost-vault:${name}`, timeoutMs)
        : processLock(`indexeddb:${name}`, timeoutMs, `IndexedDB ${name}`)
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
