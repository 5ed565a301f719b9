/**
 * A fault-injecting wrapper for crash tests: counts write steps (one per put or delete, across
 * batches) and "crashes" at step `crashAt`: that op and everything after it in the batch never
 * happen, and `SimulatedCrashError` is thrown. Earlier ops of the same batch have happened, even on
 * a transactional backend: the vault must not depend on batch atomicity.
 *
 * `torn: true` models a crash in the middle of writing step `crashAt`'s file: a truncated copy of the
 * bytes is left under a stray name (as an interrupted temp file or a sync tool's partial copy would
 * be), the target itself keeps its old content (every backend replaces objects atomically).
 */

import { SimulatedCrashError } from './errors.ts'
import { isDelete } from './types.ts'
import type { Storage, StorageOp, WriteOptions } from './types.ts'

export interface FaultOptions {
  /** 1-based write step at which to crash; `Infinity` (default) never crashes and only counts. */
  readonly crashAt?: number
  /** Leave a truncated stray copy of the crashing put behind (see the file comment). */
  readonly torn?: boolean
}

/** A wrapped store plus how many write steps it has seen. */
export interface FaultyStorage extends Storage {
  /** Write steps attempted so far (including the crashing one). */
  readonly steps: number
  /** Whether the planned crash has happened. */
  readonly crashed: boolean
}

/** Name of the stray file a torn write of `name` leaves (a valid name, so `list` sees it). */
export function tornStrayName(name: string): string {
  return `${name.slice(0, 120)}-torn`
}

/**
 * Wraps `inner` so that write step `crashAt` fails. Count a run's steps first with
 * `faultyStorage(store)` (no crash) and read `.steps`, then replay with every `crashAt` in 1..steps.
 */
export function faultyStorage(inner: Storage, options: FaultOptions = {}): FaultyStorage {
  const crashAt = options.crashAt ?? Infinity
  if (!(crashAt >= 1)) throw new RangeError('options.crashAt must be >= 1')
  let steps = 0
  let crashed = false
  return {
    kind: inner.kind,
    atomicBatch: false,
    get steps() {
      return steps
    },
    get crashed() {
      return crashed
    },
    read: (name) => inner.read(name),
    list: (prefix) => inner.list(prefix),
    async writeBatch(ops: readonly StorageOp[], write?: WriteOptions): Promise<void> {
      if (crashed) throw new SimulatedCrashError(steps)
      for (const [i, op] of ops.entries()) {
        steps++
        if (steps === crashAt) {
          await inner.writeBatch(ops.slice(0, i), write)
          crashed = true
          if (options.torn === true && !isDelete(op)) {
            const half = op.bytes.subarray(0, Math.floor(op.bytes.length / 2))
            await inner.writeBatch([{ name: tornStrayName(op.name), bytes: half }])
          }
          throw new SimulatedCrashError(steps)
        }
      }
      await inner.writeBatch(ops, write)
    },
    lock: (options) => inner.lock(options),
    destroy: () => inner.destroy(),
    close: () => inner.close(),
  }
}
