/**
 * The vault's on-storage structures (documented in FORMAT.md): the plaintext header with the
 * wrapped data key, the sealed manifest, and the sealed commit counter beside it.
 */

import { sha256Hex, stableJson } from '../digest.ts'
import { fromHex, toHex, utf8Decode, utf8Encode } from '../crypto/bytes.ts'
import type { XChaChaAead } from '../crypto/xchacha.ts'
import { aad, openObject, SEAL_OVERHEAD, sealObject } from './_seal.ts'
import { checkScryptParams } from './_kdf.ts'
import type { ScryptParams } from './_kdf.ts'
import { VaultFormatError, VaultTamperedError, VaultTruncatedError } from './errors.ts'

export const FORMAT_VERSION = 1
export const MAGIC = 'sealpost-vault'
export const HEADER_OBJECT = 'header'
export const MANIFEST_OBJECT = 'manifest'
export const COUNTER_OBJECT = 'counter'
/** Prefix of every sealed data object (columns, documents). */
export const DATA_PREFIX = 'o-'

export interface KdfSettings extends ScryptParams {
  readonly name: 'scrypt'
  /** hex, 16 bytes */
  readonly salt: string
}

export interface VaultHeader {
  readonly magic: typeof MAGIC
  readonly format: number
  readonly vaultId: string
  readonly kdf: KdfSettings
  /** hex of nonce ‖ sealed data key */
  readonly wrappedKey: string
}

/** One sealed object the manifest points to. */
export interface ObjectRef {
  readonly object: string
  readonly size: number
}

export interface ChunkEntry {
  readonly id: string
  /** Generation that wrote the chunk: part of its columns' associated data. */
  readonly generation: number
  readonly rows: number
  /** Zone map over the time field; null when no row has a time. */
  readonly minTime: number | null
  readonly maxTime: number | null
  readonly columns: Readonly<Record<string, ObjectRef>>
}

export interface CollectionEntry {
  readonly rows: number
  /** In the order they were written; each chunk is sorted by time. */
  readonly chunks: readonly ChunkEntry[]
}

export interface DocEntry extends ObjectRef {
  readonly generation: number
}

export interface Manifest {
  readonly format: number
  readonly vaultId: string
  readonly generation: number
  readonly collections: Readonly<Record<string, CollectionEntry>>
  readonly docs: Readonly<Record<string, DocEntry>>
}

// ---- header -----------------------------------------------------------------------------------

/** Associated data of the wrapped data key: binds it to this vault and these KDF settings. */
export function keyAad(vaultId: string, kdf: KdfSettings): Uint8Array {
  return aad('sealpost/vault/key/v1', vaultId, stableJson(kdf))
}

/** Header bytes: JSON with a SHA-256 `check` so a damaged header is told apart from a wrong passphrase. */
export function encodeHeader(header: VaultHeader): Uint8Array {
  const body = stableJson(header)
  return utf8Encode(JSON.stringify({ ...header, check: sha256Hex(body) }, null, 2) + '\n')
}

/** Parses and checks header bytes. */
export function decodeHeader(bytes: Uint8Array): VaultHeader {
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(utf8Decode(bytes)) as Record<string, unknown>
  } catch (cause) {
    throw new VaultTamperedError(HEADER_OBJECT, 'the header', { cause })
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.magic !== MAGIC) {
    throw new VaultTamperedError(HEADER_OBJECT, 'the header')
  }
  const { check, ...rest } = parsed
  if (typeof check !== 'string' || check !== sha256Hex(stableJson(rest))) {
    throw new VaultTamperedError(HEADER_OBJECT, 'the header')
  }
  if (rest.format !== FORMAT_VERSION) {
    throw new VaultFormatError(
      `vault format ${String(rest.format)} is not supported (this build reads ${FORMAT_VERSION})`,
    )
  }
  const header = rest as unknown as VaultHeader
  if (
    typeof header.vaultId !== 'string' ||
    typeof header.wrappedKey !== 'string' ||
    header.kdf?.name !== 'scrypt'
  ) {
    throw new VaultTamperedError(HEADER_OBJECT, 'the header')
  }
  try {
    checkScryptParams(header.kdf, 'header.kdf')
  } catch (cause) {
    throw new VaultTamperedError(HEADER_OBJECT, 'the header (scrypt parameters)', { cause })
  }
  return header
}

// ---- manifest and counter ---------------------------------------------------------------------

function generationBytes(generation: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(generation))
  return out
}

function readGeneration(bytes: Uint8Array, object: string, what: string): number {
  if (bytes.length < 8 + SEAL_OVERHEAD)
    throw new VaultTruncatedError(object, what, bytes.length, 8 + SEAL_OVERHEAD)
  const g = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0)
  if (g > BigInt(Number.MAX_SAFE_INTEGER)) throw new VaultTamperedError(object, what)
  return Number(g)
}

function manifestAad(vaultId: string, generation: number): Uint8Array {
  return aad('sealpost/vault/manifest/v1', vaultId, String(generation))
}

function counterAad(vaultId: string, generation: number): Uint8Array {
  return aad('sealpost/vault/counter/v1', vaultId, String(generation))
}

function withGeneration(generation: number, sealed: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + sealed.length)
  out.set(generationBytes(generation))
  out.set(sealed, 8)
  return out
}

/** `generation (u64 BE) ‖ nonce ‖ seal(JSON)`; the generation is authenticated as associated data. */
export function sealManifest(aead: XChaChaAead, key: Uint8Array, manifest: Manifest): Uint8Array {
  const plain = utf8Encode(JSON.stringify(manifest))
  return withGeneration(
    manifest.generation,
    sealObject(aead, key, plain, manifestAad(manifest.vaultId, manifest.generation)),
  )
}

/** Opens the manifest; any mismatch (bit flip, other vault, edited generation) is VaultTamperedError. */
export function openManifest(
  aead: XChaChaAead,
  key: Uint8Array,
  vaultId: string,
  bytes: Uint8Array,
): Manifest {
  const generation = readGeneration(bytes, MANIFEST_OBJECT, 'the manifest')
  let manifest: Manifest
  try {
    const plain = openObject(aead, key, bytes.subarray(8), manifestAad(vaultId, generation))
    manifest = JSON.parse(utf8Decode(plain)) as Manifest
  } catch (cause) {
    throw new VaultTamperedError(MANIFEST_OBJECT, 'the manifest', { cause })
  }
  if (
    manifest.generation !== generation ||
    manifest.vaultId !== vaultId ||
    manifest.format !== FORMAT_VERSION
  ) {
    throw new VaultTamperedError(MANIFEST_OBJECT, 'the manifest')
  }
  return manifest
}

/** The commit counter: a MAC (AEAD of nothing) over the generation. */
export function sealCounter(
  aead: XChaChaAead,
  key: Uint8Array,
  vaultId: string,
  generation: number,
): Uint8Array {
  return withGeneration(
    generation,
    sealObject(aead, key, new Uint8Array(0), counterAad(vaultId, generation)),
  )
}

/** Reads and authenticates the commit counter. */
export function openCounter(
  aead: XChaChaAead,
  key: Uint8Array,
  vaultId: string,
  bytes: Uint8Array,
): number {
  const generation = readGeneration(bytes, COUNTER_OBJECT, 'the commit counter')
  try {
    openObject(aead, key, bytes.subarray(8), counterAad(vaultId, generation))
  } catch (cause) {
    throw new VaultTamperedError(COUNTER_OBJECT, 'the commit counter', { cause })
  }
  return generation
}

/** hex helpers re-exported for the vault's own files */
export { fromHex, toHex }
