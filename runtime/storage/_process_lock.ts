/**
 * A keyed mutex within one JavaScript realm: the writer lock of stores that have no cross-process
 * lock of their own (memory; IndexedDB where Web Locks are missing). Waiters queue in order.
 */

import { StorageLockedError } from './errors.ts'
import type { StorageLock } from './types.ts'

const tails = new Map<string, Promise<void>>()

/** Waits (at most `timeoutMs`) for the lock named `key`; `where` names the store in errors. */
export async function processLock(
  key: string,
  timeoutMs: number,
  where: string,
): Promise<StorageLock> {
  const previous = tails.get(key) ?? Promise.resolve()
  let open!: () => void
  const mine = new Promise<void>((resolve) => (open = resolve))
  const tail = previous.then(() => mine)
  tails.set(key, tail)
  let timer: ReturnType<typeof setTimeout> | undefined
  const started = Date.now()
  const acquired = await Promise.race([
    previous.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    }),
  ])
  clearTimeout(timer)
  let released = false
  const release = async (): Promise<void> => {
    if (released) return
    released = true
    open()
    if (tails.get(key) === tail) tails.delete(key)
  }
  if (!acquired) {
    // Keep the queue moving: this waiter gives its turn away as soon as it comes.
    void previous.then(release)
    throw new StorageLockedError(where, 'another writer in this process', Date.now() - started)
  }
  return { check: async () => undefined, release }
}
