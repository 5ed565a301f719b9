/**
 * `sealpost`: what a host app embeds. The runtime over one person's vault (trust, install,
 * contract, consent, run, outbox, bill, audit log), the vault and its storage, the sandbox, and every error with its code. Node and browsers (the `browser` condition picks the
 * browser adapters; `openFsStorage` exists on Node only).
 */

export { VERSION } from '../runtime/version.ts'

// The host runtime.
export { createRuntime, SealpostRuntime } from '../runtime/host/index.ts'
export type {
  InstallResult,
  Preview,
  RunOutcome,
  RuntimeEventMap,
  RuntimeOptions,
  SignedPush,
} from '../runtime/host/index.ts'

// The person's vault and where it is stored.
export {
  createVault,
  createVaultAt,
  destroyVault,
  openVault,
  openVaultAt,
  Vault,
  LIGHT_SCRYPT,
  STRONG_SCRYPT,
} from '../runtime/vault/index.ts'
export type {
  CollectionStats,
  CreateVaultOptions,
  IngestCounts,
  OpenVaultOptions,
  ScryptParams,
  SearchQuery,
  VaultExport,
  VaultRecord,
  VaultStats,
} from '../runtime/vault/index.ts'
export { memoryStorage, openFsStorage, openIndexedDbStorage } from '../runtime/storage/index.ts'
export type { Storage } from '../runtime/storage/index.ts'

// The sandbox partner code runs in (the runtime makes its own; hosts may share one).
export { createSandbox, DEFAULT_LIMITS, Sandbox } from '../sandbox/index.ts'
export type { SandboxLimits, SandboxOptions } from '../sandbox/index.ts'

// Errors: one base class, a stable code on each.
export { SealpostError } from '../sandbox/errors.ts'
export { ERROR_CODES, isSealpostError } from '../runtime/error_codes.ts'
export type { SealpostErrorCode } from '../runtime/error_codes.ts'
