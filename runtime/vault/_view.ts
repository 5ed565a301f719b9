/**
 * Consented views and searches over sealed chunks. Zone maps (chunk min/max time) skip chunks
 * outside the window before anything is read; only the requested columns (plus the time column,
 * for the window filter) are decrypted.
 */

import {
  columnFromValues,
  columnValue,
  concatColumns,
  takeRows,
} from '../../sandbox/frame/codec.ts'
import type { Column, Frame, NumericColumn } from '../../sandbox/frame/types.ts'
import type { Storage } from '../storage/types.ts'
import type { ResolvedCollection } from './_collections.ts'
import { readColumn } from './_columns.ts'
import type { PlainRecord, SealContext } from './_columns.ts'
import type { ChunkEntry, CollectionEntry } from './_format.ts'

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

/** The frame of `fields` for rows with time in [from, to), in time order. */
export async function buildView(
  storage: Storage,
  ctx: SealContext,
  collection: ResolvedCollection,
  entry: CollectionEntry | undefined,
  fields: readonly string[],
  from: number,
  to: number,
): Promise<Frame> {
  const { name, timeField, kinds } = collection.layout
  const chunks = chunksInWindow(entry, from, to)
  const parts = await Promise.all(
    chunks.map(async (chunk) => {
      const time = (await readColumn(storage, ctx, collection, chunk, timeField)) as NumericColumn
      const rows = rowsInWindow(time.values, from, to)
      if (rows?.length === 0) return undefined
      const columns: Record<string, Column> = {}
      const read = await Promise.all(
        fields.map((f) =>
          f === timeField ? time : readColumn(storage, ctx, collection, chunk, f),
        ),
      )
      fields.forEach((f, i) => (columns[f] = rows ? takeRows(read[i]!, rows) : read[i]!))
      const times = rows ? (takeRows(time, rows) as NumericColumn).values : time.values
      return { columns, times }
    }),
  )
  const present = parts.filter((p) => p !== undefined)
  const columns: Record<string, Column> = {}
  if (present.length === 0) {
    for (const f of fields) columns[f] = columnFromValues(kinds[f]!, [])
    return { collection: name, length: 0, columns }
  }
  const times = (
    concatColumns(
      present.map((p) => ({ kind: 'time', values: p.times }) as Column),
    ) as NumericColumn
  ).values
  const order = timeOrder(times)
  for (const f of fields) {
    const joined = concatColumns(present.map((p) => p.columns[f]!))
    columns[f] = order ? takeRows(joined, order) : joined
  }
  return { collection: name, length: times.length, columns }
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
