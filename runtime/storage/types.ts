/**
 * The storage contract every vault backend implements: a flat namespace of named byte objects with
 * ordered, durable batches. The vault builds its atomic commit on top (see `runtime/vault/FORMAT.md`):
 * new objects go under fresh names, then ONE small object (`manifest`) is replaced, which is the
 * commit point; garbage is deleted afterwards.
 *
 * Guarantees a backend must give:
 * - every single put or delete is atomic: a reader sees the whole old object or the whole new one;
 * - ops of a batch take effect in order, and all are durable when `writeBatch` resolves;
 * - `atomicBatch: true` additionally means the whole batch is one transaction (memory, IndexedDB).
 *   The folder backend cannot promise that with whole-file renames only, and the vault does not
 *   need it.
 */

/** Put `bytes` under `name` (replacing any old object). */
export interface PutOp {
  readonly name: string
  readonly bytes: Uint8Array
}

/** Remove `name` (no error when it does not exist). */
export interface DeleteOp {
  readonly name: string
  readonly delete: true
}

export type StorageOp = PutOp | DeleteOp

/**
 * A compare-and-swap condition on a batch: the batch's ops that REPLACE existing objects are applied
 * only while object `name` still holds exactly `bytes` (undefined: does not exist). The vault passes
 * the manifest it built on, so a writer never publishes over a manifest it did not read.
 */
export interface WriteGuard {
  readonly name: string
  readonly bytes: Uint8Array | undefined
}

/** Options of `writeBatch`. */
export interface WriteOptions {
  readonly guard?: WriteGuard
}

/** Options of `lock`; limits are explicit with safe defaults. */
export interface LockOptions {
  /** Give up waiting after this many ms (default 60,000): StorageLockedError. */
  readonly timeoutMs?: number
  /**
   * A lock whose owner has shown no sign of life for this long is stale and may be broken (default
   * 120,000; the owner refreshes it every quarter of that). On the owner's own host a lock whose
   * process is gone is stale at once.
   */
  readonly staleMs?: number
}

/** The exclusive writer lock of a store, held until `release()`. */
export interface StorageLock {
  /** Throws StorageLockLostError when another writer has taken the lock over (it judged it stale). */
  check(): Promise<void>
  /** Releases the lock (only if it is still this holder's); idempotent. */
  release(): Promise<void>
}

/** An async key → bytes store with ordered, durable batches. */
export interface Storage {
  /** `memory`, `fs` or `indexeddb` (wrappers report their inner backend's kind). */
  readonly kind: string
  /** Whether a whole batch is applied as one transaction (see the file comment). */
  readonly atomicBatch: boolean
  /** The object's bytes (a fresh copy the caller may keep), or undefined when there is none. */
  read(name: string): Promise<Uint8Array | undefined>
  /** Names starting with `prefix`, sorted; foreign files (conflict copies, temp files) are left out. */
  list(prefix?: string): Promise<string[]>
  /**
   * Applies `ops` in order; every op is durable when this resolves. With `options.guard`, throws
   * StorageConflictError (and replaces nothing) when the guarded object changed.
   */
  writeBatch(ops: readonly StorageOp[], options?: WriteOptions): Promise<void>
  /**
   * Waits for the store's exclusive writer lock: across processes for a folder (a lock file with
   * owner pid, host and time), across tabs for IndexedDB (Web Locks), within the process for memory.
   */
  lock(options?: LockOptions): Promise<StorageLock>
  /** Removes every object and the backend's container (folder, database). The store is closed after. */
  destroy(): Promise<void>
  /** Releases handles (database connections); idempotent. */
  close(): void
}

// Lowercase ASCII only: safe as a file name on case-insensitive file systems and in every sync tool,
// and conflict copies ("manifest (1)", "manifest-DESKTOP-7F", "manifest (conflicted copy …)") never
// match, so they are ignored instead of mistaken for vault objects.
const NAME = /^[a-z0-9][a-z0-9_-]{0,127}$/

/** Whether `name` is a valid object name: 1–128 of `[a-z0-9_-]`, starting with a letter or digit. */
export function isObjectName(name: unknown): boolean {
  return typeof name === 'string' && NAME.test(name)
}

/** Throws a RangeError naming `what` unless `name` is a valid object name. */
export function assertObjectName(name: unknown, what = 'name'): string {
  if (typeof name !== 'string') throw new TypeError(`${what} must be a string`)
  if (!NAME.test(name)) {
    throw new RangeError(
      `${what} must be 1-128 characters of [a-z0-9_-], got ${JSON.stringify(name)}`,
    )
  }
  return name
}

/** Checks a batch's shape before any backend touches anything. */
export function assertOps(ops: readonly StorageOp[]): void {
  if (!Array.isArray(ops)) throw new TypeError('ops must be an array')
  for (const [i, op] of ops.entries()) {
    assertObjectName(op?.name, `ops[${i}].name`)
    if ('delete' in op) {
      if (op.delete !== true) throw new TypeError(`ops[${i}].delete must be true`)
    } else if (!(op.bytes instanceof Uint8Array)) {
      throw new TypeError(`ops[${i}].bytes must be a Uint8Array`)
    }
  }
}

/** Whether `a` and `b` hold the same bytes (both undefined counts as equal). */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Whether an op is a delete. */
export function isDelete(op: StorageOp): op is DeleteOp {
  return 'delete' in op && op.delete === true
}
