import { describe, it, expect } from 'vitest'
import { extract, expand } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { X25519, HkdfSha256 } from '@hpke/dhkem-x25519'
import { generateHpkeKeyPair, openBase, sealBase } from '../../runtime/crypto/hpke.ts'
import { InvalidPublicKeyError } from '../../runtime/crypto/errors.ts'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import { allCases, loadVectors, type WycheproofCase, type WycheproofFile } from './_vectors.ts'

interface XdhCase extends WycheproofCase {
  readonly public: string
  readonly private: string
  readonly shared: string
}
interface HkdfCase extends WycheproofCase {
  readonly ikm: string
  readonly salt: string
  readonly info: string
  readonly size: number
  readonly okm: string
}

const ZERO = '00'.repeat(32)

describe("Wycheproof X25519 through the HPKE library's DH step", () => {
  const x25519 = new X25519(new HkdfSha256())
  const dh = async (secretKey: Uint8Array, publicKey: Uint8Array) =>
    new Uint8Array(await x25519.derive(secretKey, publicKey))

  const file = loadVectors<WycheproofFile<{ tests: readonly XdhCase[] }>>(
    'wycheproof_x25519_test.json',
  )
  const cases = allCases(file).map((c) => c.test)

  it('has every case of the file', () => {
    expect(cases.length).toBe(518)
  })

  it('computes the listed shared secret for every valid and acceptable case with a non-zero result', async () => {
    let checked = 0
    for (const t of cases) {
      if (t.shared === ZERO) continue
      expect(toHex(await dh(fromHex(t.private), fromHex(t.public))), `tcId ${t.tcId}`).toBe(
        t.shared,
      )
      checked++
    }
    // includes public keys on the twist and non-canonical encodings, which RFC 7748 says to accept
    expect(checked).toBe(487)
  })

  it('refuses every low-order public key whose shared secret would be all zeros, as key or enc', async () => {
    const zero = cases.filter((t) => t.shared === ZERO)
    expect(zero.length).toBe(31)
    const e = new Uint8Array(0)
    const recipient = generateHpkeKeyPair()
    for (const t of zero) {
      await expect(dh(fromHex(t.private), fromHex(t.public)), `tcId ${t.tcId}`).rejects.toThrow()
      await expect(sealBase(fromHex(t.public), e, e, e), `tcId ${t.tcId}`).rejects.toThrow(
        InvalidPublicKeyError,
      )
      await expect(
        openBase(recipient.secretKey, fromHex(t.public), e, e, new Uint8Array(16)),
        `tcId ${t.tcId}`,
      ).rejects.toThrow(InvalidPublicKeyError)
    }
  })
})

describe('Wycheproof HKDF-SHA256 through the extract/expand HPKE uses', () => {
  const file = loadVectors<WycheproofFile<{ tests: readonly HkdfCase[] }>>(
    'wycheproof_hkdf_sha256_test.json',
  )
  const cases = allCases(file).map((c) => c.test)
  const hkdf = (t: HkdfCase) =>
    expand(sha256, extract(sha256, fromHex(t.ikm), fromHex(t.salt)), fromHex(t.info), t.size)

  it('derives the listed output for every valid case', () => {
    const valid = cases.filter((t) => t.result === 'valid')
    expect(valid.length).toBe(83)
    for (const t of valid) expect(toHex(hkdf(t)), `tcId ${t.tcId}`).toBe(t.okm)
  })

  it('refuses every output longer than 255 × 32 bytes', () => {
    const invalid = cases.filter((t) => t.result !== 'valid')
    expect(invalid.map((t) => t.size)).toEqual([8161, 8161, 8161])
    for (const t of invalid) expect(() => hkdf(t)).toThrow()
  })
})
