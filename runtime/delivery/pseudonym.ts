/**
 * The vault's pseudonym secret, from which per-partner pseudonym keys are derived
 * (`pseudonym_key.ts`).
 */

import { fromHex, toHex } from '../crypto/bytes.ts'
import { randomBytes } from '../crypto/random.ts'
import type { DocStore } from '../consent/types.ts'

const SECRET_DOC = 'delivery/pseudonym-secret'
/** Bytes of the pseudonym secret. */
export const PSEUDONYM_SECRET_LENGTH = 32

/** The vault's pseudonym secret from `store`, generated and saved on first use. */
export async function pseudonymSecret(store: DocStore): Promise<Uint8Array> {
  const hex = await store.getDoc<string>(SECRET_DOC)
  if (hex !== undefined) return fromHex(hex)
  const secret = randomBytes(PSEUDONYM_SECRET_LENGTH)
  await store.putDoc(SECRET_DOC, toHex(secret))
  return secret
}
