/** The data key: made at creation, wrapped by a scrypt-derived key, unwrapped on open, re-wrapped on rekey. */

import { fromHex, toHex, wipe } from '../crypto/bytes.ts'
import { randomBytes } from '../crypto/random.ts'
import type { XChaChaAead } from '../crypto/xchacha.ts'
import { encodeHeader, FORMAT_VERSION, keyAad, MAGIC } from './_format.ts'
import type { KdfSettings, VaultHeader } from './_format.ts'
import { checkScryptParams, deriveKek, STRONG_SCRYPT } from './_kdf.ts'
import type { ScryptParams } from './_kdf.ts'
import { openObject, sealObject } from './_seal.ts'
import type { SealContext } from './_columns.ts'
import { WrongPassphraseError } from './errors.ts'

export const DATA_KEY_BYTES = 32
const SALT_BYTES = 16

function checkPassphrase(passphrase: unknown, what: string): string {
  if (typeof passphrase !== 'string') throw new TypeError(`${what} must be a string`)
  if (passphrase.length === 0) throw new RangeError(`${what} must not be empty`)
  return passphrase
}

async function wrap(
  aead: XChaChaAead,
  vaultId: string,
  dataKey: Uint8Array,
  passphrase: string,
  params: ScryptParams,
): Promise<{ header: VaultHeader; bytes: Uint8Array }> {
  const { N, r, p } = checkScryptParams(params, 'scrypt')
  const kdf: KdfSettings = { name: 'scrypt', N, r, p, salt: toHex(randomBytes(SALT_BYTES)) }
  const kek = await deriveKek(passphrase, fromHex(kdf.salt), kdf)
  try {
    const wrapped = sealObject(aead, kek, dataKey, keyAad(vaultId, kdf))
    const header: VaultHeader = {
      magic: MAGIC,
      format: FORMAT_VERSION,
      vaultId,
      kdf,
      wrappedKey: toHex(wrapped),
    }
    return { header, bytes: encodeHeader(header) }
  } finally {
    wipe(kek)
  }
}

/** A new vault id and data key, and the header that wraps the key under `passphrase`. */
export async function newVaultKey(
  aead: XChaChaAead,
  passphrase: string,
  params: ScryptParams = STRONG_SCRYPT,
): Promise<{ header: VaultHeader; bytes: Uint8Array; key: Uint8Array }> {
  checkPassphrase(passphrase, 'passphrase')
  const vaultId = toHex(randomBytes(16))
  const key = randomBytes(DATA_KEY_BYTES)
  return { ...(await wrap(aead, vaultId, key, passphrase, params)), key }
}

/** The data key, or WrongPassphraseError. */
export async function unwrapVaultKey(
  aead: XChaChaAead,
  header: VaultHeader,
  passphrase: string,
): Promise<Uint8Array> {
  checkPassphrase(passphrase, 'passphrase')
  const kek = await deriveKek(passphrase, fromHex(header.kdf.salt), header.kdf)
  try {
    const key = openObject(
      aead,
      kek,
      fromHex(header.wrappedKey),
      keyAad(header.vaultId, header.kdf),
    )
    if (key.length !== DATA_KEY_BYTES) throw new RangeError('data key has the wrong length')
    return key
  } catch (cause) {
    throw new WrongPassphraseError({ cause })
  } finally {
    wipe(kek)
  }
}

/** The same data key wrapped under `passphrase` with a fresh salt (default: strong scrypt). */
export async function rewrapHeader(
  old: VaultHeader,
  ctx: SealContext,
  passphrase: string,
  params: ScryptParams = STRONG_SCRYPT,
): Promise<{ header: VaultHeader; bytes: Uint8Array }> {
  checkPassphrase(passphrase, 'newPassphrase')
  return wrap(ctx.aead, old.vaultId, ctx.key, passphrase, params)
}
