/**
 * `sealpost/browser`: the host API for a page or a Worker. The same runtime as `sealpost`, with the
 * vault in IndexedDB and the sandbox in a module Worker (`createSandbox` spawns
 * `sealpost/sandbox-worker`, which loads `sealpost/quickjs.wasm`; bundlers that follow
 * `new Worker(new URL(...))` pick both up, others copy them: see docs/host.md).
 */

export { VERSION } from '../runtime/version.ts'
export { createRuntime, SealpostRuntime } from '../runtime/host/index.ts'
export type {
  InstallResult,
  Preview,
  RunOutcome,
  RuntimeEventMap,
  RuntimeOptions,
  SignedPush,
} from '../runtime/host/index.ts'
export {
  createVault,
  destroyVault,
  openVault,
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
export { memoryStorage, openIndexedDbStorage } from '../runtime/storage/index.ts'
export type { Storage } from '../runtime/storage/index.ts'
export { createSandbox } from '../sandbox/_create_browser.ts'
export type { BrowserSandboxOptions } from '../sandbox/_create_browser.ts'
export { DEFAULT_LIMITS, Sandbox } from '../sandbox/index.ts'
export type { SandboxLimits, SandboxOptions } from '../sandbox/index.ts'
export { SealpostError } from '../sandbox/errors.ts'
export { ERROR_CODES, isSealpostError } from '../runtime/error_codes.ts'
export type { SealpostErrorCode } from '../runtime/error_codes.ts'
