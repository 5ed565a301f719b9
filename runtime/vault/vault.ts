/**
 * The encrypted vault: one person's records (columnar, sealed per column per chunk) and documents
 * (consents, audit log, trust store, outbox) behind a passphrase. Every change is one commit:
 * new objects under fresh names, then the manifest is replaced (the commit point), then the commit
 * counter, then garbage is removed. See FORMAT.md.
 */

import { textRows } from '../../sandbox/frame/codec.ts'
import type { Frame } from '../../sandbox/frame/types.ts'
import { utf8Decode, utf8Encode, wipe } from '../crypto/bytes.ts'
import { StorageConflictError } from '../storage/errors.ts'
import { sameBytes } from '../storage/types.ts'
import type {
  LockOptions,
  PutOp,
  Storage,
  StorageLock,
  StorageOp,
  WriteOptions,
} from '../storage/types.ts'
import { resolveCollection } from './_collections.ts'
import type { ResolvedCollection } from './_collections.ts'
import { newObjectName, readColumn, readSealed, sealChunk } from './_columns.ts'
import type { PlainRecord, SealContext } from './_columns.ts'
import {
  COUNTER_OBJECT,
  decodeHeader,
  HEADER_OBJECT,
  MANIFEST_OBJECT,
  openManifest,
  sealCounter,
  sealManifest,
} from './_format.ts'
import type { ChunkEntry, CollectionEntry, DocEntry, Manifest, VaultHeader } from './_format.ts'
import { aad, openObject, sealObject } from './_seal.ts'
import { recordMatcher } from './_search.ts'
import { buildView, chunksInWindow, readRecords, timeOrder } from './_view.ts'
import {
  InvalidRecordError,
  UnknownCollectionError,
  VaultClosedError,
  VaultMissingObjectError,
  VaultRollbackError,
  VaultTamperedError,
} from './errors.ts'
import type {
  CompactResult,
  ExportOptions,
  IngestCounts,
  IngestOptions,
  OpenVaultOptions,
  SearchQuery,
  VaultExport,
  VaultRecord,
  VaultStats,
  ViewRequest,
  ViewSource,
  VaultTransaction,
} from './types.ts'
import type { JsonSchema } from '../manifest/types.ts'
import { rewrapHeader } from './_keys.ts'
import type { CreateVaultOptions } from './types.ts'

export const DEFAULT_CHUNK_ROWS = 16_384
const MAX_DOC_NAME = 200
/**
 * Documents that hold secrets (the consent layer's device signing key, the delivery layer's
 * pseudonym secret): left out of exports unless asked for.
 */
const SECRET_DOCS: readonly string[] = ['consent/device', 'delivery/pseudonym-secret']
// A read that keeps losing its objects to other writers gives up after this many fresh snapshots.
const MAX_READ_RETRIES = 3

/** What one transaction has written so far (nothing is in the store until its commit). */
interface Draft {
  /** The generation its commit will have (its sealed objects bind it). */
  readonly generation: number
  collections: Record<string, CollectionEntry>
  /** Documents written (plain JSON copies; undefined: removed). */
  readonly docs: Map<string, unknown>
  readonly puts: PutOp[]
  /** Ids added per collection. */
  readonly added: Map<string, Set<string>>
  readonly removed: Set<string>
  changed: boolean
  open: boolean
}

/** The records of one collection, as `ingest` passes them on (no per-record tagging). */
class OneCollection {
  readonly collection: string
  readonly records: Iterable<VaultRecord> | AsyncIterable<VaultRecord>
  constructor(collection: string, records: Iterable<VaultRecord> | AsyncIterable<VaultRecord>) {
    this.collection = collection
    this.records = records
  }
}

const cloneJson = (value: unknown): unknown =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown)

function docAad(vaultId: string, name: string, generation: number): Uint8Array {
  return aad('sealpost/vault/doc/v1', vaultId, name, String(generation))
}

/** An open vault. Close it (or `using vault = ...`) to wipe the data key from memory. */
export class Vault implements ViewSource {
  readonly #storage: Storage
  readonly #ownsStorage: boolean
  readonly #schemas: Readonly<Record<string, JsonSchema>>
  readonly #chunkRows: number
  readonly #lockOptions: LockOptions
  #header: VaultHeader
  #manifest: Manifest
  #manifestBytes: Uint8Array
  #ctx: SealContext | undefined
  #failure: string | undefined
  #ids = new Map<string, Set<string>>()
  /** Reads and the commit step, one at a time on this handle. */
  #queue: Promise<unknown> = Promise.resolve()
  /** Write transactions of this handle, one at a time (the store's lock covers other handles). */
  #writers: Promise<unknown> = Promise.resolve()

  /** @internal use `createVault` / `openVault`. */
  constructor(
    storage: Storage,
    ctx: SealContext,
    header: VaultHeader,
    manifest: { readonly value: Manifest; readonly bytes: Uint8Array },
    options: OpenVaultOptions & { ownsStorage?: boolean },
  ) {
    this.#storage = storage
    this.#ctx = ctx
    this.#header = header
    this.#manifest = manifest.value
    this.#manifestBytes = manifest.bytes
    this.#lockOptions = options.lock ?? {}
    this.#schemas = options.schemas ?? {}
    this.#chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS
    this.#ownsStorage = options.ownsStorage ?? false
  }

  /** The vault's random id (hex). */
  get id(): string {
    return this.#header.vaultId
  }

  /** The live commit generation (0 right after creation). */
  get generation(): number {
    return this.#manifest.generation
  }

  /** False after `close()`. */
  get alive(): boolean {
    return this.#ctx !== undefined
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Decrypts only the requested columns of chunks overlapping [from, to); rows in the window, time order. */
  view(request: ViewRequest): Promise<Frame> {
    return this.#exclusive(() =>
      this.#reading(async (ctx) => {
        const { collection, fields, from, to } = request
        if (
          typeof from !== 'number' ||
          typeof to !== 'number' ||
          Number.isNaN(from) ||
          Number.isNaN(to)
        ) {
          throw new TypeError('request.from and request.to must be numbers')
        }
        if (!Array.isArray(fields)) throw new TypeError('request.fields must be an array')
        const resolved = this.#resolve(collection)
        for (const f of fields) {
          if (!Object.hasOwn(resolved.layout.kinds, f)) {
            throw new UnknownCollectionError(`collection ${collection} has no field '${f}'`)
          }
        }
        return buildView(
          this.#storage,
          ctx,
          resolved,
          this.#manifest.collections[collection],
          fields,
          from,
          to,
        )
      }),
    )
  }

  /** Records matching a time range, field filters and full-text terms, in time order. */
  search(query: SearchQuery): Promise<VaultRecord[]> {
    return this.#exclusive(() =>
      this.#reading(async (ctx) => {
        const resolved = this.#resolve(query.collection)
        const from = query.from ?? -Infinity
        const to = query.to ?? Infinity
        const limit = query.limit ?? Infinity
        if (!(limit >= 0)) throw new RangeError('query.limit must be >= 0')
        const match = recordMatcher(resolved, query.where, query.text)
        const { timeField } = resolved.layout
        const inWindow = (r: PlainRecord): boolean => {
          const t = r[timeField]
          return typeof t === 'number' && t >= from && t < to && match(r)
        }
        const chunks = chunksInWindow(this.#manifest.collections[query.collection], from, to)
        const records = await readRecords(this.#storage, ctx, resolved, chunks, inWindow)
        return records.slice(0, limit)
      }),
    )
  }

  /** Row counts, chunks, time ranges and sizes per collection. */
  stats(): Promise<VaultStats> {
    return this.#exclusive(async () => {
      const collections: Record<string, VaultStats['collections'][string]> = {}
      let total = 0
      for (const [name, entry] of Object.entries(this.#manifest.collections)) {
        const times = entry.chunks.flatMap((c) =>
          c.minTime === null || c.maxTime === null ? [] : [c.minTime, c.maxTime],
        )
        const sealedBytes = entry.chunks.reduce(
          (s, c) => s + Object.values(c.columns).reduce((a, r) => a + r.size, 0),
          0,
        )
        total += sealedBytes
        collections[name] = {
          rows: entry.rows,
          chunks: entry.chunks.length,
          minTime: times.length ? times.reduce((a, b) => Math.min(a, b)) : null,
          maxTime: times.length ? times.reduce((a, b) => Math.max(a, b)) : null,
          sealedBytes,
        }
      }
      const docs = Object.values(this.#manifest.docs)
      total += docs.reduce((s, d) => s + d.size, 0)
      const { N, r, p } = this.#header.kdf
      return {
        vaultId: this.id,
        generation: this.generation,
        kdf: { N, r, p },
        collections,
        docs: docs.length,
        sealedBytes: total,
      }
    })
  }

  /**
   * Everything in the vault (all records of every collection, all documents) as plain JSON, except
   * the device's signing secret and the pseudonym secret unless `secrets: true` (their names are
   * listed in `omitted`): a copy of the export must not let anyone sign as the device or link the
   * person's pseudonyms.
   */
  export(options: ExportOptions = {}): Promise<VaultExport> {
    const secrets = options.secrets === true
    return this.#exclusive(() =>
      this.#reading(async (ctx) => {
        const collections: Record<string, VaultRecord[]> = {}
        for (const [name, entry] of Object.entries(this.#manifest.collections)) {
          collections[name] = await readRecords(
            this.#storage,
            ctx,
            this.#resolve(name),
            entry.chunks,
          )
        }
        const docs: Record<string, unknown> = {}
        const omitted: string[] = []
        for (const name of Object.keys(this.#manifest.docs).sort()) {
          if (!secrets && SECRET_DOCS.includes(name)) omitted.push(name)
          else docs[name] = await this.#readDoc(ctx, name)
        }
        return {
          format: 'sealpost-vault-export/1',
          vaultId: this.id,
          generation: this.generation,
          collections,
          docs,
          ...(omitted.length > 0 ? { omitted } : {}),
        }
      }),
    )
  }

  /** Names of the stored documents. */
  docNames(): string[] {
    this.#live()
    return Object.keys(this.#manifest.docs).sort()
  }

  /** A stored document (consents, audit log, trust store, outbox, ...), or undefined. */
  getDoc(name: string): Promise<unknown> {
    return this.#exclusive(() => this.#reading((ctx) => this.#readDoc(ctx, name)))
  }

  // ---- writing ---------------------------------------------------------------------------------

  /**
   * Runs `fn` as ONE writer transaction: it waits for the store's writer lock (exclusive across
   * processes and tabs), moves this handle to the newest committed state, lets `fn` read and write
   * through `tx` (its writes are visible to it alone), and publishes everything `fn` wrote as one
   * manifest commit when `fn` resolves; nothing is written when `fn` throws. Inside `fn` use `tx`,
   * not this vault's own write methods (they wait for this transaction to end).
   */
  transaction<T>(fn: (tx: VaultTransaction) => Promise<T>): Promise<T> {
    return this.#transact((draft, ctx) => fn(this.#transactionApi(draft, ctx)))
  }

  /** Validates, skips ids already present, and commits the rest in time-ordered chunks (one commit). */
  ingest(
    collection: string,
    records: Iterable<VaultRecord> | AsyncIterable<VaultRecord>,
    options: IngestOptions = {},
  ): Promise<IngestCounts> {
    return this.transaction((tx) => tx.ingest(collection, records, options))
  }

  /** Like `ingest` for records of several collections (an importer's output), in one commit. */
  ingestAll(
    records:
      | Iterable<{ collection: string; record: VaultRecord }>
      | AsyncIterable<{ collection: string; record: VaultRecord }>,
    options: IngestOptions = {},
  ): Promise<Record<string, IngestCounts>> {
    return this.transaction((tx) => tx.ingestAll(records, options))
  }

  /** Stores a JSON document under `name` (replacing it) in its own commit. */
  putDoc(name: string, value: unknown): Promise<void> {
    return this.putDocs({ [name]: value })
  }

  /** Stores (or, for `undefined`, removes) several documents in one atomic commit. */
  putDocs(docs: Readonly<Record<string, unknown>>): Promise<void> {
    return this.transaction(async (tx) => tx.putDocs(docs))
  }

  /** Removes a collection's records (their objects are deleted after the commit). Returns rows removed. */
  deleteCollection(name: string): Promise<number> {
    return this.transaction((tx) => tx.deleteCollection(name))
  }

  /** Rewrites each collection into full, non-overlapping, time-ordered chunks. */
  compact(): Promise<CompactResult> {
    return this.#transact(async (draft, ctx) => {
      let before = 0
      let after = 0
      for (const [name, entry] of Object.entries(draft.collections)) {
        before += entry.chunks.length
        if (isCompact(entry, this.#chunkRows)) {
          after += entry.chunks.length
          continue
        }
        const resolved = this.#resolve(name)
        const records = await readRecords(this.#storage, ctx, resolved, entry.chunks)
        const chunks = this.#sealSorted(ctx, resolved, records, draft.generation, draft.puts)
        draft.collections[name] = { rows: entry.rows, chunks }
        draft.changed = true
        after += chunks.length
      }
      return { chunksBefore: before, chunksAfter: after }
    })
  }

  /** Re-wraps the data key under a new passphrase (one header write; records are not touched). */
  rekey(newPassphrase: string, options: Pick<CreateVaultOptions, 'scrypt'> = {}): Promise<void> {
    const run = this.#writers.then(async () => {
      const lock = await this.#storage.lock(this.#lockOptions)
      try {
        await this.#exclusive(async (ctx) => {
          await this.#refresh(ctx)
          const header = await rewrapHeader(this.#header, ctx, newPassphrase, options.scrypt)
          await lock.check()
          await this.#write([{ name: HEADER_OBJECT, bytes: header.bytes }])
          this.#header = header.header
        })
      } finally {
        await lock.release()
      }
    })
    this.#writers = run.catch(() => undefined)
    return run
  }

  /** Wipes the data key and cached ids; further use throws VaultClosedError. */
  close(): void {
    if (this.#ctx) wipe(this.#ctx.key)
    this.#ctx = undefined
    this.#ids.clear()
    if (this.#ownsStorage) this.#storage.close()
  }

  [Symbol.dispose](): void {
    this.close()
  }

  // ---- internals -------------------------------------------------------------------------------

  #live(): SealContext {
    if (!this.#ctx) throw new VaultClosedError()
    if (this.#failure !== undefined) throw new VaultClosedError(this.#failure)
    return this.#ctx
  }

  /** Runs `fn` after every earlier operation on this handle (one writer, no interleaving with GC). */
  #exclusive<T>(fn: (ctx: SealContext) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => fn(this.#live()))
    this.#queue = run.catch(() => undefined)
    return run
  }

  #resolve(collection: string): ResolvedCollection {
    return resolveCollection(collection, this.#schemas)
  }

  async #readDoc(ctx: SealContext, name: string): Promise<unknown> {
    const entry = Object.hasOwn(this.#manifest.docs, name) ? this.#manifest.docs[name] : undefined
    if (!entry) return undefined
    const bytes = await readSealed(this.#storage, entry, `document ${name}`)
    try {
      return JSON.parse(
        utf8Decode(openObject(ctx.aead, ctx.key, bytes, docAad(this.id, name, entry.generation))),
      )
    } catch (cause) {
      throw new VaultTamperedError(entry.object, `document ${name}`, { cause })
    }
  }

  async #idsOf(ctx: SealContext, resolved: ResolvedCollection): Promise<Set<string>> {
    const name = resolved.layout.name
    let ids = this.#ids.get(name)
    if (ids) return ids
    ids = new Set()
    for (const chunk of this.#manifest.collections[name]?.chunks ?? []) {
      const col = await readColumn(this.#storage, ctx, resolved, chunk, 'id')
      if (col.kind !== 'text') continue
      for (const id of textRows(col)) ids.add(id)
    }
    this.#ids.set(name, ids)
    return ids
  }

  /** Sorts `records` by time (stable) and seals them as chunks of `chunkRows`, adding their puts. */
  #sealSorted(
    ctx: SealContext,
    resolved: ResolvedCollection,
    records: readonly VaultRecord[],
    generation: number,
    puts: PutOp[],
  ): ChunkEntry[] {
    const { timeField } = resolved.layout
    const times = Float64Array.from(records, (r) =>
      typeof r[timeField] === 'number' ? (r[timeField] as number) : NaN,
    )
    const order = timeOrder(times)
    const sorted = order ? Array.from(order, (i) => records[i]!) : records
    const chunks: ChunkEntry[] = []
    for (let at = 0; at < sorted.length; at += this.#chunkRows) {
      const sealed = sealChunk(ctx, resolved, sorted.slice(at, at + this.#chunkRows), generation)
      puts.push(...sealed.puts)
      chunks.push(sealed.entry)
    }
    return chunks
  }

  /**
   * The writer path: this handle's writers queue, the store's lock, the newest committed state, a
   * draft that `fn` fills, one guarded commit, garbage collected while the lock is still held.
   */
  #transact<T>(fn: (draft: Draft, ctx: SealContext) => Promise<T>): Promise<T> {
    const run = this.#writers.then(async () => {
      this.#live()
      const lock = await this.#storage.lock(this.#lockOptions)
      let draft: Draft | undefined
      try {
        await this.#exclusive((ctx) => this.#refresh(ctx))
        const base = this.#manifest
        draft = {
          generation: base.generation + 1,
          collections: { ...base.collections },
          docs: new Map(),
          puts: [],
          added: new Map(),
          removed: new Set(),
          changed: false,
          open: true,
        }
        const result = await fn(draft, this.#live())
        draft.open = false
        const d = draft
        if (d.changed) await this.#exclusive((ctx) => this.#commitDraft(ctx, d, lock))
        return result
      } finally {
        if (draft) draft.open = false
        await lock.release()
      }
    })
    this.#writers = run.catch(() => undefined)
    return run
  }

  #transactionApi(draft: Draft, ctx: SealContext): VaultTransaction {
    const open = (): void => {
      if (!draft.open) throw new VaultClosedError('this transaction has ended')
    }
    const api: VaultTransaction = {
      generation: draft.generation,
      getDoc: async (name) => {
        open()
        if (draft.docs.has(name)) return cloneJson(draft.docs.get(name))
        return this.#reading((c) => this.#readDoc(c, name))
      },
      docNames: () => {
        open()
        const names = new Set(Object.keys(this.#manifest.docs))
        for (const [name, value] of draft.docs) {
          if (value === undefined) names.delete(name)
          else names.add(name)
        }
        return [...names].sort()
      },
      putDocs: (docs) => {
        open()
        for (const [name, value] of Object.entries(docs)) {
          if (name === '' || name.length > MAX_DOC_NAME)
            throw new RangeError(`doc name must be 1-${MAX_DOC_NAME} characters`)
          if (value === undefined) {
            draft.docs.set(name, undefined)
          } else {
            const json = JSON.stringify(value)
            if (json === undefined) throw new TypeError(`doc ${name} is not JSON-serialisable`)
            draft.docs.set(name, JSON.parse(json) as unknown)
          }
          draft.changed = true
        }
      },
      putDoc: (name, value) => api.putDocs({ [name]: value }),
      ingest: async (collection, records, options = {}) => {
        if (typeof collection !== 'string') throw new TypeError('collection must be a string')
        this.#resolve(collection)
        open()
        const one = new OneCollection(collection, records)
        const counts = await this.#draftIngest(ctx, draft, one, options)
        return counts[collection] ?? { added: 0, duplicates: 0 }
      },
      ingestAll: async (records, options = {}) => {
        open()
        return this.#draftIngest(ctx, draft, records, options)
      },
      deleteCollection: async (name) => {
        open()
        const entry = draft.collections[name]
        if (!entry) return 0
        delete draft.collections[name]
        draft.removed.add(name)
        draft.added.delete(name)
        draft.changed = true
        return entry.rows
      },
    }
    return api
  }

  /**
   * Validates and deduplicates records into `draft`. `records` is either tagged records of several
   * collections or, for `ingest`, the records of one collection (read without tagging each one).
   */
  async #draftIngest(
    ctx: SealContext,
    draft: Draft,
    records:
      | Iterable<{ collection: string; record: VaultRecord }>
      | AsyncIterable<{ collection: string; record: VaultRecord }>
      | OneCollection,
    options: IngestOptions,
  ): Promise<Record<string, IngestCounts>> {
    interface Batch {
      readonly name: string
      readonly resolved: ResolvedCollection
      readonly records: VaultRecord[]
      dup: number
      readonly seen: Set<string>
    }
    const batches = new Map<string, Batch>()
    let read = 0
    let last: Batch | undefined
    const accept = (collection: string, record: VaultRecord): void => {
      let batch = last?.name === collection ? last : batches.get(collection)
      if (!batch) {
        batch = {
          name: collection,
          resolved: this.#resolve(collection),
          records: [],
          dup: 0,
          seen: new Set(),
        }
        batches.set(collection, batch)
      }
      last = batch
      if (!batch.resolved.validate(record)) {
        const issues = (batch.resolved.validate.errors ?? []).map((e) => ({
          instancePath: e.instancePath,
          schemaPath: e.schemaPath,
          message: e.message ?? 'invalid',
        }))
        throw new InvalidRecordError(collection, read, issues)
      }
      const id = record.id
      if (typeof id !== 'string') {
        const issue = {
          instancePath: '/id',
          schemaPath: '#/properties/id',
          message: 'must have a string id',
        }
        throw new InvalidRecordError(collection, read, [issue])
      }
      if (batch.seen.has(id)) batch.dup++
      else {
        batch.seen.add(id)
        batch.records.push(record)
      }
      read++
      if (options.onProgress && read % 10_000 === 0) options.onProgress(read)
    }
    // A sync iterable (an array, a generator) is read without a microtask per record.
    if (records instanceof OneCollection) {
      const { collection, records: list } = records
      if (Symbol.iterator in list) for (const record of list) accept(collection, record)
      else for await (const record of list) accept(collection, record)
    } else if (Symbol.iterator in records) {
      for (const item of records) accept(item.collection, item.record)
    } else {
      for await (const item of records) accept(item.collection, item.record)
    }
    options.onProgress?.(read)
    const counts: Record<string, IngestCounts> = {}
    for (const [name, batch] of batches) {
      const known = draft.removed.has(name)
        ? new Set<string>()
        : await this.#reading((c) => this.#idsOf(c, batch.resolved))
      const addedBefore = draft.added.get(name)
      // Nothing stored or added yet (a first import): every record of the batch is new.
      const fresh =
        known.size === 0 && !addedBefore
          ? batch.records
          : batch.records.filter(
              (r) => !known.has(r.id as string) && !addedBefore?.has(r.id as string),
            )
      counts[name] = {
        added: fresh.length,
        duplicates: batch.dup + batch.records.length - fresh.length,
      }
      if (fresh.length === 0) continue
      const chunks = this.#sealSorted(ctx, batch.resolved, fresh, draft.generation, draft.puts)
      const old = draft.collections[name]
      draft.collections[name] = {
        rows: (old?.rows ?? 0) + fresh.length,
        chunks: [...(old?.chunks ?? []), ...chunks],
      }
      if (addedBefore) for (const r of fresh) addedBefore.add(r.id as string)
      else if (fresh === batch.records) draft.added.set(name, batch.seen)
      else draft.added.set(name, new Set(fresh.map((r) => r.id as string)))
      draft.changed = true
    }
    return counts
  }

  /**
   * Moves this handle to the newest committed manifest in the store (another process or tab may
   * have committed). Returns whether it changed. An older manifest than the one held is a rollback.
   */
  async #refresh(ctx: SealContext): Promise<boolean> {
    const bytes = await this.#storage.read(MANIFEST_OBJECT)
    if (bytes === undefined) throw new VaultMissingObjectError(MANIFEST_OBJECT, 'the manifest')
    if (sameBytes(bytes, this.#manifestBytes)) return false
    const manifest = openManifest(ctx.aead, ctx.key, this.id, bytes)
    if (manifest.generation < this.#manifest.generation) {
      throw new VaultRollbackError(manifest.generation, this.#manifest.generation)
    }
    const header = await this.#storage.read(HEADER_OBJECT)
    if (header !== undefined) this.#header = decodeHeader(header)
    this.#manifest = manifest
    this.#manifestBytes = bytes
    this.#ids.clear()
    return true
  }

  /**
   * Runs a read on one consistent snapshot. When an object of the manifest it read is gone because
   * another process committed and collected it, the handle moves to the newest manifest and the read
   * starts over, so an answer never mixes two commits.
   */
  async #reading<T>(fn: (ctx: SealContext) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const ctx = this.#live()
      try {
        return await fn(ctx)
      } catch (e) {
        if (!(e instanceof VaultMissingObjectError) || attempt >= MAX_READ_RETRIES) throw e
        if (!(await this.#refresh(ctx))) throw e
      }
    }
  }

  /**
   * One commit: new objects, the manifest (the commit point, guarded: published only over the
   * manifest this draft was built on), the counter; then garbage, while the lock is still held.
   */
  async #commitDraft(ctx: SealContext, draft: Draft, lock: StorageLock): Promise<void> {
    const docs: Record<string, DocEntry> = { ...this.#manifest.docs }
    const puts: PutOp[] = [...draft.puts]
    for (const [name, value] of draft.docs) {
      if (value === undefined) {
        delete docs[name]
        continue
      }
      const bytes = sealObject(
        ctx.aead,
        ctx.key,
        utf8Encode(JSON.stringify(value)),
        docAad(this.id, name, draft.generation),
      )
      const object = newObjectName()
      puts.push({ name: object, bytes })
      docs[name] = { object, size: bytes.length, generation: draft.generation }
    }
    const next: Manifest = {
      ...this.#manifest,
      generation: draft.generation,
      collections: draft.collections,
      docs,
    }
    await lock.check()
    const manifestBytes = sealManifest(ctx.aead, ctx.key, next)
    await this.#write(
      [
        ...puts,
        { name: MANIFEST_OBJECT, bytes: manifestBytes },
        { name: COUNTER_OBJECT, bytes: sealCounter(ctx.aead, ctx.key, this.id, next.generation) },
      ],
      { guard: { name: MANIFEST_OBJECT, bytes: this.#manifestBytes } },
    )
    this.#manifest = next
    this.#manifestBytes = manifestBytes
    for (const name of draft.removed) this.#ids.delete(name)
    for (const [name, fresh] of draft.added) {
      const ids = this.#ids.get(name)
      // The draft is over: its set of new ids can become the cache itself.
      if (ids?.size === 0) this.#ids.set(name, fresh)
      else if (ids) for (const id of fresh) ids.add(id)
    }
    try {
      // Only while this writer still holds the lock: every object outside the manifest is then a
      // leftover of a writer that is gone, never one another writer is about to publish.
      await lock.check()
      await this.#collectGarbage()
    } catch {
      // Garbage is unreferenced; the next commit retries. The commit itself has succeeded.
    }
  }

  async #write(ops: readonly StorageOp[], options?: WriteOptions): Promise<void> {
    try {
      await this.#storage.writeBatch(ops, options)
    } catch (e) {
      // A refused guard published nothing; the next transaction moves to the newest state.
      if (e instanceof StorageConflictError) throw e
      // The storage may hold the old or the new state; only a fresh open knows which.
      this.#failure = 'a write to the vault failed; open the vault again'
      throw e
    }
  }

  async #collectGarbage(): Promise<void> {
    const live = new Set<string>([HEADER_OBJECT, MANIFEST_OBJECT, COUNTER_OBJECT])
    for (const entry of Object.values(this.#manifest.collections)) {
      for (const chunk of entry.chunks)
        for (const ref of Object.values(chunk.columns)) live.add(ref.object)
    }
    for (const doc of Object.values(this.#manifest.docs)) live.add(doc.object)
    const garbage = (await this.#storage.list()).filter((n) => !live.has(n))
    if (garbage.length > 0)
      await this.#storage.writeBatch(garbage.map((name) => ({ name, delete: true as const })))
  }
}

function isCompact(entry: CollectionEntry, chunkRows: number): boolean {
  const { chunks } = entry
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!
    if (i < chunks.length - 1 && c.rows !== chunkRows) return false
    const prev = chunks[i - 1]
    if (prev && !((prev.maxTime ?? -Infinity) <= (c.minTime ?? Infinity))) return false
  }
  return true
}
