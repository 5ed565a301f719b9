/** Creating, opening and destroying vaults. */

import type { Storage } from '../storage/types.ts'
import { openFsStorage } from '../storage/fs.ts'
import type { SealContext } from './_columns.ts'
import {
  COUNTER_OBJECT,
  DATA_PREFIX,
  decodeHeader,
  FORMAT_VERSION,
  HEADER_OBJECT,
  MANIFEST_OBJECT,
  openCounter,
  openManifest,
  sealCounter,
  sealManifest,
} from './_format.ts'
import type { Manifest } from './_format.ts'
import { newVaultKey, unwrapVaultKey } from './_keys.ts'
import { vaultAead } from './_seal.ts'
import {
  NotAVaultError,
  VaultExistsError,
  VaultMissingObjectError,
  VaultRollbackError,
} from './errors.ts'
import type { CreateVaultOptions, OpenVaultOptions } from './types.ts'
import { Vault } from './vault.ts'
import { wipe } from '../crypto/bytes.ts'

function checkStorage(storage: Storage): Storage {
  if (typeof storage?.read !== 'function' || typeof storage.writeBatch !== 'function') {
    throw new TypeError('storage must be a Storage (memoryStorage(), openFsStorage(dir), ...)')
  }
  return storage
}

function checkOptions(options: OpenVaultOptions): void {
  const { chunkRows } = options
  if (
    chunkRows !== undefined &&
    (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > 1 << 22)
  ) {
    throw new RangeError('options.chunkRows must be an integer in [1, 4194304]')
  }
}

// How often open reads manifest and counter again when a commit ran between the two reads.
const OPEN_READ_RETRIES = 5

// Left by a create that crashed before its header landed; safe to overwrite.
const isLeftover = (name: string): boolean =>
  name === MANIFEST_OBJECT ||
  name === COUNTER_OBJECT ||
  name.startsWith(DATA_PREFIX) ||
  name.endsWith('-torn')

/**
 * Creates an empty vault in `storage` (which must hold no vault) under `passphrase`.
 * Example: `const vault = await createVault(memoryStorage(), 'correct horse', { scrypt: LIGHT_SCRYPT })`.
 */
export async function createVault(
  storage: Storage,
  passphrase: string,
  options: CreateVaultOptions & { ownsStorage?: boolean } = {},
): Promise<Vault> {
  checkStorage(storage)
  checkOptions(options)
  const existing = await storage.list()
  if (existing.some((n) => !isLeftover(n))) throw new VaultExistsError()
  const aead = vaultAead()
  const { header, bytes, key } = await newVaultKey(aead, passphrase, options.scrypt)
  const manifest: Manifest = {
    format: FORMAT_VERSION,
    vaultId: header.vaultId,
    generation: 0,
    collections: {},
    docs: {},
  }
  const manifestBytes = sealManifest(aead, key, manifest)
  const lock = await storage.lock(options.lock)
  try {
    // Under the lock: two creators racing on one empty folder cannot both make a vault.
    const now = await storage.list()
    if (now.some((n) => !isLeftover(n))) throw new VaultExistsError()
    // The header goes last: until it lands there is no vault, and a retry starts over.
    await storage.writeBatch([
      ...now.map((name) => ({ name, delete: true as const })),
      { name: MANIFEST_OBJECT, bytes: manifestBytes },
      { name: COUNTER_OBJECT, bytes: sealCounter(aead, key, header.vaultId, 0) },
      { name: HEADER_OBJECT, bytes },
    ])
  } catch (e) {
    wipe(key)
    throw e
  } finally {
    await lock.release()
  }
  return new Vault(
    storage,
    { aead, key, vaultId: header.vaultId },
    header,
    { value: manifest, bytes: manifestBytes },
    options,
  )
}

/**
 * Opens the vault in `storage`. Reads only: a wrong passphrase (WrongPassphraseError) or any
 * integrity failure (VaultIntegrityError subclasses) leaves the storage exactly as it was.
 */
export async function openVault(
  storage: Storage,
  passphrase: string,
  options: OpenVaultOptions & { ownsStorage?: boolean } = {},
): Promise<Vault> {
  checkStorage(storage)
  checkOptions(options)
  const headerBytes = await storage.read(HEADER_OBJECT)
  if (headerBytes === undefined) throw new NotAVaultError()
  const header = decodeHeader(headerBytes)
  const aead = vaultAead()
  const key = await unwrapVaultKey(aead, header, passphrase)
  try {
    const ctx: SealContext = { aead, key, vaultId: header.vaultId }
    // Manifest and counter are two reads: another process may commit between them (the counter
    // then runs ahead of the manifest read first). Read again before calling that a rollback.
    let manifestBytes: Uint8Array
    let manifest: Manifest
    let counter: number
    for (let attempt = 0; ; attempt++) {
      const bytes = await storage.read(MANIFEST_OBJECT)
      if (bytes === undefined) throw new VaultMissingObjectError(MANIFEST_OBJECT, 'the manifest')
      manifestBytes = bytes
      manifest = openManifest(aead, key, header.vaultId, manifestBytes)
      const counterBytes = await storage.read(COUNTER_OBJECT)
      if (counterBytes === undefined)
        throw new VaultMissingObjectError(COUNTER_OBJECT, 'the commit counter')
      counter = openCounter(aead, key, header.vaultId, counterBytes)
      if (counter <= manifest.generation || attempt >= OPEN_READ_RETRIES) break
    }
    // The counter is written right after the manifest, so it equals the manifest's generation or,
    // after a crash between the two writes, is one behind. Anything else is a put-back file.
    if (manifest.generation !== counter && manifest.generation !== counter + 1) {
      throw new VaultRollbackError(manifest.generation, counter)
    }
    return new Vault(storage, ctx, header, { value: manifest, bytes: manifestBytes }, options)
  } catch (e) {
    wipe(key)
    throw e
  }
}

/** Removes every object of the vault and its container (folder, database). There is no undo. */
export async function destroyVault(storage: Storage): Promise<void> {
  checkStorage(storage)
  await storage.destroy()
}

/** Opens the vault in folder `path` (Node); the vault owns the folder storage and closes it. */
export async function openVaultAt(
  path: string,
  passphrase: string,
  options: OpenVaultOptions = {},
): Promise<Vault> {
  // Opening creates nothing: a missing folder is NotAVaultError, and stays missing.
  return openVault(await openFsStorage(path, { create: false }), passphrase, {
    ...options,
    ownsStorage: true,
  })
}

/** Creates a vault in folder `path` (Node; created when missing, must hold no vault). */
export async function createVaultAt(
  path: string,
  passphrase: string,
  options: CreateVaultOptions = {},
): Promise<Vault> {
  return createVault(await openFsStorage(path), passphrase, { ...options, ownsStorage: true })
}
