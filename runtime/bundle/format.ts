/**
 * The bundle container (runtime/bundle/FORMAT.md): magic, a length-prefixed JSON header with every
 * part's length and the signature, then the parts back to back. `readBundle` checks structure and
 * caps only, each cap before the bytes it guards are touched; `verifyBundle` checks meaning.
 */

import { fromHex, toHex, utf8Decode, utf8Encode } from '../crypto/bytes.ts'
import { BundleMalformedError, BundleTooLargeError } from './errors.ts'
import { keyIdOf } from './keys.ts'

/** `SPBNDL1\n`: names the format and its version. */
export const BUNDLE_MAGIC: Uint8Array = utf8Encode('SPBNDL1\n')

/** Size caps (DESIGN "Limits"); hosts may pass lower ones. */
export interface BundleLimits {
  readonly maxHeaderBytes: number
  readonly maxManifestBytes: number
  /** Code plus all assets. */
  readonly maxPayloadBytes: number
  readonly maxAssets: number
  readonly maxAssetNameLength: number
}

/** Defaults: 16 KiB header, 64 KiB manifest, 4 MiB code + assets, 64 assets. */
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = Object.freeze({
  maxHeaderBytes: 16 * 1024,
  maxManifestBytes: 64 * 1024,
  maxPayloadBytes: 4 * 1024 * 1024,
  maxAssets: 64,
  maxAssetNameLength: 200,
})

/** The largest file `limits` admit: check a file's size against it before reading it. */
export function maxBundleBytes(limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): number {
  return (
    BUNDLE_MAGIC.length +
    4 +
    limits.maxHeaderBytes +
    limits.maxManifestBytes +
    limits.maxPayloadBytes
  )
}

/** The signature block. */
export interface BundleSignature {
  readonly alg: 'ed25519'
  readonly keyId: string
  /** The signer's Ed25519 public key (32 bytes); `keyId` is derived from it. Install trusts the
   * trust store's copy, never this one; it lets `bundle verify` and `audit` check a signature alone. */
  readonly publicKey: Uint8Array
  /** 64 bytes. */
  readonly sig: Uint8Array
  /** Ms since epoch after which the signature no longer counts; signed. */
  readonly expiresAt?: number
}

/** A bundle split into its parts; nothing in it is verified yet. */
export interface ParsedBundle {
  /** The manifest's RFC 8785 canonical JSON bytes. */
  readonly manifestBytes: Uint8Array
  /** JavaScript source as UTF-8, or WebAssembly bytes. */
  readonly code: Uint8Array
  /** In header order, which is sorted by name. */
  readonly assets: readonly { readonly name: string; readonly bytes: Uint8Array }[]
  readonly signature: BundleSignature
}

const ASSET_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/
const KEY_ID = /^[0-9a-f]{16}$/
const SIG_HEX = /^[0-9a-f]{128}$/
const MAX_EXPIRY = 2 ** 53 - 1

interface Header {
  format: 1
  manifest: number
  code: number
  assets: { name: string; length: number }[]
  signature: { alg: 'ed25519'; keyId: string; publicKey: string; sig: string; expiresAt?: number }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new BundleMalformedError(`unknown header field ${where}${k}`)
  }
}

function length(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new BundleMalformedError(`header ${where} is not a byte length`)
  }
  return v
}

/** Validates the header JSON and its caps; returns it typed. */
function checkHeader(raw: unknown, limits: BundleLimits): Header {
  if (!isRecord(raw)) throw new BundleMalformedError('header is not a JSON object')
  onlyKeys(raw, ['format', 'manifest', 'code', 'assets', 'signature'], '')
  if (raw['format'] !== 1) throw new BundleMalformedError('unsupported header format')
  const manifest = length(raw['manifest'], 'manifest')
  if (manifest > limits.maxManifestBytes) {
    throw new BundleTooLargeError(`manifest is ${manifest} bytes, over ${limits.maxManifestBytes}`)
  }
  const code = length(raw['code'], 'code')
  const list = raw['assets']
  if (!Array.isArray(list)) throw new BundleMalformedError('header assets is not a list')
  if (list.length > limits.maxAssets) {
    throw new BundleTooLargeError(`${list.length} assets, over ${limits.maxAssets}`)
  }
  let payload = code
  const assets: Header['assets'] = []
  for (const [i, a] of list.entries()) {
    if (!isRecord(a)) throw new BundleMalformedError(`header assets[${i}] is not an object`)
    onlyKeys(a, ['name', 'length'], `assets[${i}].`)
    const name = a['name']
    if (
      typeof name !== 'string' ||
      name.length > limits.maxAssetNameLength ||
      !ASSET_NAME.test(name)
    ) {
      throw new BundleMalformedError(`header assets[${i}] has no valid name`)
    }
    // Sorted and unique, so one set of assets has exactly one encoding.
    const prev = assets[assets.length - 1]
    if (prev && !(prev.name < name)) {
      throw new BundleMalformedError('header assets are not sorted by name without duplicates')
    }
    const len = length(a['length'], `assets[${i}].length`)
    payload += len
    assets.push({ name, length: len })
  }
  if (payload > limits.maxPayloadBytes) {
    throw new BundleTooLargeError(
      `code and assets are ${payload} bytes, over ${limits.maxPayloadBytes}`,
    )
  }
  const s = raw['signature']
  if (!isRecord(s)) throw new BundleMalformedError('header has no signature block')
  onlyKeys(s, ['alg', 'keyId', 'publicKey', 'sig', 'expiresAt'], 'signature.')
  if (s['alg'] !== 'ed25519') throw new BundleMalformedError('signature alg must be ed25519')
  const keyId = s['keyId']
  const sig = s['sig']
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) {
    throw new BundleMalformedError('signature keyId must be 16 lowercase hex digits')
  }
  if (typeof sig !== 'string' || !SIG_HEX.test(sig)) {
    throw new BundleMalformedError('signature sig must be 128 lowercase hex digits')
  }
  const publicKey = s['publicKey']
  if (typeof publicKey !== 'string' || !/^[0-9a-f]{64}$/.test(publicKey)) {
    throw new BundleMalformedError('signature publicKey must be 64 lowercase hex digits')
  }
  if (keyIdOf(fromHex(publicKey)) !== keyId) {
    throw new BundleMalformedError('signature keyId does not match its publicKey')
  }
  const exp = s['expiresAt']
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0)) {
    throw new BundleMalformedError(
      'signature expiresAt must be a positive integer (ms since epoch)',
    )
  }
  const signature: Header['signature'] = { alg: 'ed25519', keyId, publicKey, sig }
  if (exp !== undefined) signature.expiresAt = exp
  return { format: 1, manifest, code, assets, signature }
}

/** Splits bundle bytes into parts, checking magic, header, caps and exact length. */
export function readBundle(
  bytes: Uint8Array,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): ParsedBundle {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array')
  // Endless data: refuse on the total before looking inside.
  if (bytes.length > maxBundleBytes(limits)) {
    throw new BundleTooLargeError(
      `${bytes.length} bytes, over the ${maxBundleBytes(limits)} byte cap`,
    )
  }
  const m = BUNDLE_MAGIC.length
  if (bytes.length < m + 4 || !BUNDLE_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new BundleMalformedError('not a sealpost bundle (bad magic)')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(m)
  if (headerLength > limits.maxHeaderBytes) {
    throw new BundleTooLargeError(`header is ${headerLength} bytes, over ${limits.maxHeaderBytes}`)
  }
  let offset = m + 4
  if (bytes.length < offset + headerLength) throw new BundleMalformedError('truncated header')
  let raw: unknown
  try {
    raw = JSON.parse(utf8Decode(bytes.subarray(offset, offset + headerLength)))
  } catch (e) {
    throw new BundleMalformedError('header is not UTF-8 JSON', { cause: e })
  }
  const h = checkHeader(raw, limits)
  offset += headerLength
  const total = h.manifest + h.code + h.assets.reduce((s, a) => s + a.length, 0)
  if (bytes.length !== offset + total) {
    throw new BundleMalformedError(
      bytes.length < offset + total ? 'truncated parts' : 'trailing bytes after the last part',
    )
  }
  const take = (n: number): Uint8Array => {
    const part = bytes.slice(offset, offset + n)
    offset += n
    return part
  }
  const manifestBytes = take(h.manifest)
  const code = take(h.code)
  const assets = h.assets.map((a) => ({ name: a.name, bytes: take(a.length) }))
  const signature: BundleSignature = {
    alg: 'ed25519',
    keyId: h.signature.keyId,
    publicKey: fromHex(h.signature.publicKey),
    sig: fromHex(h.signature.sig),
    ...(h.signature.expiresAt !== undefined ? { expiresAt: h.signature.expiresAt } : {}),
  }
  return { manifestBytes, code, assets, signature }
}

/** Lays out a bundle from its parts (no checks of meaning; `buildBundle` does those). */
export function writeBundle(parsed: ParsedBundle): Uint8Array {
  const assets = [...parsed.assets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const sig = parsed.signature
  if (
    sig.expiresAt !== undefined &&
    !(Number.isSafeInteger(sig.expiresAt) && sig.expiresAt > 0 && sig.expiresAt <= MAX_EXPIRY)
  ) {
    throw new RangeError('signature.expiresAt must be a positive integer of ms since epoch')
  }
  const header = utf8Encode(
    JSON.stringify({
      format: 1,
      manifest: parsed.manifestBytes.length,
      code: parsed.code.length,
      assets: assets.map((a) => ({ name: a.name, length: a.bytes.length })),
      signature: {
        alg: 'ed25519',
        keyId: sig.keyId,
        publicKey: toHex(sig.publicKey),
        sig: toHex(sig.sig),
        ...(sig.expiresAt !== undefined ? { expiresAt: sig.expiresAt } : {}),
      },
    }),
  )
  const parts = [parsed.manifestBytes, parsed.code, ...assets.map((a) => a.bytes)]
  const size = BUNDLE_MAGIC.length + 4 + header.length + parts.reduce((s, p) => s + p.length, 0)
  const out = new Uint8Array(size)
  out.set(BUNDLE_MAGIC, 0)
  new DataView(out.buffer).setUint32(BUNDLE_MAGIC.length, header.length)
  let offset = BUNDLE_MAGIC.length + 4
  for (const p of [header, ...parts]) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
