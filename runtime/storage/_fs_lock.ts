/**
 * The folder backend's writer lock (Node only): a file `.sp-lock` holding its owner
 * `{ token, pid, host, since }`, created atomically (written under a private name, then hard-linked
 * into place, which fails when a lock exists; `wx` where links are not supported) and refreshed by
 * its owner every quarter of the staleness time.
 *
 * A lock is stale when its owner is a process of this host that no longer exists (a crash, a
 * SIGKILL), or when it was not refreshed for `staleMs` (an owner on another device of a synced
 * folder). Breaking a stale lock renames it away first and checks that what moved is the lock that
 * was judged stale; a fresh lock moved by mistake is put back. The owner calls `check()` before
 * every publish, so a holder whose lock was broken never publishes.
 */

import { randomBytes } from 'node:crypto'
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { StorageLockedError, StorageLockLostError } from './errors.ts'
import type { LockOptions, StorageLock } from './types.ts'

/** The lock file's name (not an object name: `list` never shows it). */
export const LOCK_FILE = '.sp-lock'
/** Prefix of the lock's private temp names (swept with the other temp files). */
export const LOCK_TEMP_PREFIX = '.sp-lock-'

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000
export const DEFAULT_LOCK_STALE_MS = 120_000

interface LockOwner {
  readonly token: string
  readonly pid: number
  readonly host: string
  /** ms since epoch */
  readonly since: number
}

const code = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return code(e) === 'EPERM'
  }
}

async function readOwner(
  path: string,
): Promise<{ owner?: LockOwner; mtimeMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)])
    try {
      const owner = JSON.parse(text) as LockOwner
      if (typeof owner?.token === 'string' && typeof owner.pid === 'number')
        return { owner, mtimeMs: info.mtimeMs }
    } catch {
      // Unreadable owner: judged by its age alone.
    }
    return { mtimeMs: info.mtimeMs }
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined
    throw e
  }
}

async function writeNew(path: string, bytes: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Creates the lock file holding `owner` atomically; false when a lock exists. */
async function tryCreate(dir: string, owner: LockOwner): Promise<boolean> {
  const lockPath = join(dir, LOCK_FILE)
  const temp = join(dir, `${LOCK_TEMP_PREFIX}${owner.token}`)
  const text = JSON.stringify(owner)
  await writeNew(temp, text)
  try {
    await link(temp, lockPath)
    return true
  } catch (e) {
    if (code(e) === 'EEXIST') return false
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code(e) ?? '')) throw e
    // No hard links here (some synced or network folders): exclusive create instead.
    try {
      await writeNew(lockPath, text)
      return true
    } catch (e2) {
      if (code(e2) === 'EEXIST') return false
      throw e2
    }
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

/** Moves a stale lock away; puts back a fresh one that was moved by mistake. */
async function breakStale(dir: string, stale: LockOwner | undefined): Promise<void> {
  const lockPath = join(dir, LOCK_FILE)
  const moved = join(dir, `${LOCK_TEMP_PREFIX}stale-${randomBytes(6).toString('hex')}`)
  try {
    await rename(lockPath, moved)
  } catch (e) {
    if (code(e) === 'ENOENT') return
    throw e
  }
  try {
    const text = await readFile(moved, 'utf8').catch(() => '')
    let token: string | undefined
    try {
      token = (JSON.parse(text) as LockOwner).token
    } catch {
      token = undefined
    }
    if (token !== stale?.token) await link(moved, lockPath).catch(() => undefined)
  } finally {
    await unlink(moved).catch(() => undefined)
  }
}

function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return 'another writer'
  const since = new Date(owner.since).toISOString()
  return `process ${owner.pid} on ${owner.host} (since ${since})`
}

/** Waits for the folder's writer lock; see the module comment. */
export async function acquireFolderLock(
  dir: string,
  options: LockOptions = {},
): Promise<StorageLock> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS
  if (!(timeoutMs >= 0)) throw new RangeError('options.timeoutMs must be >= 0')
  if (!(staleMs >= 1000)) throw new RangeError('options.staleMs must be >= 1000')
  const lockPath = join(dir, LOCK_FILE)
  const me: LockOwner = {
    token: randomBytes(16).toString('hex'),
    pid: process.pid,
    host: hostname(),
    since: Date.now(),
  }
  const started = Date.now()
  let wait = 5
  for (;;) {
    if (await tryCreate(dir, { ...me, since: Date.now() })) break
    const seen = await readOwner(lockPath)
    if (seen === undefined) continue // released in between
    const { owner, mtimeMs } = seen
    const deadOwner = owner !== undefined && owner.host === me.host && !processAlive(owner.pid)
    if (deadOwner || Date.now() - mtimeMs > staleMs) {
      await breakStale(dir, owner)
      continue
    }
    if (Date.now() - started >= timeoutMs) {
      throw new StorageLockedError(dir, describeOwner(owner), Date.now() - started)
    }
    // Jittered backoff so that waiting writers do not move in lockstep.
    await sleep(wait + Math.random() * wait)
    wait = Math.min(wait * 2, 100)
  }
  let held = true
  const mine = async (): Promise<boolean> =>
    (await readOwner(lockPath).catch(() => undefined))?.owner?.token === me.token
  const heartbeat = setInterval(() => {
    void (async () => {
      if (!held || !(await mine())) return
      const now = new Date()
      await utimes(lockPath, now, now).catch(() => undefined)
    })()
  }, staleMs / 4)
  heartbeat.unref?.()
  return {
    async check() {
      if (!held || !(await mine())) throw new StorageLockLostError(dir)
    },
    async release() {
      if (!held) return
      held = false
      clearInterval(heartbeat)
      if (await mine()) await unlink(lockPath).catch(() => undefined)
    },
  }
}
