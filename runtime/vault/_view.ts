/**
 * Consented views and searches over sealed chunks. Zone maps (chunk min/max time) skip chunks
 * outside the window before anything is read; only the requested columns (plus the time column,
 * for the window filter) are decrypted.
 */

import { columnFromValues, columnValue, takeRows } from '../../sandbox/frame/codec.ts'
import { COLUMN_HEADER_BYTES } from '../../sandbox/frame/column_bytes.ts'
import { ColumnGather } from '../../sandbox/frame/gather.ts'
import type { Column, Frame, NumericColumn } from '../../sandbox/frame/types.ts'
import type { Storage } from '../storage/types.ts'
import type { ResolvedCollection } from './_collections.ts'
import { columnWhat, missingColumn, openColumn, readColumn, readSealed } from './_columns.ts'
import type { PlainRecord, SealContext } from './_columns.ts'
import type { ChunkEntry, CollectionEntry } from './_format.ts'
import { SEAL_OVERHEAD } from './_seal.ts'

/** Chunks whose zone map overlaps [from, to). */
export function chunksInWindow(
  entry: CollectionEntry | undefined,
  from: number,
  to: number,
): ChunkEntry[] {
  if (!entry) return []
  return entry.chunks.filter(
    (c) => c.minTime !== null && c.maxTime !== null && c.minTime < to && c.maxTime >= from,
  )
}

/** Rows of `times` inside [from, to), or undefined when every row is inside. */
function rowsInWindow(times: Float64Array, from: number, to: number): Uint32Array | undefined {
  let inside = 0
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!
    if (t >= from && t < to) inside++
  }
  if (inside === times.length) return undefined
  const rows = new Uint32Array(inside)
  let k = 0
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!
    if (t >= from && t < to) rows[k++] = i
  }
  return rows
}

/** Row order that sorts `times` ascending (stable), or undefined when already sorted. */
export function timeOrder(times: Float64Array): Uint32Array | undefined {
  let sorted = true
  for (let i = 1; i < times.length; i++) {
    if (!(times[i - 1]! <= times[i]!)) {
      sorted = false
      break
    }
  }
  if (sorted) return undefined
  const order = new Uint32Array(times.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  // NaN (no time) sorts last.
  const key = (i: number): number => (Number.isNaN(times[i]!) ? Infinity : times[i]!)
  return order.sort((a, b) => key(a) - key(b) || a - b)
}

/** True when `times` is ascending with any missing (NaN) times last, as every chunk is written. */
function sortedWithNaNLast(times: Float64Array): boolean {
  const n = times.length
  let i = 1
  while (i < n && times[i - 1]! <= times[i]!) i++
  if (i >= n) return true
  // The first pair out of order: from here on, only missing times may follow.
  if (!Number.isNaN(times[i]!)) return false
  for (; i < n; i++) if (!Number.isNaN(times[i]!)) return false
  return true
}

/** First index in sorted (NaN-last) `times` whose time is not below `x`. */
function lowerBound(times: Float64Array, x: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** One chunk, decrypted: its columns (views into `plains`) and the rows of it inside the window. */
interface OpenedChunk {
  readonly columns: ReadonlyMap<string, Column>
  readonly time: NumericColumn
  readonly plains: readonly Uint8Array[]
  /** Sorted chunk: rows [start, end). */
  readonly start: number
  readonly end: number
  /** Unsorted chunk (never written so, handled anyway): the rows inside, in stored order. */
  readonly rows: Uint32Array | undefined
}

/** Bytes of text in a sealed text column of `rows` rows, from its recorded size. */
function textBytes(size: number, rows: number): number {
  return Math.max(0, size - SEAL_OVERHEAD - COLUMN_HEADER_BYTES - 4 * (rows + 1))
}

/**
 * The frame of `fields` for rows with time in [from, to), in time order.
 *
 * Zone maps (each chunk's min/max time, in the sealed manifest) skip every chunk outside the
 * window before anything is read. The chunks at the window's edges are decrypted first, to count
 * their rows inside it; then every output array is allocated once at its final size, and each
 * chunk in turn is read, authenticated, decrypted, copied straight from its plaintext into those
 * arrays (its rows inside the window form one range: chunks are sorted by time) and wiped, so
 * at most one chunk's plaintext beyond the edges is held at a time. Chunks from separate ingests
 * that overlap in time are gathered in stored order and then put in time order.
 */
export async function buildView(
  storage: Storage,
  ctx: SealContext,
  collection: ResolvedCollection,
  entry: CollectionEntry | undefined,
  fields: readonly string[],
  from: number,
  to: number,
): Promise<Frame> {
  try {
    return await gatherView(storage, ctx, collection, entry, fields, from, to, false)
  } catch (e) {
    if (e !== UNSORTED) throw e
    return gatherView(storage, ctx, collection, entry, fields, from, to, true)
  }
}

/** Chunks whose objects are read ahead of the one being decrypted (a few MB at most). */
const READ_AHEAD = 4

/** Thrown inside `gatherView` when a chunk turns out not to be in time order after all. */
const UNSORTED = Symbol('unsorted chunk')

async function gatherView(
  storage: Storage,
  ctx: SealContext,
  collection: ResolvedCollection,
  entry: CollectionEntry | undefined,
  fields: readonly string[],
  from: number,
  to: number,
  merge: boolean,
): Promise<Frame> {
  const { name, timeField, kinds } = collection.layout
  const chunks = chunksInWindow(entry, from, to)
  const wanted = [...new Set(fields)]
  const columns: Record<string, Column> = {}
  if (chunks.length === 0) {
    for (const f of wanted) columns[f] = columnFromValues(kinds[f]!, [])
    return { collection: name, length: 0, columns }
  }
  // In stored order, chunk after chunk in time: gathering in that order is already time order.
  let ordered = !merge
  for (let k = 1; k < chunks.length; k++) {
    if (chunks[k]!.minTime! < chunks[k - 1]!.maxTime!) ordered = false
  }
  const read = new Set([timeField, ...wanted])
  let started = false
  let times: ColumnGather | undefined
  const names = [...read]
  // Sealed objects being read, by chunk: fetched ahead so that a store that waits on I/O keeps
  // reading while chunks already here are decrypted and copied.
  const reads = new Map<ChunkEntry, Promise<(Uint8Array | undefined)[]>>()
  const fetch = (chunk: ChunkEntry): Promise<(Uint8Array | undefined)[]> => {
    let pending = reads.get(chunk)
    if (!pending) {
      pending = Promise.all(
        names.map((f) => {
          const ref = chunk.columns[f]
          return ref ? readSealed(storage, ref, columnWhat(collection, chunk, f)) : undefined
        }),
      )
      pending.catch(() => undefined) // awaited when its turn comes; a failure surfaces there
      reads.set(chunk, pending)
    }
    return pending
  }
  const open = async (chunk: ChunkEntry): Promise<OpenedChunk> => {
    const sealed = await fetch(chunk)
    reads.delete(chunk)
    const opened = new Map<string, Column>()
    const plains: Uint8Array[] = []
    names.forEach((f, i) => {
      const bytes = sealed[i]
      if (!bytes) return opened.set(f, missingColumn(collection, chunk, f))
      const { column, plain } = openColumn(ctx, collection, chunk, f, bytes)
      if (plain) plains.push(plain)
      opened.set(f, column)
    })
    const time = opened.get(timeField) as NumericColumn
    if (sortedWithNaNLast(time.values)) {
      const start = lowerBound(time.values, from)
      const end = Math.max(start, lowerBound(time.values, to))
      return { columns: opened, time, plains, start, end, rows: undefined }
    }
    // Only an edge chunk can still change the plan; met later, start over ready to sort.
    if (times === undefined && started) throw UNSORTED
    ordered = false
    const rows = rowsInWindow(time.values, from, to) ?? Uint32Array.from(time.values, (_, i) => i)
    return { columns: opened, time, plains, start: 0, end: 0, rows }
  }
  const countOf = (c: OpenedChunk): number => c.rows?.length ?? c.end - c.start
  const inside = (c: ChunkEntry): boolean => c.minTime! >= from && c.maxTime! < to

  // Edge chunks first: how many of their rows are inside.
  const edges = new Map<ChunkEntry, OpenedChunk>()
  for (const chunk of chunks) if (!inside(chunk)) edges.set(chunk, await open(chunk))
  let capacity = 0
  const text = new Map<string, number>()
  for (const chunk of chunks) {
    const edge = edges.get(chunk)
    capacity += edge ? countOf(edge) : chunk.rows
    for (const f of wanted) {
      if (kinds[f] !== 'text') continue
      const ref = chunk.columns[f]
      let bytes = 0
      if (edge) {
        const col = edge.columns.get(f)!
        if (col.kind === 'text') {
          bytes = edge.rows
            ? edge.rows.reduce((s, r) => s + col.offsets[r + 1]! - col.offsets[r]!, 0)
            : col.offsets[edge.end]! - col.offsets[edge.start]!
        }
      } else if (ref) bytes = textBytes(ref.size, chunk.rows)
      text.set(f, (text.get(f) ?? 0) + bytes)
    }
  }
  started = true
  const gathers = new Map<string, ColumnGather>()
  for (const f of wanted) gathers.set(f, new ColumnGather(kinds[f]!, capacity, text.get(f) ?? 0))
  // Out of order chunks are sorted at the end, on their times.
  if (!ordered) times = gathers.get(timeField) ?? new ColumnGather('time', capacity)

  let length = 0
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!
    for (let j = k + 1; j <= k + READ_AHEAD && j < chunks.length; j++) {
      if (!edges.has(chunks[j]!)) void fetch(chunks[j]!)
    }
    const opened = edges.get(chunk) ?? (await open(chunk))
    for (const [f, gather] of gathers) {
      const col = opened.columns.get(f)!
      if (opened.rows) gather.appendRows(col, opened.rows)
      else gather.append(col, opened.start, opened.end)
    }
    if (times && !gathers.has(timeField)) {
      if (opened.rows) times.appendRows(opened.time, opened.rows)
      else times.append(opened.time, opened.start, opened.end)
    }
    length += countOf(opened)
    for (const p of opened.plains) p.fill(0)
    edges.delete(chunk)
  }
  for (const [f, gather] of gathers) columns[f] = gather.finish()
  if (times) {
    const order = timeOrder((times.finish() as NumericColumn).values)
    if (order) for (const f of wanted) columns[f] = takeRows(columns[f]!, order)
  }
  return { collection: name, length, columns }
}

/** Reads every row of `chunks` back as plain records (missing values left out), in time order. */
export async function readRecords(
  storage: Storage,
  ctx: SealContext,
  collection: ResolvedCollection,
  chunks: readonly ChunkEntry[],
  keep: (record: PlainRecord) => boolean = () => true,
): Promise<PlainRecord[]> {
  const out: PlainRecord[] = []
  for (const chunk of chunks) {
    const cols = await Promise.all(
      collection.fields.map((f) => readColumn(storage, ctx, collection, chunk, f)),
    )
    for (let i = 0; i < chunk.rows; i++) {
      const record: Record<string, unknown> = {}
      collection.fields.forEach((f, k) => {
        const v = columnValue(cols[k]!, i)
        // Text columns cannot tell a missing value from an empty string; both read back as absent.
        if (v !== undefined && v !== '') record[f] = v
      })
      if (keep(record)) out.push(record)
    }
  }
  const { timeField } = collection.layout
  const t = (r: PlainRecord): number =>
    typeof r[timeField] === 'number' ? (r[timeField] as number) : Infinity
  return out.sort((a, b) => t(a) - t(b))
}
