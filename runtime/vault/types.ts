/** Public shapes of the vault API. */

import type { JsonSchema } from '../manifest/types.ts'
import type { LockOptions } from '../storage/types.ts'
import type { ScryptParams } from './_kdf.ts'
import type { FieldFilter } from './_search.ts'

export type { ViewRequest, ViewSource } from '../pipeline/types.ts'
export type { FieldFilter, RangeFilter } from './_search.ts'
export type { ScryptParams } from './_kdf.ts'

/** A record as stored and returned: flat scalars, one per schema field. */
export type VaultRecord = Readonly<Record<string, unknown>>

/** Options for opening a vault (also accepted by `createVault`). */
export interface OpenVaultOptions {
  /** Target rows per chunk when writing (default 16,384). */
  readonly chunkRows?: number
  /** How long a writer waits for another writer's lock, and when a lock is stale (see storage). */
  readonly lock?: LockOptions
  /** Collections beyond the catalogue in `schemas/collections` (tests, host-specific data). */
  readonly schemas?: Readonly<Record<string, JsonSchema>>
}

/** Options for creating a vault. */
export interface CreateVaultOptions extends OpenVaultOptions {
  /** scrypt cost (default N=2^17, r=8, p=1). Use `LIGHT_SCRYPT` only in tests. */
  readonly scrypt?: ScryptParams
}

/** Outcome of an ingest for one collection. */
export interface IngestCounts {
  /** Records stored for the first time. */
  readonly added: number
  /** Records whose id was already in the vault (or earlier in the same batch): skipped. */
  readonly duplicates: number
}

/** Progress of a long ingest: records read so far. */
export interface IngestOptions {
  readonly onProgress?: (recordsRead: number) => void
}

export interface CollectionStats {
  readonly rows: number
  readonly chunks: number
  readonly minTime: number | null
  readonly maxTime: number | null
  /** Bytes of sealed column objects. */
  readonly sealedBytes: number
}

export interface VaultStats {
  readonly vaultId: string
  readonly generation: number
  readonly kdf: ScryptParams
  readonly collections: Readonly<Record<string, CollectionStats>>
  readonly docs: number
  readonly sealedBytes: number
}

/** A search: time range [from, to), field filters, full-text terms, at most `limit` records. */
export interface SearchQuery {
  readonly collection: string
  readonly from?: number
  readonly to?: number
  readonly where?: Readonly<Record<string, FieldFilter>>
  readonly text?: string
  readonly limit?: number
}

/** Everything in the vault as plain JSON. */
export interface VaultExport {
  readonly format: 'sealpost-vault-export/1'
  readonly vaultId: string
  readonly generation: number
  readonly collections: Readonly<Record<string, readonly VaultRecord[]>>
  readonly docs: Readonly<Record<string, unknown>>
  /** Documents left out because they hold secrets (see `ExportOptions.secrets`). */
  readonly omitted?: readonly string[]
}

/** Options of `Vault.export`. */
export interface ExportOptions {
  /** Include the device signing secret and the pseudonym secret (default false). */
  readonly secrets?: boolean
}

export interface CompactResult {
  readonly chunksBefore: number
  readonly chunksAfter: number
}

/**
 * The reads and writes of one `vault.transaction(fn)`: writes are visible to the transaction alone
 * and are published together, as one commit, when `fn` resolves.
 */
export interface VaultTransaction {
  /** The generation the commit will have. */
  readonly generation: number
  /** A document as this transaction sees it (its own writes included), or undefined. */
  getDoc(name: string): Promise<unknown>
  /** Document names as this transaction sees them. */
  docNames(): string[]
  /** Writes a document (undefined removes it). */
  putDoc(name: string, value: unknown): void
  /** Writes (or, for undefined, removes) several documents. */
  putDocs(docs: Readonly<Record<string, unknown>>): void
  /** Validates records and adds those whose id is new (see `Vault.ingest`). */
  ingest(
    collection: string,
    records: Iterable<VaultRecord> | AsyncIterable<VaultRecord>,
    options?: IngestOptions,
  ): Promise<IngestCounts>
  /** Like `ingest` for records of several collections. */
  ingestAll(
    records:
      | Iterable<{ collection: string; record: VaultRecord }>
      | AsyncIterable<{ collection: string; record: VaultRecord }>,
    options?: IngestOptions,
  ): Promise<Record<string, IngestCounts>>
  /** Removes a collection; returns the rows removed. */
  deleteCollection(name: string): Promise<number>
}
