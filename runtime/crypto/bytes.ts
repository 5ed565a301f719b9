/** Byte helpers used across sealpost: hex, UTF-8, concatenation, constant-time compare, wiping. */

import { abytes } from './_assert.ts'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Lowercase hex of bytes: `toHex(new Uint8Array([1, 255]))` → `'01ff'`. */
export function toHex(bytes: Uint8Array): string {
  abytes(bytes, 'bytes')
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]
  return out
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48 // 0-9
  if (code >= 97 && code <= 102) return code - 87 // a-f
  if (code >= 65 && code <= 70) return code - 55 // A-F
  return -1
}

/** Bytes of a hex string (either case, even length): `fromHex('01ff')` → `[1, 255]`. */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError('hex must be a string')
  if (hex.length % 2 !== 0) throw new RangeError(`hex must have an even length, got ${hex.length}`)
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i))
    const lo = nibble(hex.charCodeAt(2 * i + 1))
    if (hi < 0 || lo < 0) throw new RangeError(`hex has a non-hex character near offset ${2 * i}`)
    out[i] = (hi << 4) | lo
  }
  return out
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

/** One new array holding the given arrays back to back. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0
  for (const [i, p] of parts.entries()) length += abytes(p, `parts[${i}]`).length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
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
