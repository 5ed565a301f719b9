import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { columnFromValues, columnValue, takeRows } from '../../sandbox/frame/codec.ts'
import type { Column, Frame } from '../../sandbox/frame/types.ts'
import { memoryStorage } from '../../runtime/storage/index.ts'
import type { Storage } from '../../runtime/storage/index.ts'
import {
  createVault,
  LIGHT_SCRYPT,
  openVault,
  VaultMissingObjectError,
  VaultTamperedError,
  VaultTruncatedError,
} from '../../runtime/vault/index.ts'
import { makePings, PINGS_SCHEMA, PW } from './_helpers.ts'

const schemas = { pings: PINGS_SCHEMA }
const FIELDS = ['id', 'at', 'lat', 'lon', 'place'] as const
const KINDS = { id: 'text', at: 'time', lat: 'number', lon: 'number', place: 'category' } as const

/** A storage that records the name of every object read through it. */
function recording(inner: Storage): Storage & { reads: string[] } {
  const reads: string[] = []
  return {
    ...inner,
    reads,
    read: (name: string) => {
      reads.push(name)
      return inner.read(name)
    },
  }
}

/**
 * The plain reference: every record kept in time order (stable over the order given), only the
 * rows in [from, to), categories coded in order of first appearance.
 */
function reference(
  records: readonly Record<string, unknown>[],
  fields: readonly string[],
  from: number,
  to: number,
): Frame {
  const inside = records
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => (r.at as number) >= from && (r.at as number) < to)
    .sort((a, b) => (a.r.at as number) - (b.r.at as number) || a.i - b.i)
    .map(({ r }) => r)
  const columns: Record<string, Column> = {}
  for (const f of fields) {
    columns[f] = columnFromValues(
      KINDS[f as keyof typeof KINDS],
      inside.map((r) => r[f]),
    )
  }
  return { collection: 'pings', length: inside.length, columns }
}

function expectSameFrame(got: Frame, want: Frame): void {
  expect(got.length).toBe(want.length)
  expect(Object.keys(got.columns)).toEqual(Object.keys(want.columns))
  for (const [f, col] of Object.entries(want.columns)) {
    const g = got.columns[f]!
    expect(g.kind).toBe(col.kind)
    if (col.kind === 'category' && g.kind === 'category') {
      expect(g.dictionary).toEqual(col.dictionary)
      expect(Array.from(g.codes)).toEqual(Array.from(col.codes))
    } else {
      for (let i = 0; i < want.length; i++) expect(columnValue(g, i)).toEqual(columnValue(col, i))
    }
  }
}

/** Distinct times, so the time order of any two rows is defined whatever chunk they are in. */
function distinctTimes(n: number, seed: number): Record<string, unknown>[] {
  // 7919 is prime and larger than any n here, so i ↦ 7919·i mod n is a permutation.
  return makePings(n, seed).map((p, i) => ({ ...p, at: ((i * 7919) % n) * 10 + 5 }))
}

describe('consented views near the cipher', () => {
  it('equal the plain reference exactly (values, order, dictionaries) for any window, fields, chunk size and ingest split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.tuple(fc.integer({ min: -10, max: 1600 }), fc.integer({ min: -10, max: 1600 })),
        fc.subarray([...FIELDS]),
        fc.boolean(),
        async (n, chunkRows, batches, [a, b], fields, sortedInput) => {
          let all = distinctTimes(n, n + chunkRows)
          if (sortedInput) all = all.toSorted((x, y) => (x.at as number) - (y.at as number))
          const vault = await createVault(memoryStorage(), PW, {
            scrypt: LIGHT_SCRYPT,
            schemas,
            chunkRows,
          })
          const per = Math.ceil(n / batches)
          for (let i = 0; i < n; i += per) await vault.ingest('pings', all.slice(i, i + per))
          const [from, to] = [Math.min(a, b), Math.max(a, b)]
          const frame = await vault.view({ collection: 'pings', fields, from, to })
          expectSameFrame(frame, reference(all, fields, from, to))
          vault.close()
        },
      ),
      { numRuns: 60 },
    )
  })

  it('read nothing of the chunks outside the window (zone maps), and of the others only the time and the consented columns', async () => {
    const inner = memoryStorage()
    const vault = await createVault(inner, PW, { scrypt: LIGHT_SCRYPT, schemas, chunkRows: 10 })
    const records = makePings(100, 3, 0, 1000).toSorted(
      (x, y) => (x.at as number) - (y.at as number),
    )
    await vault.ingest('pings', records)
    const objectsBefore = new Set(await inner.list('o-'))
    const storage = recording(inner)
    // The same vault, read through the recording storage.
    const reader = await openVault(storage, PW, { schemas })
    storage.reads.length = 0
    const from = records[35]!.at as number
    const to = (records[54]!.at as number) + 1
    const frame = await reader.view({ collection: 'pings', fields: ['lat'], from, to })
    expect(frame.length).toBe(records.filter((r) => r.at >= from && r.at < to).length)
    // 10 chunks of 10 rows in time order: rows 35..54 lie in chunks 3, 4 and 5 only.
    const read = storage.reads.filter((n) => objectsBefore.has(n))
    expect(read).toHaveLength(3 * 2) // at + lat of three chunks
    const views = await reader.view({ collection: 'pings', fields: ['lat'], from: -1e9, to: -1 })
    expect(views.length).toBe(0)
    expect(storage.reads.filter((n) => objectsBefore.has(n))).toHaveLength(6) // nothing more
    reader.close()
    vault.close()
  })

  it('name in a windowed category column only the values of rows inside the window', async () => {
    const vault = await createVault(memoryStorage(), PW, { scrypt: LIGHT_SCRYPT, schemas })
    const rows = [
      { id: 'a', at: 10, lat: 0, lon: 0, place: 'home' },
      { id: 'b', at: 20, lat: 0, lon: 0, place: 'clinic' },
      { id: 'c', at: 30, lat: 0, lon: 0, place: 'work' },
      { id: 'd', at: 40, lat: 0, lon: 0, place: 'home' },
    ]
    await vault.ingest('pings', rows)
    const frame = await vault.view({ collection: 'pings', fields: ['place'], from: 25, to: 100 })
    const place = frame.columns.place!
    expect(place.kind === 'category' && place.dictionary).toEqual(['work', 'home'])
    expect(place.kind === 'category' && Array.from(place.codes)).toEqual([0, 1])
    vault.close()
  })

  it('give frames whose arrays are their own, exactly as long as the rows', async () => {
    const vault = await createVault(memoryStorage(), PW, {
      scrypt: LIGHT_SCRYPT,
      schemas,
      chunkRows: 16,
    })
    await vault.ingest('pings', makePings(100, 5, 0, 1000))
    const frame = await vault.view({ collection: 'pings', fields: [...FIELDS], from: 100, to: 700 })
    const buffers = new Set<ArrayBufferLike>()
    for (const col of Object.values(frame.columns)) {
      const arrays =
        col.kind === 'category'
          ? [col.codes]
          : col.kind === 'text'
            ? [col.offsets, col.bytes]
            : [col.values]
      for (const a of arrays) {
        expect(a.byteOffset).toBe(0)
        expect(a.byteLength).toBe(a.buffer.byteLength)
        buffers.add(a.buffer)
      }
    }
    expect(buffers.size).toBe(6) // no two arrays share a buffer (each can be moved on its own)
    const at = frame.columns.at!
    expect(at.kind === 'time' && at.values.length).toBe(frame.length)
    vault.close()
  })

  it('take the same rows as takeRows over the decoded chunks when chunks overlap in time', async () => {
    const vault = await createVault(memoryStorage(), PW, {
      scrypt: LIGHT_SCRYPT,
      schemas,
      chunkRows: 8,
    })
    const a = makePings(40, 11, 0, 1000)
    const b = makePings(40, 12, 0, 1000)
    await vault.ingest('pings', a)
    await vault.ingest('pings', b)
    const frame = await vault.view({ collection: 'pings', fields: ['id', 'at'], from: 0, to: 1000 })
    const times = frame.columns.at!
    expect(times.kind === 'time').toBe(true)
    if (times.kind !== 'time') return
    for (let i = 1; i < frame.length; i++)
      expect(times.values[i - 1]!).toBeLessThanOrEqual(times.values[i]!)
    const ids = Array.from({ length: frame.length }, (_, i) => columnValue(frame.columns.id!, i))
    expect(ids.toSorted()).toEqual([...a, ...b].map((r) => r.id).toSorted())
    // takeRows of the identity is the identity (the sort step keeps every row once).
    const same = takeRows(
      frame.columns.id!,
      Uint32Array.from(ids, (_, i) => i),
    )
    expect(columnValue(same, 0)).toBe(ids[0])
    vault.close()
  })

  describe('a damaged chunk gives the same typed errors to a view', () => {
    async function damaged(
      damage: (storage: Storage, objects: string[]) => Promise<void>,
    ): Promise<unknown> {
      const storage = memoryStorage()
      const vault = await createVault(storage, PW, {
        scrypt: LIGHT_SCRYPT,
        schemas,
        chunkRows: 10,
      })
      const records = makePings(50, 9, 0, 1000).toSorted(
        (x, y) => (x.at as number) - (y.at as number),
      )
      await vault.ingest('pings', records)
      const before = await storage.list('o-')
      expect(before).toHaveLength(25)
      try {
        // Damage every object; the view must stop at the first it reads, with a typed error.
        await damage(storage, before)
        await vault.view({ collection: 'pings', fields: ['lat', 'place'], from: 0, to: 2000 })
        return undefined
      } catch (e) {
        return e
      } finally {
        vault.close()
      }
    }

    it('truncated → SEALPOST_VAULT_TRUNCATED', async () => {
      const e = await damaged(async (s, names) => {
        for (const n of names) {
          const bytes = (await s.read(n))!
          await s.writeBatch([{ name: n, bytes: bytes.subarray(0, bytes.length - 1) }])
        }
      })
      expect(e).toBeInstanceOf(VaultTruncatedError)
    })

    it('a flipped bit → SEALPOST_VAULT_TAMPERED', async () => {
      const e = await damaged(async (s, names) => {
        for (const n of names) {
          const bytes = (await s.read(n))!
          bytes[bytes.length >> 1]! ^= 1
          await s.writeBatch([{ name: n, bytes }])
        }
      })
      expect(e).toBeInstanceOf(VaultTamperedError)
    })

    it('swapped between chunks → SEALPOST_VAULT_TAMPERED', async () => {
      const e = await damaged(async (s, names) => {
        const bytes = await Promise.all(names.map(async (n) => (await s.read(n))!))
        // Same size, other place: rotate objects of equal length.
        const bySize = new Map<number, string[]>()
        names.forEach((n, i) =>
          bySize.set(bytes[i]!.length, [...(bySize.get(bytes[i]!.length) ?? []), n]),
        )
        for (const group of bySize.values()) {
          if (group.length < 2) continue
          const contents = await Promise.all(group.map(async (n) => (await s.read(n))!))
          await s.writeBatch(
            group.map((n, i) => ({ name: n, bytes: contents[(i + 1) % group.length]! })),
          )
        }
      })
      expect(e).toBeInstanceOf(VaultTamperedError)
    })

    it('missing → SEALPOST_VAULT_MISSING_OBJECT', async () => {
      const e = await damaged(async (s, names) => {
        await s.writeBatch(names.map((name) => ({ name, delete: true as const })))
      })
      expect(e).toBeInstanceOf(VaultMissingObjectError)
    })
  })
})
