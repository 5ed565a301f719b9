/**
 * A ChaCha20 keystream as a source of uniform numbers for output noise: seeded (tests, replays) or
 * from the platform's secure random source (production). Same seed, same sequence, everywhere.
 */

import { chacha20 } from '@noble/ciphers/chacha.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { randomBytes } from '../crypto/random.ts'
import { utf8Encode } from '../crypto/bytes.ts'

/** Uniform numbers in [0, 1) with 53 random bits each. */
export interface NoiseRandom {
  next(): number
}

const BLOCKS_PER_REFILL = 64 // 4 KiB of keystream per refill
const BLOCK = 64
const MAX_COUNTER = 2 ** 32 - BLOCKS_PER_REFILL

/**
 * A ChaCha20-based random source: key = SHA-256 of `seed` (bytes or a string), or 32 fresh random
 * bytes when no seed is given.
 */
export function noiseRandom(seed?: Uint8Array | string): NoiseRandom {
  let key: Uint8Array
  if (seed === undefined) key = randomBytes(32)
  else if (typeof seed === 'string') key = sha256(utf8Encode(seed))
  else if (seed instanceof Uint8Array) key = sha256(seed)
  else throw new TypeError('seed must be a Uint8Array or a string')
  const nonce = new Uint8Array(12)
  const zeros = new Uint8Array(BLOCKS_PER_REFILL * BLOCK)
  let counter = 0
  let buf = new Uint8Array(0)
  let view = new DataView(buf.buffer)
  let pos = 0
  const refill = (): void => {
    if (counter > MAX_COUNTER) throw new RangeError('noise random source exhausted')
    buf = chacha20(key, nonce, zeros, undefined, counter)
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    counter += BLOCKS_PER_REFILL
    pos = 0
  }
  return {
    next(): number {
      if (pos + 8 > buf.length) refill()
      // 53 bits: 21 from the high word, 32 from the low word.
      const hi = view.getUint32(pos, true) >>> 11
      const lo = view.getUint32(pos + 4, true)
      pos += 8
      return (hi * 2 ** 32 + lo) / 2 ** 53
    },
  }
}
