/**
 * Verifies a parsed bundle: the signature against a trusted key (strict Ed25519 over the signed
 * message, so any altered or swapped part fails), then the manifest, the partner binding, expiry,
 * the bit bound of private output, and the code and asset encodings.
 */

import { equalBytes, utf8Decode } from '../crypto/bytes.ts'
import { canonicalize } from '../crypto/jcs.ts'
import { assertPrivateBounded } from '../manifest/bits.ts'
import { jsonDepth } from '../../sandbox/_json_depth.ts'
import type { CollectionCatalog } from '../manifest/collections.ts'
import type { Manifest } from '../manifest/types.ts'
import { parseManifest } from '../manifest/validate.ts'
import { verifyEd25519 } from './_ed25519.ts'
import { looksLikeWasm } from './build.ts'
import {
  BadSignatureError,
  BundleExpiredError,
  BundleMalformedError,
  RevokedKeyError,
  UntrustedKeyError,
  WrongKeyError,
} from './errors.ts'
import type { ParsedBundle } from './format.ts'
import type { KeyLookup } from './trust.ts'
import { bundleDigest, bundleSignedMessage } from './signing.ts'

/** A bundle whose signature and contents checked out; shaped to run (`RunnableBundle`). */
export interface VerifiedBundle {
  readonly manifest: Manifest
  /** JavaScript source (quickjs) or WebAssembly bytes (wasm). */
  readonly code: string | Uint8Array
  /** Assets parsed as JSON, by name: the module's `input.params`. */
  readonly assets: Readonly<Record<string, unknown>>
  /** Hex SHA-256 of the signed message: names exactly what was signed. */
  readonly digest: string
  readonly keyId: string
  /** The partner the signing key belongs to (equal to `manifest.partner.id`). */
  readonly partnerId: string
  readonly expiresAt?: number
  /** False when checked only against the key embedded in the bundle (`inspectBundle`). */
  readonly trusted: boolean
}

/** Options for `verifyBundle` and `inspectBundle`. */
export interface VerifyOptions {
  /** The time expiry is judged at, ms since epoch; defaults to now. */
  readonly now?: number
  readonly collections?: CollectionCatalog
}

function checkContents(
  parsed: ParsedBundle,
  signerPartner: string,
  trusted: boolean,
  options: VerifyOptions,
): VerifiedBundle {
  const sig = parsed.signature
  const message = bundleSignedMessage({ ...parsed, expiresAt: sig.expiresAt })
  if (!verifyEd25519(sig.sig, message, sig.publicKey)) throw new BadSignatureError()
  // From here on the bytes are the signer's; still check them, a partner can be careless or hostile.
  let raw: unknown
  let manifestText: string
  try {
    manifestText = utf8Decode(parsed.manifestBytes)
    if (jsonDepth(manifestText, MAX_ASSET_DEPTH) > MAX_ASSET_DEPTH) {
      throw new BundleMalformedError(`manifest nests deeper than ${MAX_ASSET_DEPTH} levels`)
    }
    raw = JSON.parse(manifestText)
  } catch (e) {
    throw new BundleMalformedError('manifest is not UTF-8 JSON', { cause: e })
  }
  const manifest = parseManifest(
    raw,
    options.collections ? { collections: options.collections } : {},
  )
  if (canonicalize(manifest) !== manifestText) {
    throw new BundleMalformedError('manifest bytes are not RFC 8785 canonical JSON')
  }
  if (manifest.partner.id !== signerPartner) {
    throw new WrongKeyError(manifest.partner.id, signerPartner, sig.keyId)
  }
  const now = options.now ?? Date.now()
  if (sig.expiresAt !== undefined && now >= sig.expiresAt)
    throw new BundleExpiredError(sig.expiresAt)
  assertPrivateBounded(manifest)
  let code: string | Uint8Array
  if (manifest.engine === 'wasm') {
    if (!looksLikeWasm(parsed.code))
      throw new BundleMalformedError('code is not a WebAssembly module')
    code = parsed.code.slice()
  } else {
    try {
      code = utf8Decode(parsed.code)
    } catch (e) {
      throw new BundleMalformedError('code is not UTF-8 text', { cause: e })
    }
  }
  const declared = [...(manifest.assets ?? [])].sort().join('\n')
  if (parsed.assets.map((a) => a.name).join('\n') !== declared) {
    throw new BundleMalformedError("assets differ from the manifest's list")
  }
  const assets: Record<string, unknown> = {}
  for (const a of parsed.assets) assets[a.name] = parseAsset(a.name, a.bytes)
  return {
    manifest,
    code,
    assets,
    digest: bundleDigest(message),
    keyId: sig.keyId,
    partnerId: signerPartner,
    ...(sig.expiresAt !== undefined ? { expiresAt: sig.expiresAt } : {}),
    trusted,
  }
}

/**
 * Verifies `parsed` against the trust store: refuses an unknown or revoked key, a bad signature,
 * a manifest naming another partner, an expired signature, and an unbounded private output.
 */
export function verifyBundle(
  parsed: ParsedBundle,
  trust: KeyLookup,
  options: VerifyOptions = {},
): VerifiedBundle {
  const entry = trust.lookup(parsed.signature.keyId)
  if (!entry) throw new UntrustedKeyError(parsed.signature.keyId)
  if (entry.revokedAt !== undefined) throw new RevokedKeyError(entry.key.keyId, entry.key.partnerId)
  // Verify with the trusted copy of the key, never the one the bundle carries.
  if (!equalBytes(entry.key.signingPublic, parsed.signature.publicKey)) {
    throw new BadSignatureError('the bundle names a trusted key id but carries a different key')
  }
  return checkContents(parsed, entry.key.partnerId, true, options)
}

/**
 * Checks a bundle against the key it carries, without a trust store (`bundle verify` without
 * `--trust`, `audit`): proves integrity and who holds the key, not that the key is trusted.
 * The partner is taken from the manifest; `trusted` is false.
 */
export function inspectBundle(parsed: ParsedBundle, options: VerifyOptions = {}): VerifiedBundle {
  const sig = parsed.signature
  const message = bundleSignedMessage({ ...parsed, expiresAt: sig.expiresAt })
  if (!verifyEd25519(sig.sig, message, sig.publicKey)) throw new BadSignatureError()
  let partner: unknown
  try {
    partner = (JSON.parse(utf8Decode(parsed.manifestBytes)) as { partner?: { id?: unknown } })
      .partner?.id
  } catch (e) {
    throw new BundleMalformedError('manifest is not UTF-8 JSON', { cause: e })
  }
  return checkContents(parsed, typeof partner === 'string' ? partner : '', false, options)
}

/** Deepest nesting of a manifest or a JSON asset (a shop list is 3 levels deep). */
export const MAX_ASSET_DEPTH = 64

/**
 * An asset's JSON value. Depth is checked on the text before parsing: a deeply nested asset would
 * otherwise overflow the stack later, in structured clone, canonical JSON or the guest's prelude.
 */
export function parseAsset(name: string, bytes: Uint8Array): unknown {
  let text: string
  try {
    text = utf8Decode(bytes)
  } catch (e) {
    throw new BundleMalformedError(`asset ${name} is not UTF-8 JSON`, { cause: e })
  }
  if (jsonDepth(text, MAX_ASSET_DEPTH) > MAX_ASSET_DEPTH) {
    throw new BundleMalformedError(`asset ${name} nests deeper than ${MAX_ASSET_DEPTH} levels`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new BundleMalformedError(`asset ${name} is not UTF-8 JSON`, { cause: e })
  }
}
