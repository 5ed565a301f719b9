/**
 * Chunks on storage: records → one sealed object per column (`sealChunk`), and one sealed column
 * object → a checked frame column (`readColumn`). The associated data of a column binds vault id,
 * collection, chunk id, field and the chunk's generation, so a piece moved anywhere else fails.
 */

import { columnFromValues, columnLength } from '../../sandbox/frame/codec.ts'
import { columnView, encodeField } from '../../sandbox/frame/column_bytes.ts'
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

/** Associated data of one column object (FORMAT.md "Sealing and associated data"). */
export function columnAad(
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
    const bytes = sealObject(
      ctx.aead,
      ctx.key,
      encodeField(kinds[field]!, records, field),
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

/** A decrypted column: `column`'s arrays are views into `plain`, which the caller owns. */
export interface OpenedColumn {
  readonly column: Column
  /** The plaintext; undefined for a field the chunk predates (nothing was decrypted). */
  readonly plain: Uint8Array | undefined
}

/** What messages call one column of one chunk. */
export function columnWhat(
  collection: ResolvedCollection,
  chunk: ChunkEntry,
  field: string,
): string {
  return `column ${field} of ${collection.layout.name} chunk ${chunk.id}`
}

/**
 * Authenticates, decrypts and parses one sealed column object (`bytes`, already size-checked by
 * `readSealed`) without copying it again. VaultTamperedError when anything differs.
 */
export function openColumn(
  ctx: SealContext,
  collection: ResolvedCollection,
  chunk: ChunkEntry,
  field: string,
  bytes: Uint8Array,
): OpenedColumn {
  const kind = collection.layout.kinds[field]!
  const ref = chunk.columns[field]!
  const name = collection.layout.name
  let opened: OpenedColumn
  try {
    const plain = openObject(
      ctx.aead,
      ctx.key,
      bytes,
      columnAad(ctx.vaultId, name, chunk.id, field, chunk.generation),
    )
    opened = { column: columnView(plain), plain }
  } catch (cause) {
    throw new VaultTamperedError(ref.object, columnWhat(collection, chunk, field), { cause })
  }
  if (opened.column.kind !== kind || columnLength(opened.column) !== chunk.rows)
    throw new VaultTamperedError(ref.object, columnWhat(collection, chunk, field))
  return opened
}

/** A field the chunk predates: every row missing. */
export function missingColumn(
  collection: ResolvedCollection,
  chunk: ChunkEntry,
  field: string,
): Column {
  return columnFromValues(collection.layout.kinds[field]!, new Array<unknown>(chunk.rows))
}

/** Decrypts and decodes one column of one chunk; a field the chunk predates reads as all missing. */
export async function readColumn(
  storage: Storage,
  ctx: SealContext,
  collection: ResolvedCollection,
  chunk: ChunkEntry,
  field: string,
): Promise<Column> {
  const ref = chunk.columns[field]
  if (!ref) return missingColumn(collection, chunk, field)
  const bytes = await readSealed(storage, ref, columnWhat(collection, chunk, field))
  return openColumn(ctx, collection, chunk, field, bytes).column
}
