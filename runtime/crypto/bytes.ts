/** Byte helpers used across sealpost: hex, UTF-8, concatenation, constant-time compare, wiping. */

import { bytesToHex, concatBytes as nobleConcat, hexToBytes } from '@noble/hashes/utils.js'
import { abytes } from './_assert.ts'

/** Lowercase hex of bytes: `toHex(new Uint8Array([1, 255]))` → `'01ff'` (noble's `bytesToHex`). */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(abytes(bytes, 'bytes'))
}

/** Bytes of a hex string (either case, even length): `fromHex('01ff')` → `[1, 255]`. */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError('hex must be a string')
  if (hex.length % 2 !== 0) throw new RangeError(`hex must have an even length, got ${hex.length}`)
  try {
    return hexToBytes(hex)
  } catch (e) {
    // noble names the character offset; our callers match on RangeError.
    const at = /at index (\d+)/.exec(e instanceof Error ? e.message : '')?.[1] ?? '?'
    throw new RangeError(`hex has a non-hex character near offset ${at}`)
  }
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** UTF-8 bytes of a string. */
export function utf8Encode(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('text must be a string')
  return encoder.encode(text)
}

/**
 * The string of UTF-8 bytes, the exact inverse of `utf8Encode` (a leading BOM is kept); throws a
 * TypeError on malformed UTF-8 instead of inserting U+FFFD.
 */
export function utf8Decode(bytes: Uint8Array): string {
  abytes(bytes, 'bytes')
  return decoder.decode(bytes)
}

/** One new array holding the given arrays back to back (noble's `concatBytes`). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  for (const [i, p] of parts.entries()) abytes(p, `parts[${i}]`)
  return nobleConcat(...parts)
}

/**
 * Whether two arrays hold the same bytes, in time that depends only on their lengths (for tags,
 * MACs and digests; lengths are not secret).
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  abytes(a, 'a')
  abytes(b, 'b')
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** Overwrites each array with zeros (key material, plaintext scratch); returns nothing to reuse. */
export function wipe(...arrays: (Uint8Array | Uint32Array)[]): void {
  for (const a of arrays) a.fill(0)
}
