/**
 * The encrypted vault (format in FORMAT.md): create/open/destroy, ingest, consented views,
 * search, export, documents, rekey, compaction.
 */

export { createVault, createVaultAt, destroyVault, openVault, openVaultAt } from './open.ts'
export { DEFAULT_CHUNK_ROWS, Vault } from './vault.ts'
export { LIGHT_SCRYPT, STRONG_SCRYPT } from './_kdf.ts'
export {
  InvalidRecordError,
  NotAVaultError,
  UnknownCollectionError,
  VaultClosedError,
  VaultExistsError,
  VaultFormatError,
  VaultIntegrityError,
  VaultMissingObjectError,
  VaultRollbackError,
  VaultTamperedError,
  VaultTruncatedError,
  WrongPassphraseError,
} from './errors.ts'
export type { RecordIssue } from './errors.ts'
export type {
  CollectionStats,
  CompactResult,
  CreateVaultOptions,
  ExportOptions,
  FieldFilter,
  IngestCounts,
  IngestOptions,
  OpenVaultOptions,
  RangeFilter,
  ScryptParams,
  SearchQuery,
  VaultExport,
  VaultRecord,
  VaultStats,
  ViewRequest,
  ViewSource,
  VaultTransaction,
} from './types.ts'
