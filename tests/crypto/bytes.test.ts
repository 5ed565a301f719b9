import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  concatBytes,
  equalBytes,
  fromHex,
  toHex,
  utf8Decode,
  utf8Encode,
  wipe,
} from '../../runtime/crypto/bytes.ts'
import { randomBytes } from '../../runtime/crypto/random.ts'

describe('hex', () => {
  it('encodes lowercase and decodes either case', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff')
    expect(fromHex('0001ABff')).toEqual(new Uint8Array([0, 1, 0xab, 0xff]))
    expect(fromHex('')).toEqual(new Uint8Array(0))
  })

  it('round-trips any bytes and matches Node’s own hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        const hex = toHex(b)
        expect(hex).toBe(Buffer.from(b).toString('hex'))
        expect(fromHex(hex)).toEqual(b)
      }),
    )
  })

  it('refuses odd lengths and non-hex characters', () => {
    expect(() => fromHex('abc')).toThrow(RangeError)
    expect(() => fromHex('0g')).toThrow(/non-hex character near offset 0/)
    expect(() => fromHex(' 1')).toThrow(RangeError)
    expect(() => fromHex(12 as unknown as string)).toThrow(TypeError)
  })
})

describe('utf8', () => {
  it('round-trips any string of scalar values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Decode(utf8Encode(s))).toBe(s)
      }),
    )
    expect(toHex(utf8Encode('€'))).toBe('e282ac')
    expect(utf8Decode(utf8Encode('\ufeffbom'))).toBe('\ufeffbom') // a leading BOM is kept
  })

  it('refuses malformed UTF-8 instead of replacing it', () => {
    expect(() => utf8Decode(new Uint8Array([0xc3]))).toThrow(TypeError)
    expect(() => utf8Decode(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(TypeError) // lone surrogate
  })
})

describe('concatBytes', () => {
  it('joins parts in order, views included', () => {
    const big = new Uint8Array([9, 8, 7, 6])
    expect(concatBytes(new Uint8Array([1]), big.subarray(1, 3), new Uint8Array(0))).toEqual(
      new Uint8Array([1, 8, 7]),
    )
    expect(() => concatBytes(new Uint8Array(1), [1] as unknown as Uint8Array)).toThrow(
      /parts\[1\] must be a Uint8Array/,
    )
  })
})

describe('equalBytes', () => {
  it('agrees with a plain comparison on any pair', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        expect(equalBytes(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)))
        expect(equalBytes(a, a.slice())).toBe(true)
      }),
    )
  })

  it('sees a difference in the last byte and a difference in length', () => {
    expect(equalBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false)
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false)
  })
})

describe('wipe and randomBytes', () => {
  it('zeroes every array given', () => {
    const a = new Uint8Array([1, 2, 3])
    const b = new Uint32Array([0xffffffff])
    wipe(a, b)
    expect([...a, ...b]).toEqual([0, 0, 0, 0])
  })

  it('returns the requested length, beyond the 64 KiB getRandomValues quota, and not all zeros', () => {
    expect(randomBytes(0).length).toBe(0)
    const big = randomBytes(200_000)
    expect(big.length).toBe(200_000)
    // a zeroed tail would mean a chunk was never filled
    expect(big.subarray(150_000).some((x) => x !== 0)).toBe(true)
    expect(equalBytes(randomBytes(32), randomBytes(32))).toBe(false)
  })

  it('refuses a negative or fractional length', () => {
    expect(() => randomBytes(-1)).toThrow(RangeError)
    expect(() => randomBytes(1.5)).toThrow(TypeError)
  })
})
