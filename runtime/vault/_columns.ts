/**
 * Chunks on storage: records → one sealed object per column (`sealChunk`), and one sealed column
 * object → a checked frame column (`readColumn`). The associated data of a column binds vault id,
 * collection, chunk id, field and the chunk's generation, so a piece moved anywhere else fails.
 */

import {
  columnFromValues,
  columnLength,
  decodeColumn,
  encodeColumn,
} from '../../sandbox/frame/codec.ts'
import type { Column } from '../../sandbox/frame/types.ts'
import { toHex } from '../crypto/bytes.ts'
import { randomBytes } from '../crypto/random.ts'
import type { XChaChaAead } from '../crypto/xchacha.ts'
import type { PutOp, Storage } from '../storage/types.ts'
import type { ResolvedCollection } from './_collections.ts'
import { DATA_PREFIX } from './_format.ts'
import type { ChunkEntry, ObjectRef } from './_format.ts'
import { aad, openObject, sealObject } from './_seal.ts'
import { VaultMissingObjectError, VaultTamperedError, VaultTruncatedError } from './errors.ts'

/** What sealing and opening need: the AEAD, the data key and the vault id. */
export interface SealContext {
  readonly aead: XChaChaAead
  readonly key: Uint8Array
  readonly vaultId: string
}

export type PlainRecord = Readonly<Record<string, unknown>>

/** A fresh, unguessable object name (never reused, so a new object never overwrites a live one). */
export function newObjectName(): string {
  return DATA_PREFIX + toHex(randomBytes(16))
}

function columnAad(
  vaultId: string,
  collection: string,
  chunkId: string,
  field: string,
  generation: number,
): Uint8Array {
  return aad('sealpost/vault/column/v1', vaultId, collection, chunkId, field, String(generation))
}

/** Seals `records` (already in time order) as one chunk written at `generation`. */
export function sealChunk(
  ctx: SealContext,
  collection: ResolvedCollection,
  records: readonly PlainRecord[],
  generation: number,
): { entry: ChunkEntry; puts: PutOp[] } {
  const { name, timeField, kinds } = collection.layout
  const id = toHex(randomBytes(8))
  const puts: PutOp[] = []
  const columns: Record<string, ObjectRef> = {}
  let minTime = Infinity
  let maxTime = -Infinity
  for (const r of records) {
    const t = r[timeField]
    if (typeof t === 'number') {
      if (t < minTime) minTime = t
      if (t > maxTime) maxTime = t
    }
  }
  for (const field of collection.fields) {
    const column = columnFromValues(
      kinds[field]!,
      records.map((r) => r[field]),
    )
    const bytes = sealObject(
      ctx.aead,
      ctx.key,
      encodeColumn(column),
      columnAad(ctx.vaultId, name, id, field, generation),
    )
    const object = newObjectName()
    puts.push({ name: object, bytes })
    columns[field] = { object, size: bytes.length }
  }
  const entry: ChunkEntry = {
    id,
    generation,
    rows: records.length,
    minTime: minTime === Infinity ? null : minTime,
    maxTime: maxTime === -Infinity ? null : maxTime,
    columns,
  }
  return { entry, puts }
}

/** Reads and checks one sealed object the manifest names; `what` is for messages. */
export async function readSealed(
  storage: Storage,
  ref: ObjectRef,
  what: string,
): Promise<Uint8Array> {
  const bytes = await storage.read(ref.object)
  if (bytes === undefined) throw new VaultMissingObjectError(ref.object, what)
  if (bytes.length < ref.size)
    throw new VaultTruncatedError(ref.object, what, bytes.length, ref.size)
  if (bytes.length !== ref.size) throw new VaultTamperedError(ref.object, what)
  return bytes
}

/** Decrypts and decodes one column of one chunk; a field the chunk predates reads as all missing. */
export async function readColumn(
  storage: Storage,
  ctx: SealContext,
  collection: ResolvedCollection,
  chunk: ChunkEntry,
  field: string,
): Promise<Column> {
  const kind = collection.layout.kinds[field]!
  const ref = chunk.columns[field]
  if (!ref) return columnFromValues(kind, new Array<unknown>(chunk.rows))
  const name = collection.layout.name
  const what = `column ${field} of ${name} chunk ${chunk.id}`
  const bytes = await readSealed(storage, ref, what)
  let column: Column
  try {
    const plain = openObject(
      ctx.aead,
      ctx.key,
      bytes,
      columnAad(ctx.vaultId, name, chunk.id, field, chunk.generation),
    )
    column = decodeColumn(plain)
  } catch (cause) {
    throw new VaultTamperedError(ref.object, what, { cause })
  }
  if (column.kind !== kind || columnLength(column) !== chunk.rows)
    throw new VaultTamperedError(ref.object, what)
  return column
}
