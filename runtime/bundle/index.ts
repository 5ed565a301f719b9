/** Signed bundles: the container, signing, verification, partner keys and the trust store. */

export { buildBundle, looksLikeWasm } from './build.ts'
export type { BundleInput, BuildOptions } from './build.ts'
export {
  readBundle,
  writeBundle,
  maxBundleBytes,
  BUNDLE_MAGIC,
  DEFAULT_BUNDLE_LIMITS,
} from './format.ts'
export type { BundleLimits, BundleSignature, ParsedBundle } from './format.ts'
export { bundleSignedMessage, bundleDigest, BUNDLE_SIGNING_DOMAIN } from './signing.ts'
export { verifyBundle, inspectBundle } from './verify.ts'
export type { VerifiedBundle, VerifyOptions } from './verify.ts'
export {
  PartnerKey,
  generatePartnerKey,
  parsePartnerKey,
  parsePublicKey,
  publicKeyFile,
  keyIdOf,
} from './keys.ts'
export type { PartnerPublicKey } from './keys.ts'
export { TrustStore, installCheck } from './trust.ts'
export type { InstalledBundle, KeyLookup, TrustedKey, TrustStoreJson } from './trust.ts'
export { compareSemver } from './semver.ts'
export {
  BadSignatureError,
  BundleExpiredError,
  BundleMalformedError,
  BundleTooLargeError,
  KeyFileError,
  ModuleCompileError,
  RevokedKeyError,
  RollbackError,
  UntrustedKeyError,
  VersionConflictError,
  WrongKeyError,
} from './errors.ts'
