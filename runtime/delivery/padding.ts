/**
 * Size buckets for envelopes, so the relay cannot learn an output's size: the plaintext is padded
 * with 0x80 then zeros (ISO/IEC 7816-4) up to the smallest bucket that holds it.
 */

import { EnvelopeMalformedError, EnvelopeTooLargeError } from './errors.ts'

/**
 * Default buckets: 512 B, 1 KiB, 4 KiB, 16 KiB, 64 KiB. The smallest is 512 rather than 256 because
 * every payload already carries three 64-digit digests and a pseudonym (about 350 bytes): a 256 B
 * bucket would never be used.
 */
export const DEFAULT_BUCKETS: readonly number[] = Object.freeze([512, 1024, 4096, 16_384, 65_536])

/** The smallest bucket that holds `length` bytes plus the padding marker. */
export function bucketFor(length: number, buckets: readonly number[] = DEFAULT_BUCKETS): number {
  if (!Number.isInteger(length) || length < 0) throw new RangeError('length must be an integer ≥ 0')
  const largest = buckets[buckets.length - 1]
  if (largest === undefined) throw new RangeError('buckets must not be empty')
  const bucket = buckets.find((b) => b >= length + 1)
  if (bucket === undefined) throw new EnvelopeTooLargeError(length, largest - 1)
  return bucket
}

/** `data`, 0x80, then zeros up to its bucket. */
export function pad(data: Uint8Array, buckets: readonly number[] = DEFAULT_BUCKETS): Uint8Array {
  const out = new Uint8Array(bucketFor(data.length, buckets))
  out.set(data)
  out[data.length] = 0x80
  return out
}

/** Removes the padding `pad` added; EnvelopeMalformedError when there is no marker. */
export function unpad(padded: Uint8Array): Uint8Array {
  let i = padded.length - 1
  while (i >= 0 && padded[i] === 0) i--
  if (i < 0 || padded[i] !== 0x80) throw new EnvelopeMalformedError('envelope padding is missing')
  return padded.subarray(0, i)
}
