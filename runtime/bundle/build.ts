/**
 * Builds a signed bundle from a validated manifest, the code and the assets. The manifest is
 * checked exactly as install will check it (schema, collections, bounded private output), so a
 * partner learns at build time what a device would refuse.
 */

import { canonicalBytes } from '../crypto/jcs.ts'
import { utf8Encode } from '../crypto/bytes.ts'
import { assertPrivateBounded } from '../manifest/bits.ts'
import type { CollectionCatalog } from '../manifest/collections.ts'
import { parseManifest } from '../manifest/validate.ts'
import { BundleMalformedError, BundleTooLargeError, WrongKeyError } from './errors.ts'
import { DEFAULT_BUNDLE_LIMITS, writeBundle } from './format.ts'
import { parseAsset } from './verify.ts'
import type { BundleLimits } from './format.ts'
import type { PartnerKey } from './keys.ts'
import { bundleSignedMessage } from './signing.ts'

/** What goes into a bundle. */
export interface BundleInput {
  /** Raw manifest JSON; validated here. */
  readonly manifest: unknown
  /** JavaScript source for `quickjs`, WebAssembly bytes for `wasm`. */
  readonly code: string | Uint8Array
  /** Asset bytes by name (UTF-8 JSON); the names must be exactly the manifest's `assets`. */
  readonly assets?: Readonly<Record<string, Uint8Array>>
}

/** Options for `buildBundle`. */
export interface BuildOptions {
  /** Ms since epoch after which devices refuse the bundle (limits a freeze attack). */
  readonly expiresAt?: number
  readonly collections?: CollectionCatalog
  readonly limits?: BundleLimits
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]

/** Whether bytes start like a version 1 WebAssembly binary module. */
export function looksLikeWasm(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && WASM_MAGIC.every((b, i) => bytes[i] === b)
}

function codeBytes(engine: string, code: string | Uint8Array): Uint8Array {
  if (engine === 'wasm') {
    if (!(code instanceof Uint8Array) || !looksLikeWasm(code)) {
      throw new TypeError('code must be WebAssembly module bytes for engine wasm')
    }
    return code.slice()
  }
  if (typeof code !== 'string')
    throw new TypeError('code must be JavaScript source text for engine quickjs')
  return utf8Encode(code)
}

/** Signs and lays out a bundle: `buildBundle({ manifest, code }, key)` → the bundle file's bytes. */
export function buildBundle(
  input: BundleInput,
  key: PartnerKey,
  options: BuildOptions = {},
): Uint8Array {
  const limits = options.limits ?? DEFAULT_BUNDLE_LIMITS
  const manifest = parseManifest(
    input.manifest,
    options.collections ? { collections: options.collections } : {},
  )
  assertPrivateBounded(manifest)
  if (manifest.partner.id !== key.partnerId) {
    throw new WrongKeyError(manifest.partner.id, key.partnerId, key.keyId)
  }
  const manifestBytes = canonicalBytes(manifest)
  if (manifestBytes.length > limits.maxManifestBytes) {
    throw new BundleTooLargeError(
      `manifest is ${manifestBytes.length} bytes, over ${limits.maxManifestBytes}`,
    )
  }
  const code = codeBytes(manifest.engine, input.code)
  const given = input.assets ?? {}
  const declared = [...(manifest.assets ?? [])].sort()
  const names = Object.keys(given).sort()
  if (declared.join('\n') !== names.join('\n')) {
    throw new BundleMalformedError(
      `assets given (${names.join(', ') || 'none'}) differ from the manifest's (${declared.join(', ') || 'none'})`,
    )
  }
  const assets = names.map((name) => {
    const bytes = given[name]!
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`assets.${name} must be a Uint8Array`)
    parseAsset(name, bytes)
    return { name, bytes: bytes.slice() }
  })
  const payload = code.length + assets.reduce((s, a) => s + a.bytes.length, 0)
  if (payload > limits.maxPayloadBytes) {
    throw new BundleTooLargeError(
      `code and assets are ${payload} bytes, over ${limits.maxPayloadBytes}`,
    )
  }
  if (assets.length > limits.maxAssets)
    throw new BundleTooLargeError(`${assets.length} assets, over ${limits.maxAssets}`)
  const expiresAt = options.expiresAt
  if (expiresAt !== undefined && !(Number.isSafeInteger(expiresAt) && expiresAt > 0)) {
    throw new RangeError('options.expiresAt must be a positive integer of ms since epoch')
  }
  const message = bundleSignedMessage({ manifestBytes, code, assets, expiresAt })
  return writeBundle({
    manifestBytes,
    code,
    assets,
    signature: {
      alg: 'ed25519',
      keyId: key.keyId,
      publicKey: key.publicKey.signingPublic,
      sig: key.sign(message),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    },
  })
}
