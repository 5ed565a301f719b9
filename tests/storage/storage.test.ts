import 'fake-indexeddb/auto'
import { mkdtemp, readdir, writeFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  faultyStorage,
  memoryStorage,
  openFsStorage,
  openIndexedDbStorage,
  SimulatedCrashError,
  StorageClosedError,
  tornStrayName,
} from '../../runtime/storage/index.ts'
import type { Storage } from '../../runtime/storage/index.ts'

let dbCounter = 0
const backends: readonly [string, () => Promise<Storage>][] = [
  ['memory', async () => memoryStorage()],
  ['fs', async () => openFsStorage(join(await mkdtemp(join(tmpdir(), 'sp-st-')), 'vault'))],
  ['indexeddb', async () => openIndexedDbStorage(`sp-test-${++dbCounter}`)],
]

const bytes = (...xs: number[]): Uint8Array => new Uint8Array(xs)

describe.each(backends)('%s storage', (_kind, make) => {
  it('reads back what a batch wrote, and undefined for a missing name', async () => {
    const s = await make()
    await s.writeBatch([
      { name: 'a', bytes: bytes(1, 2, 3) },
      { name: 'b-1', bytes: bytes() },
    ])
    expect(await s.read('a')).toEqual(bytes(1, 2, 3))
    expect(await s.read('b-1')).toEqual(bytes())
    expect(await s.read('nope')).toBeUndefined()
  })

  it('applies ops in order: a later put wins, a later delete removes', async () => {
    const s = await make()
    await s.writeBatch([
      { name: 'x', bytes: bytes(1) },
      { name: 'x', bytes: bytes(2) },
      { name: 'y', bytes: bytes(3) },
      { name: 'y', delete: true },
      { name: 'z', delete: true },
    ])
    expect(await s.read('x')).toEqual(bytes(2))
    expect(await s.read('y')).toBeUndefined()
    expect(await s.list()).toEqual(['x'])
  })

  it('lists names by prefix, sorted', async () => {
    const s = await make()
    await s.writeBatch(
      ['o-b', 'o-a', 'manifest', 'o-c', 'other'].map((name) => ({ name, bytes: bytes(0) })),
    )
    expect(await s.list('o-')).toEqual(['o-a', 'o-b', 'o-c'])
    expect(await s.list()).toEqual(['manifest', 'o-a', 'o-b', 'o-c', 'other'])
  })

  it('returns copies: mutating written or read bytes does not change the store', async () => {
    const s = await make()
    const input = bytes(9, 9)
    await s.writeBatch([{ name: 'k', bytes: input }])
    input[0] = 0
    const out = (await s.read('k'))!
    out[1] = 0
    expect(await s.read('k')).toEqual(bytes(9, 9))
  })

  it('refuses names outside [a-z0-9_-] before touching anything', async () => {
    const s = await make()
    for (const bad of ['', 'A', '../x', 'a b', 'x.tmp', '-x', 'a'.repeat(129)]) {
      await expect(
        s.writeBatch([
          { name: 'ok', bytes: bytes(1) },
          { name: bad, bytes: bytes(1) },
        ]),
      ).rejects.toThrow(RangeError)
      await expect(s.read(bad)).rejects.toThrow(RangeError)
    }
    expect(await s.list()).toEqual([])
  })

  it('keeps arbitrary bytes exactly (property)', async () => {
    const s = await make()
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
        async (data, name) => {
          await s.writeBatch([{ name, bytes: data }])
          expect(await s.read(name)).toEqual(data)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('destroys everything and refuses use afterwards', async () => {
    const s = await make()
    await s.writeBatch([{ name: 'a', bytes: bytes(1) }])
    await s.destroy()
    await expect(s.read('a')).rejects.toBeInstanceOf(StorageClosedError)
  })
})

describe('fs storage in a synced folder', () => {
  it('ignores conflict copies and interrupted temp files, and destroy removes them too', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sp-sync-'))
    const dir = join(root, 'vault')
    const s = await openFsStorage(dir)
    await s.writeBatch([{ name: 'manifest', bytes: bytes(1, 2) }])
    for (const stray of [
      'manifest (1)',
      'manifest-DESKTOP-7F3A',
      'manifest (conflicted copy 2024-05-01)',
      '.sp-tmp-manifest-abc',
      'desktop.ini',
    ]) {
      await writeFile(join(dir, stray), 'x')
    }
    expect(await s.list()).toEqual(['manifest'])
    expect(await s.read('manifest')).toEqual(bytes(1, 2))
    await s.destroy()
    // Only the foreign file stays, so the folder does too.
    expect(await readdir(dir)).toEqual(['desktop.ini'])
  })

  it('removes the folder itself when nothing foreign is in it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sp-sync-'))
    const dir = join(root, 'vault')
    const s = await openFsStorage(dir)
    await s.writeBatch([{ name: 'a', bytes: bytes(1) }])
    await s.destroy()
    await expect(stat(dir)).rejects.toThrow(/ENOENT/)
  })

  it('leaves no temp file behind after a batch', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'sp-sync-')), 'v')
    const s = await openFsStorage(dir)
    await s.writeBatch([
      { name: 'a', bytes: bytes(1) },
      { name: 'a', bytes: bytes(2) },
      { name: 'b', bytes: bytes(3) },
    ])
    expect((await readdir(dir)).sort()).toEqual(['a', 'b'])
  })
})

describe('fault injection', () => {
  it('counts one step per op and crashes at the planned step with earlier ops applied', async () => {
    const inner = memoryStorage()
    const counting = faultyStorage(inner)
    await counting.writeBatch([
      { name: 'a', bytes: bytes(1) },
      { name: 'b', bytes: bytes(2) },
    ])
    await counting.writeBatch([{ name: 'a', delete: true }])
    expect(counting.steps).toBe(3)

    const inner2 = memoryStorage()
    const crashing = faultyStorage(inner2, { crashAt: 2 })
    await expect(
      crashing.writeBatch([
        { name: 'a', bytes: bytes(1) },
        { name: 'b', bytes: bytes(2) },
        { name: 'c', bytes: bytes(3) },
      ]),
    ).rejects.toBeInstanceOf(SimulatedCrashError)
    expect(crashing.crashed).toBe(true)
    expect(await inner2.list()).toEqual(['a'])
    await expect(crashing.writeBatch([{ name: 'd', bytes: bytes(4) }])).rejects.toBeInstanceOf(
      SimulatedCrashError,
    )
  })

  it('a torn write leaves a truncated stray copy and the target untouched', async () => {
    const inner = memoryStorage()
    await inner.writeBatch([{ name: 'manifest', bytes: bytes(1, 1, 1, 1) }])
    const torn = faultyStorage(inner, { crashAt: 1, torn: true })
    await expect(
      torn.writeBatch([{ name: 'manifest', bytes: bytes(2, 2, 2, 2) }]),
    ).rejects.toBeInstanceOf(SimulatedCrashError)
    expect(await inner.read('manifest')).toEqual(bytes(1, 1, 1, 1))
    expect(await inner.read(tornStrayName('manifest'))).toEqual(bytes(2, 2))
  })
})
