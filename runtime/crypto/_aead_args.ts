/** Argument checks shared by every XChaCha20-Poly1305 implementation, so all reject the same way. */

import { abytes } from './_assert.ts'

export const KEY_LENGTH = 32
export const NONCE_LENGTH = 24
export const TAG_LENGTH = 16

/** Key 32 bytes, nonce 24 bytes, data and aad Uint8Arrays; TypeError/RangeError naming the argument. */
export function checkAeadArgs(
  key: unknown,
  nonce24: unknown,
  data: unknown,
  dataName: string,
  aad: unknown,
): void {
  abytes(key, 'key', KEY_LENGTH)
  abytes(nonce24, 'nonce24', NONCE_LENGTH)
  abytes(data, dataName)
  abytes(aad, 'aad')
}
