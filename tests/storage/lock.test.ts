/**
 * The writer lock and the guarded batch, on every backend; the folder lock's owner file and its
 * staleness rules (a dead owner's lock is broken at once, a live owner's is waited for).
 */
import 'fake-indexeddb/auto'
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  memoryStorage,
  openFsStorage,
  openIndexedDbStorage,
  StorageConflictError,
  StorageLockedError,
  StorageLockLostError,
} from '../../runtime/storage/index.ts'
import type { Storage } from '../../runtime/storage/index.ts'

let dbCounter = 0
const folder = async (): Promise<string> => mkdtemp(join(tmpdir(), 'sp-lock-'))
const backends: readonly [string, () => Promise<Storage>][] = [
  ['memory', async () => memoryStorage()],
  ['fs', async () => openFsStorage(await folder())],
  ['indexeddb', async () => openIndexedDbStorage(`sp-lock-test-${++dbCounter}`)],
]
const bytes = (...xs: number[]): Uint8Array => new Uint8Array(xs)

describe.each(backends)('%s storage: writer lock and guard', (_kind, make) => {
  it('gives the lock to one writer at a time, in turn', async () => {
    const s = await make()
    const order: string[] = []
    const writer = async (name: string): Promise<void> => {
      const lock = await s.lock()
      order.push(`${name}+`)
      await new Promise((r) => setTimeout(r, 20))
      order.push(`${name}-`)
      await lock.release()
    }
    await Promise.all([writer('a'), writer('b'), writer('c')])
    // No two holders overlap: every acquisition is followed by its own release.
    for (let i = 0; i < order.length; i += 2) {
      expect(order[i]!.slice(0, -1)).toBe(order[i + 1]!.slice(0, -1))
    }
  })

  it('times out with a named error while another writer holds it', async () => {
    const s = await make()
    const held = await s.lock()
    await expect(s.lock({ timeoutMs: 50 })).rejects.toBeInstanceOf(StorageLockedError)
    await held.release()
    const next = await s.lock({ timeoutMs: 1000 })
    await next.release()
  })

  it('applies a guarded batch only over the expected bytes', async () => {
    const s = await make()
    await s.writeBatch([{ name: 'manifest', bytes: bytes(1) }])
    await expect(
      s.writeBatch([{ name: 'manifest', bytes: bytes(3) }], {
        guard: { name: 'manifest', bytes: bytes(2) },
      }),
    ).rejects.toBeInstanceOf(StorageConflictError)
    expect(await s.read('manifest')).toEqual(bytes(1))
    await s.writeBatch([{ name: 'manifest', bytes: bytes(3) }], {
      guard: { name: 'manifest', bytes: bytes(1) },
    })
    expect(await s.read('manifest')).toEqual(bytes(3))
  })
})

describe('the folder lock file', () => {
  it('names its owner, is not an object, and is gone after release', async () => {
    const dir = await folder()
    const s = await openFsStorage(dir)
    const lock = await s.lock()
    const owner = JSON.parse(await readFile(join(dir, '.sp-lock'), 'utf8'))
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() })
    expect(owner.token).toMatch(/^[0-9a-f]{32}$/)
    expect(await s.list()).toEqual([])
    await lock.release()
    expect(await readdir(dir)).toEqual([])
  })

  it('breaks the lock of a process that no longer exists', async () => {
    const dir = await folder()
    const s = await openFsStorage(dir)
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0'])
      child.on('exit', () => resolve(child.pid!))
    })
    const stale = { token: 'f'.repeat(32), pid: dead, host: hostname(), since: Date.now() }
    await writeFile(join(dir, '.sp-lock'), JSON.stringify(stale))
    const lock = await s.lock({ timeoutMs: 2000 })
    const owner = JSON.parse(await readFile(join(dir, '.sp-lock'), 'utf8'))
    expect(owner.pid).toBe(process.pid)
    await lock.release()
  })

  it('waits for a live owner on another host until the lock is stale by age', async () => {
    const dir = await folder()
    const s = await openFsStorage(dir)
    const other = { token: 'e'.repeat(32), pid: 1, host: 'another-device', since: Date.now() }
    await writeFile(join(dir, '.sp-lock'), JSON.stringify(other))
    await expect(s.lock({ timeoutMs: 100 })).rejects.toBeInstanceOf(StorageLockedError)
    // Not refreshed for longer than staleMs: the owner is presumed gone.
    await new Promise((r) => setTimeout(r, 1100))
    const lock = await s.lock({ timeoutMs: 2000, staleMs: 1000 })
    await lock.check()
    await lock.release()
  })

  it('tells a holder whose lock was taken over, so it publishes nothing', async () => {
    const dir = await folder()
    const s = await openFsStorage(dir)
    const lock = await s.lock()
    const thief = { token: 'd'.repeat(32), pid: process.pid, host: hostname(), since: 0 }
    await writeFile(join(dir, '.sp-lock'), JSON.stringify(thief))
    await expect(lock.check()).rejects.toBeInstanceOf(StorageLockLostError)
    await lock.release()
    // Release never removes a lock that is not its own.
    expect(JSON.parse(await readFile(join(dir, '.sp-lock'), 'utf8')).token).toBe(thief.token)
  })
})
