import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto'
import {
  generateSigningKeyPair,
  isValidSigningPublicKey,
  sign,
  signingPublicKey,
  verify,
} from '../../runtime/crypto/ed25519.ts'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import { nodeCrypto } from '../../runtime/crypto/_node_crypto.ts'
import { createNodeEd25519, SMALL_ORDER_POINTS } from '../../runtime/crypto/_node_ed25519.ts'
import { ed25519 } from '@noble/curves/ed25519.js'
import { allCases, loadVectors, type WycheproofCase, type WycheproofFile } from './_vectors.ts'

interface EddsaCase extends WycheproofCase {
  readonly msg: string
  readonly sig: string
}
interface EddsaGroup {
  readonly publicKey: { readonly pk: string }
  readonly tests: readonly EddsaCase[]
}

const wycheproof = loadVectors<WycheproofFile<EddsaGroup>>('wycheproof_ed25519_test.json')

describe('Wycheproof Ed25519 (strict verification)', () => {
  const cases = allCases(wycheproof)

  it('has every test case of the file', () => {
    expect(cases.length).toBe(151)
  })

  it('accepts every valid signature and rejects every invalid one', () => {
    const wrong: number[] = []
    for (const { group, test } of cases) {
      const ok = verify(fromHex(group.publicKey.pk), fromHex(test.msg), fromHex(test.sig))
      if (ok !== (test.result === 'valid')) wrong.push(test.tcId)
    }
    // tcId 151 is the one a ZIP-215 verifier would wrongly accept: strictness is really exercised
    expect(wrong).toEqual([])
    expect(cases.some((c) => c.test.tcId === 151 && c.test.result === 'invalid')).toBe(true)
    expect(cases.filter((c) => c.test.result === 'valid').length).toBe(88)
  })

  it('rejects the malleable signature S + L that ZIP-215 would accept', () => {
    const malleable = cases.filter((c) => c.test.flags.includes('SignatureMalleability'))
    expect(malleable.length).toBeGreaterThan(0)
    for (const { group, test } of malleable) {
      expect(verify(fromHex(group.publicKey.pk), fromHex(test.msg), fromHex(test.sig))).toBe(false)
    }
  })
})

// RFC 8032 §7.1, TEST 1 and TEST 2.
const RFC8032 = [
  {
    sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    sk: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
]

describe('signing', () => {
  it.each(RFC8032)('reproduces the RFC 8032 test vector for message "$msg"', (v) => {
    expect(toHex(signingPublicKey(fromHex(v.sk)))).toBe(v.pk)
    expect(toHex(sign(fromHex(v.sk), fromHex(v.msg)))).toBe(v.sig)
    expect(verify(fromHex(v.pk), fromHex(v.msg), fromHex(v.sig))).toBe(true)
  })

  it('signs exactly as node:crypto (OpenSSL) does, and each verifies the other', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        (sk, msg) => {
          const pk = signingPublicKey(sk)
          const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url')
          const jwk = { kty: 'OKP', crv: 'Ed25519', d: b64(sk), x: b64(pk) }
          const privateKey = createPrivateKey({ key: jwk, format: 'jwk' })
          const publicKey = createPublicKey({
            key: { kty: 'OKP', crv: 'Ed25519', x: b64(pk) },
            format: 'jwk',
          })
          const ours = sign(sk, msg)
          expect(toHex(nodeSign(null, msg, privateKey))).toBe(toHex(ours))
          expect(nodeVerify(null, msg, publicKey, ours)).toBe(true)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('refuses a signature after any single bit flip of message or signature', () => {
    const { secretKey, publicKey } = generateSigningKeyPair()
    const msg = new Uint8Array([1, 2, 3, 4])
    const sig = sign(secretKey, msg)
    expect(verify(publicKey, msg, sig)).toBe(true)
    for (let i = 0; i < sig.length * 8; i += 7) {
      const bad = sig.slice()
      bad[i >> 3]! ^= 1 << (i & 7)
      expect(verify(publicKey, msg, bad)).toBe(false)
    }
    expect(verify(publicKey, new Uint8Array([1, 2, 3, 5]), sig)).toBe(false)
    expect(verify(signingPublicKey(generateSigningKeyPair().secretKey), msg, sig)).toBe(false)
  })

  it('treats a signature of the wrong length as invalid, and a bad key length as a RangeError', () => {
    const { secretKey, publicKey } = generateSigningKeyPair()
    const sig = sign(secretKey, new Uint8Array(0))
    expect(verify(publicKey, new Uint8Array(0), sig.subarray(0, 63))).toBe(false)
    expect(() => verify(publicKey.subarray(0, 31), new Uint8Array(0), sig)).toThrow(
      /publicKey must be 32 bytes/,
    )
    expect(() => sign(new Uint8Array(64), new Uint8Array(0))).toThrow(/secretKey must be 32 bytes/)
  })

  it('tells canonical public keys from non-canonical encodings', () => {
    expect(isValidSigningPublicKey(generateSigningKeyPair().publicKey)).toBe(true)
    // y = p (2^255 - 19) is a non-canonical encoding of y = 0
    const nonCanonical = fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')
    expect(isValidSigningPublicKey(nonCanonical)).toBe(false)
    expect(isValidSigningPublicKey(new Uint8Array(31))).toBe(false)
  })
})

describe('Ed25519 on node:crypto (the fast path on Node) means what noble means', () => {
  const fast = createNodeEd25519(nodeCrypto()!)
  const strict = (pk: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean => {
    try {
      return ed25519.verify(sig, msg, pk, { zip215: false })
    } catch {
      return false
    }
  }

  it('lists exactly the eight points of small order', () => {
    const order8 = ed25519.Point.fromBytes(fromHex(SMALL_ORDER_POINTS[4]!))
    const multiples = new Set(
      Array.from({ length: 8 }, (_, k) => toHex(order8.multiplyUnsafe(BigInt(k)).toBytes())),
    )
    expect(multiples.size).toBe(8)
    expect([...multiples].sort()).toEqual([...SMALL_ORDER_POINTS].sort())
    for (const p of SMALL_ORDER_POINTS) {
      expect(ed25519.Point.fromBytes(fromHex(p)).isSmallOrder()).toBe(true)
    }
  })

  it('gives noble strict verification its verdict on every Wycheproof case', () => {
    let fastYes = 0
    for (const { group, test } of allCases(wycheproof)) {
      const [pk, msg, sig] = [fromHex(group.publicKey.pk), fromHex(test.msg), fromHex(test.sig)]
      const expected = sig.length === 64 && strict(pk, msg, sig)
      expect(verify(pk, msg, sig), `tcId ${test.tcId}`).toBe(expected)
      if (sig.length !== 64) continue
      const yes = fast.verifyIfValid(pk, msg, sig)
      if (yes) fastYes++
      if (yes) expect(expected, `tcId ${test.tcId}`).toBe(true)
    }
    expect(fastYes).toBe(88) // every valid signature took the fast path
  })

  it('leaves to noble what OpenSSL accepts but strict rules refuse: small-order and non-canonical keys', () => {
    const msg = new Uint8Array([7])
    // R = identity, S = 0 under the identity key: [S]B = R + [k]A holds for any k.
    const sig = fromHex('01'.padEnd(64, '0') + '00'.repeat(32))
    for (const pk of [
      ...SMALL_ORDER_POINTS.map(fromHex),
      fromHex('01'.padEnd(62, '0') + '80'), // y = 1 with the sign bit: x = 0 has no negative
      fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), // y = p
    ]) {
      expect(fast.verifyIfValid(pk, msg, sig)).toBeUndefined()
      expect(verify(pk, msg, sig)).toBe(strict(pk, msg, sig))
      expect(verify(pk, msg, sig)).toBe(false)
    }
  })

  it('makes noble’s public keys and signatures, byte for byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        (seed, msg) => {
          const pk = fast.publicKey(seed)
          expect(toHex(pk)).toBe(toHex(ed25519.getPublicKey(seed)))
          const sig = fast.sign(seed, msg)
          expect(toHex(sig)).toBe(toHex(ed25519.sign(msg, seed)))
          expect(fast.verifyIfValid(pk, msg, sig)).toBe(true)
          expect(strict(pk, msg, sig)).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })
})
