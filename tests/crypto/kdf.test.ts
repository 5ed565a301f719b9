import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  DEFAULT_SCRYPT_PARAMS,
  defaultScrypt,
  deriveWrappingKey,
  nobleScrypt,
  nodeNativeScrypt,
  TEST_SCRYPT_PARAMS,
  unwrapKey,
  wrapKey,
  WRAPPED_KEY_LENGTH,
  type ScryptKdf,
} from '../../runtime/crypto/kdf.ts'
import { nobleXChaCha } from '../../runtime/crypto/xchacha.ts'
import { WrongPassphraseError } from '../../runtime/crypto/errors.ts'
import { randomBytes } from '../../runtime/crypto/random.ts'
import { fromHex, toHex, utf8Encode } from '../../runtime/crypto/bytes.ts'

const native = nodeNativeScrypt()
const implementations: ScryptKdf[] = [nobleScrypt, ...(native ? [native] : [])]

// RFC 7914 §12 test vectors (64-byte outputs).
const RFC7914 = [
  {
    P: '',
    S: '',
    params: { N: 16, r: 1, p: 1 },
    dk: '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
  },
  {
    P: 'password',
    S: 'NaCl',
    params: { N: 1024, r: 8, p: 16 },
    dk: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  },
]

it('uses node:crypto scrypt on Node by default', () => {
  expect(native?.name).toBe('node-native')
  expect(defaultScrypt()).toBe(native)
})

describe.each(implementations.map((k) => [k.name, k] as const))('scrypt, %s', (_, kdf) => {
  it.each(RFC7914)(
    'reproduces the RFC 7914 vector N=$params.N r=$params.r p=$params.p',
    async (v) => {
      expect(toHex(await kdf.derive(utf8Encode(v.P), utf8Encode(v.S), v.params, 64))).toBe(v.dk)
    },
  )
})

describe.runIf(native)('node-native scrypt against noble', () => {
  it('derives byte-identical keys for any password, salt and small parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ minLength: 16, maxLength: 40 }),
        fc.constantFrom(2, 16, 256),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        async (password, salt, N, r, p) => {
          const a = await nobleScrypt.derive(password, salt, { N, r, p }, 32)
          const b = await native!.derive(password, salt, { N, r, p }, 32)
          expect(toHex(b)).toBe(toHex(a))
        },
      ),
      { numRuns: 40 },
    )
  })

  // The production N = 2^17 takes seconds with noble; 2^14 with the default r, p exercises the same
  // code paths (multi-MiB working set) in a fraction of that.
  it('agrees at a realistic cost (N = 2^14, r = 8, p = 1)', async () => {
    const salt = fromHex('000102030405060708090a0b0c0d0e0f')
    const params = { ...DEFAULT_SCRYPT_PARAMS, N: 2 ** 14 }
    const a = await deriveWrappingKey('correct horse battery staple', salt, params, {
      scrypt: nobleScrypt,
    })
    const b = await deriveWrappingKey('correct horse battery staple', salt, params, {
      scrypt: native!,
    })
    expect(a.length).toBe(32)
    expect(toHex(b)).toBe(toHex(a))
  })
})

describe('deriveWrappingKey', () => {
  const salt = new Uint8Array(16).fill(1)

  it('normalizes passphrase strings to NFC, so composed and decomposed input give one key', async () => {
    const composed = 'caf\u00e9' // é as one code point
    const decomposed = 'cafe\u0301' // e + combining acute, as macOS keyboards may produce
    const a = await deriveWrappingKey(composed, salt, TEST_SCRYPT_PARAMS)
    expect(toHex(await deriveWrappingKey(decomposed, salt, TEST_SCRYPT_PARAMS))).toBe(toHex(a))
    expect(toHex(await deriveWrappingKey(utf8Encode(composed), salt, TEST_SCRYPT_PARAMS))).toBe(
      toHex(a),
    )
    const direct = await nobleScrypt.derive(utf8Encode(composed), salt, TEST_SCRYPT_PARAMS, 32)
    expect(toHex(a)).toBe(toHex(direct))
  })

  it('gives different keys for a different salt or different parameters', async () => {
    const a = await deriveWrappingKey('pw', salt, TEST_SCRYPT_PARAMS)
    const b = await deriveWrappingKey('pw', new Uint8Array(16).fill(2), TEST_SCRYPT_PARAMS)
    const c = await deriveWrappingKey('pw', salt, { ...TEST_SCRYPT_PARAMS, N: 2 ** 11 })
    expect(new Set([toHex(a), toHex(b), toHex(c)]).size).toBe(3)
  })

  it('refuses parameters a tampered header could use to exhaust memory or that scrypt forbids', async () => {
    await expect(deriveWrappingKey('pw', salt, { N: 2 ** 24, r: 8, p: 1 })).rejects.toThrow(
      /over the limit/,
    )
    await expect(deriveWrappingKey('pw', salt, { N: 1000, r: 8, p: 1 })).rejects.toThrow(
      /power of two/,
    )
    await expect(deriveWrappingKey('pw', salt, { N: 1024, r: 0, p: 1 })).rejects.toThrow(/params.r/)
    await expect(deriveWrappingKey('pw', salt, { N: 1024, r: 8, p: 64 })).rejects.toThrow(
      /params.p must be at most 16/,
    )
    await expect(
      deriveWrappingKey('pw', salt, TEST_SCRYPT_PARAMS, { limits: { maxMemory: 1024, maxP: 1 } }),
    ).rejects.toThrow(RangeError)
  })

  it('refuses a short salt and a passphrase of the wrong type', async () => {
    await expect(deriveWrappingKey('pw', new Uint8Array(8), TEST_SCRYPT_PARAMS)).rejects.toThrow(
      /salt must be at least 16 bytes/,
    )
    await expect(
      deriveWrappingKey(42 as unknown as string, salt, TEST_SCRYPT_PARAMS),
    ).rejects.toThrow(TypeError)
  })
})

describe('wrapKey / unwrapKey', () => {
  it('round-trips a data key, with a fresh nonce each time', async () => {
    const key = await deriveWrappingKey('open sesame', randomBytes(16), TEST_SCRYPT_PARAMS)
    const dataKey = randomBytes(32)
    const aad = utf8Encode('vault:1234')
    const w1 = wrapKey(key, dataKey, aad)
    const w2 = wrapKey(key, dataKey, aad)
    expect(w1.length).toBe(WRAPPED_KEY_LENGTH)
    expect(toHex(w1)).not.toBe(toHex(w2))
    expect(unwrapKey(key, w1, aad)).toEqual(dataKey)
    expect(unwrapKey(key, w2, aad, nobleXChaCha)).toEqual(dataKey) // either implementation opens it
  })

  it('refuses the wrong passphrase with WrongPassphraseError and its stable code', async () => {
    const salt = randomBytes(16)
    const right = await deriveWrappingKey('open sesame', salt, TEST_SCRYPT_PARAMS)
    const wrong = await deriveWrappingKey('open sesame!', salt, TEST_SCRYPT_PARAMS)
    const wrapped = wrapKey(right, randomBytes(32))
    try {
      unwrapKey(wrong, wrapped)
      expect.unreachable('unwrapped with the wrong passphrase')
    } catch (e) {
      expect(e).toBeInstanceOf(WrongPassphraseError)
      expect((e as WrongPassphraseError).code).toBe('SEALPOST_WRONG_PASSPHRASE')
      expect((e as Error).message).toMatch(/wrong passphrase/)
    }
  })

  it('refuses a wrapped key moved to another vault (different aad) or altered', () => {
    const key = randomBytes(32)
    const wrapped = wrapKey(key, randomBytes(32), utf8Encode('vault:a'))
    expect(() => unwrapKey(key, wrapped, utf8Encode('vault:b'))).toThrow(WrongPassphraseError)
    const bad = wrapped.slice()
    bad[30]! ^= 1
    expect(() => unwrapKey(key, bad, utf8Encode('vault:a'))).toThrow(WrongPassphraseError)
  })

  it('names bad arguments', () => {
    const k = randomBytes(32)
    expect(() => wrapKey(k, randomBytes(16))).toThrow(/dataKey must be 32 bytes/)
    expect(() => wrapKey(randomBytes(31), k)).toThrow(/wrappingKey must be 32 bytes/)
    expect(() => unwrapKey(k, randomBytes(71))).toThrow(/wrapped must be 72 bytes/)
  })
})
