/**
 * `sealpost/partner`: the partner's side. Keys, manifests and their bit bound, building and
 * signing bundles, opening the sealed envelopes addressed to the partner, signing pushes. Building
 * from a module folder compiles with the partner toolchain, optional peer dependencies a host app
 * never installs: `esbuild` (JavaScript modules) and `assemblyscript` (WebAssembly modules).
 */

export {
  generatePartnerKey,
  parsePartnerKey,
  parsePublicKey,
  publicKeyFile,
  keyIdOf,
  PartnerKey,
  buildBundle,
  readBundle,
  bundleDigest,
  bundleSignedMessage,
} from '../runtime/bundle/index.ts'
export type { BundleInput, BuildOptions, PartnerPublicKey } from '../runtime/bundle/index.ts'
export { bundleJavaScript, compileAssemblyScript } from '../runtime/bundle/compile.ts'
export { loadModuleFolder, signModuleFolder } from '../runtime/dev/module_folder.ts'
export { parseManifest, outputBitBound, assertPrivateBounded } from '../runtime/manifest/index.ts'
export type { BitBound, FieldBound, Manifest } from '../runtime/manifest/index.ts'
export { openEnvelope, openEnvelopePlaintext } from '../runtime/delivery/index.ts'
export type { EnvelopeKind, EnvelopePayload, SealedEnvelope } from '../runtime/delivery/index.ts'
export { signPush } from '../runtime/host/index.ts'
export type { SignedPush } from '../runtime/host/index.ts'
export { SealpostError } from '../sandbox/errors.ts'
export { ERROR_CODES, isSealpostError } from '../runtime/error_codes.ts'
export type { SealpostErrorCode } from '../runtime/error_codes.ts'
