/**
 * The folder backend (Node only; loaded on demand by `openFsStorage`). Each object is one file named
 * after it. A put writes a temp file, fsyncs it, renames it over the target and fsyncs the folder
 * (POSIX: the rename is durable only once the directory is synced).
 *
 * Safe inside OneDrive / Dropbox / Google Drive folders: whole-file renames only (sync tools upload
 * the finished file, never a half-written one), no hard links, no lock files, no file kept open,
 * and files that are not object names (temp files, "manifest (1)", "manifest-DESKTOP-7F" conflict
 * copies) are ignored by `list` and `read`.
 */

import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, mkdir, open, readdir, rename, rmdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { acquireFolderLock, LOCK_TEMP_PREFIX } from './_fs_lock.ts'
import { StorageClosedError, StorageConflictError, StorageIOError } from './errors.ts'
import { assertObjectName, assertOps, isDelete, isObjectName, sameBytes } from './types.ts'
import type { LockOptions, Storage, StorageLock, StorageOp, WriteOptions } from './types.ts'

const TEMP_PREFIX = '.sp-tmp-'
// Windows: a sync client or virus scanner may hold the target open for a moment; retry the rename.
const RENAME_RETRIES = 5
const RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY'])

// Reads never follow a symbolic link planted in the vault folder (0 where the platform lacks it).
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0

/** Reads a whole file without following a link at its name; undefined when there is none. */
async function readNoFollow(path: string): Promise<Uint8Array | undefined> {
  let handle
  try {
    handle = await open(path, constants.O_RDONLY | O_NOFOLLOW)
    const buf = await handle.readFile()
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined
    throw e
  } finally {
    await handle?.close()
  }
}

function code(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined
}

async function syncFolder(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (e) {
    // Windows cannot open or fsync a directory; its renames are metadata-journaled (NTFS).
    if (!['EISDIR', 'EPERM', 'EACCES', 'EBADF', 'EINVAL'].includes(code(e) ?? '')) throw e
  } finally {
    await handle?.close()
  }
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (e) {
      if (attempt >= RENAME_RETRIES || !RETRY_CODES.has(code(e) ?? '')) throw e
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt))
    }
  }
}

// Sync tools' conflict copies of our files: "manifest (1)", "manifest (conflicted copy 2024-05-01)"
// (Dropbox, Google Drive), "manifest-DESKTOP-7F3" (OneDrive). They hold old sealed bytes.
function isConflictCopy(file: string): boolean {
  return /^[a-z0-9][a-z0-9_-]*(?: \(|-[A-Z])/.test(file)
}

/** Options of `createFsStorage`. */
export interface FsStorageOptions {
  /**
   * Create the folder now (default true). With false nothing is created until the first write or
   * lock: reading a folder that does not exist finds nothing, so read-only commands create nothing.
   */
  readonly create?: boolean
}

/**
 * Opens the folder `dir` as a store. The folder is made with mode 0700; a `dir` that is a
 * symbolic link or a file is refused.
 */
export async function createFsStorage(
  dir: string,
  options: FsStorageOptions = {},
): Promise<Storage> {
  if (typeof dir !== 'string' || dir === '') throw new TypeError('dir must be a non-empty string')
  let open_ = true
  let made = false
  const ensureDir = async (): Promise<void> => {
    if (made) return
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const info = await lstat(dir)
    if (!info.isDirectory()) {
      throw new StorageIOError(`${dir} is not a folder (a symbolic link or a file): not used`)
    }
    made = true
  }
  if (options.create ?? true) await ensureDir()
  const live = (): void => {
    if (!open_) throw new StorageClosedError('fs')
  }
  const io = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      if (e instanceof StorageConflictError) throw e
      throw new StorageIOError(`could not ${what} in ${dir}: ${(e as Error).message}`, { cause: e })
    }
  }
  const files = async (): Promise<string[]> =>
    readdir(dir).catch((e: unknown) => {
      if (code(e) === 'ENOENT') return []
      throw e
    })
  const names = async (): Promise<string[]> => (await files()).filter(isObjectName)
  const readRaw = (name: string): Promise<Uint8Array | undefined> => readNoFollow(join(dir, name))
  /** Temp files of writers that are gone; called only while this process holds the lock. */
  const sweep = async (): Promise<void> => {
    for (const file of await files()) {
      const ours = file.startsWith(TEMP_PREFIX) || file.startsWith(`${LOCK_TEMP_PREFIX}stale-`)
      if (ours) await unlink(join(dir, file)).catch(() => undefined)
    }
  }

  return {
    kind: 'fs',
    atomicBatch: false,
    async read(name: string): Promise<Uint8Array | undefined> {
      assertObjectName(name)
      live()
      try {
        return await readRaw(name)
      } catch (e) {
        throw new StorageIOError(`could not read ${name} in ${dir}: ${(e as Error).message}`, {
          cause: e,
        })
      }
    },
    async list(prefix = ''): Promise<string[]> {
      live()
      return io('list files', async () =>
        (await names()).filter((n) => n.startsWith(prefix)).sort(),
      )
    },
    async writeBatch(ops: readonly StorageOp[], options: WriteOptions = {}): Promise<void> {
      assertOps(ops)
      live()
      if (ops.length === 0) return
      const guard = options.guard
      if (guard) assertObjectName(guard.name, 'options.guard.name')
      await io('write', async () => {
        await ensureDir()
        const existing = new Set(await names())
        // Phase 1: every new content is on disk (fsynced) under a temp name nobody reads.
        const temps = new Map<number, string>()
        try {
          for (const [i, op] of ops.entries()) {
            if (isDelete(op)) continue
            const temp = join(dir, `${TEMP_PREFIX}${op.name}-${randomBytes(6).toString('hex')}`)
            temps.set(i, temp)
            await writeDurably(temp, op.bytes)
          }
          // The guard is checked right before anything existing is replaced. It is not atomic with
          // the renames: the writer lock is what keeps other writers out; this catches a writer
          // that built on a manifest it no longer holds.
          if (guard && !sameBytes(await readRaw(guard.name), guard.bytes)) {
            throw new StorageConflictError(guard.name)
          }
          // Phase 2: renames and unlinks in order. Before an op that replaces or removes an existing
          // file, sync the folder so every earlier rename is durable first (the vault's commit
          // point must never reach the disk before the objects it names).
          let pending = false
          for (const [i, op] of ops.entries()) {
            const target = join(dir, op.name)
            if (pending && existing.has(op.name)) {
              await syncFolder(dir)
              pending = false
            }
            if (isDelete(op)) {
              try {
                await unlink(target)
              } catch (e) {
                if (code(e) !== 'ENOENT') throw e
              }
              existing.delete(op.name)
            } else {
              await renameWithRetry(temps.get(i)!, target)
              temps.delete(i)
              existing.add(op.name)
            }
            pending = true
          }
          if (pending) await syncFolder(dir)
        } finally {
          for (const temp of temps.values()) await unlink(temp).catch(() => undefined)
        }
      })
    },
    async lock(options?: LockOptions): Promise<StorageLock> {
      live()
      await ensureDir()
      const lock = await acquireFolderLock(dir, options)
      // Holding the lock: any temp file left here is a crashed writer's (stale temp files swept).
      await sweep().catch(() => undefined)
      return lock
    },
    async destroy(): Promise<void> {
      live()
      await io('remove files', async () => {
        for (const file of await files()) {
          if (isObjectName(file) || file.startsWith(TEMP_PREFIX) || isConflictCopy(file)) {
            await unlink(join(dir, file)).catch((e: unknown) => {
              if (code(e) !== 'ENOENT') throw e
            })
          }
        }
        await syncFolder(dir).catch((e: unknown) => {
          if (code(e) !== 'ENOENT') throw e
        })
        // Leave the folder when it holds files that are not ours.
        await rmdir(dir).catch((e: unknown) => {
          if (!['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(code(e) ?? '')) throw e
        })
      })
      open_ = false
    },
    close(): void {
      // No handle stays open between calls: nothing for a sync tool to trip over.
    },
  }
}
