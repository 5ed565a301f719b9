import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  defaultXChaCha,
  nobleXChaCha,
  nodeNativeXChaCha,
  type XChaChaAead,
} from '../../runtime/crypto/xchacha.ts'
import { hchachaSubkey } from '../../runtime/crypto/_hchacha.ts'
import { AeadAuthError } from '../../runtime/crypto/errors.ts'
import { concatBytes, fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import { allCases, loadVectors, type WycheproofCase, type WycheproofFile } from './_vectors.ts'

interface AeadCase extends WycheproofCase {
  readonly key: string
  readonly iv: string
  readonly aad: string
  readonly msg: string
  readonly ct: string
  readonly tag: string
}
interface AeadGroup {
  readonly ivSize: number
  readonly tests: readonly AeadCase[]
}

const wycheproof = loadVectors<WycheproofFile<AeadGroup>>('wycheproof_xchacha20_poly1305_test.json')
const cases = allCases(wycheproof)

const native = nodeNativeXChaCha()
const implementations: XChaChaAead[] = [nobleXChaCha, ...(native ? [native] : [])]

it('finds the native implementation on Node and prefers it by default', () => {
  expect(native?.name).toBe('node-native')
  expect(defaultXChaCha()).toBe(native)
  expect(nodeNativeXChaCha()).toBe(native) // cached, not rebuilt per call
})

it('reads every Wycheproof vector in the file', () => {
  expect(cases.length).toBe(wycheproof.numberOfTests)
  expect(wycheproof.numberOfTests).toBe(315)
})

// draft-irtf-cfrg-xchacha-03 §2.2.1 test vector for HChaCha20.
it('derives the HChaCha20 subkey of the draft test vector', () => {
  const key = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')
  const nonce = fromHex('000000090000004a0000000031415927')
  expect(toHex(hchachaSubkey(key, nonce))).toBe(
    '82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc',
  )
})

describe.each(implementations.map((aead) => [aead.name, aead] as const))('%s', (_, aead) => {
  it('seals every valid Wycheproof vector to the exact ciphertext and tag, and opens it back', () => {
    let checked = 0
    for (const { test } of cases) {
      if (test.result !== 'valid') continue
      const key = fromHex(test.key)
      const iv = fromHex(test.iv)
      const aad = fromHex(test.aad)
      const sealed = aead.seal(key, iv, fromHex(test.msg), aad)
      expect(toHex(sealed), `tcId ${test.tcId}`).toBe(test.ct + test.tag)
      expect(toHex(aead.open(key, iv, sealed, aad)), `tcId ${test.tcId}`).toBe(test.msg)
      checked++
    }
    expect(checked).toBe(246)
  })

  it('rejects every invalid Wycheproof vector: bad tags with AeadAuthError, bad nonce sizes with RangeError', () => {
    let tags = 0
    let nonces = 0
    for (const { group, test } of cases) {
      if (test.result === 'valid') continue
      const open = () =>
        aead.open(
          fromHex(test.key),
          fromHex(test.iv),
          fromHex(test.ct + test.tag),
          fromHex(test.aad),
        )
      if (group.ivSize !== 192) {
        expect(open, `tcId ${test.tcId}`).toThrow(RangeError)
        expect(() =>
          aead.seal(fromHex(test.key), fromHex(test.iv), fromHex(test.msg), fromHex(test.aad)),
        ).toThrow(/nonce24 must be 24 bytes/)
        nonces++
      } else {
        expect(open, `tcId ${test.tcId}`).toThrow(AeadAuthError)
        tags++
      }
    }
    expect({ tags, nonces }).toEqual({ tags: 60, nonces: 9 })
  })

  it('refuses a flipped bit anywhere in the ciphertext, the tag or the associated data', () => {
    const key = new Uint8Array(32).fill(7)
    const nonce = new Uint8Array(24).fill(9)
    const aad = new Uint8Array([1, 2, 3])
    const sealed = aead.seal(key, nonce, new Uint8Array(40).fill(0x41), aad)
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice()
      bad[i]! ^= 1
      expect(() => aead.open(key, nonce, bad, aad)).toThrow(AeadAuthError)
    }
    expect(() => aead.open(key, nonce, sealed, new Uint8Array([1, 2, 4]))).toThrow(AeadAuthError)
    expect(() => aead.open(key, nonce, sealed, aad.subarray(0, 2))).toThrow(AeadAuthError)
  })

  it('refuses truncated sealed data with AeadAuthError carrying the stable code', () => {
    const key = new Uint8Array(32)
    const nonce = new Uint8Array(24)
    const sealed = aead.seal(key, nonce, new Uint8Array(5), new Uint8Array(0))
    for (const n of [0, 1, 15, 16, 20]) {
      try {
        aead.open(key, nonce, sealed.subarray(0, n), new Uint8Array(0))
        expect.unreachable(`opened a ${n}-byte truncation`)
      } catch (e) {
        expect(e).toBeInstanceOf(AeadAuthError)
        expect((e as AeadAuthError).code).toBe('SEALPOST_AEAD_AUTH')
      }
    }
  })

  it('names the bad argument in TypeError and RangeError', () => {
    const k = new Uint8Array(32)
    const n = new Uint8Array(24)
    const e = new Uint8Array(0)
    expect(() => aead.seal(new Uint8Array(16), n, e, e)).toThrow(/key must be 32 bytes, got 16/)
    expect(() => aead.seal(k, new Uint8Array(12), e, e)).toThrow(RangeError)
    expect(() => aead.seal(k, n, 'text' as unknown as Uint8Array, e)).toThrow(
      /plaintext must be a Uint8Array/,
    )
    expect(() => aead.open(k, n, e, [] as unknown as Uint8Array)).toThrow(
      /aad must be a Uint8Array/,
    )
  })

  it('leaves the caller’s key and nonce untouched', () => {
    const key = new Uint8Array(32).fill(3)
    const nonce = new Uint8Array(24).fill(4)
    aead.open(
      key,
      nonce,
      aead.seal(key, nonce, new Uint8Array(3), new Uint8Array(0)),
      new Uint8Array(0),
    )
    expect(key.every((b) => b === 3) && nonce.every((b) => b === 4)).toBe(true)
  })

  it('accepts subarray views with a byte offset', () => {
    const buf = new Uint8Array(200).map((_, i) => i)
    const key = buf.subarray(1, 33)
    const nonce = buf.subarray(33, 57)
    const msg = buf.subarray(57, 130)
    const aad = buf.subarray(130, 141)
    const sealed = aead.seal(key, nonce, msg, aad)
    expect(toHex(sealed)).toBe(
      toHex(nobleXChaCha.seal(key.slice(), nonce.slice(), msg.slice(), aad.slice())),
    )
    expect(aead.open(key, nonce, concatBytes(new Uint8Array(3), sealed).subarray(3), aad)).toEqual(
      msg.slice(),
    )
  })
})

describe.runIf(native)('node-native against noble', () => {
  const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max })

  it('produces byte-identical sealed data for any key, nonce, plaintext and aad', () => {
    fc.assert(
      fc.property(
        bytes(32, 32),
        bytes(24, 24),
        bytes(0, 300),
        bytes(0, 64),
        (key, nonce, pt, aad) => {
          const a = nobleXChaCha.seal(key, nonce, pt, aad)
          const b = native!.seal(key, nonce, pt, aad)
          expect(toHex(b)).toBe(toHex(a))
          expect(toHex(nobleXChaCha.open(key, nonce, b, aad))).toBe(toHex(pt))
          expect(toHex(native!.open(key, nonce, a, aad))).toBe(toHex(pt))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('agrees on large messages across ChaCha block and counter boundaries', () => {
    const key = new Uint8Array(32).map((_, i) => i * 7)
    const nonce = new Uint8Array(24).map((_, i) => 255 - i)
    for (const size of [63, 64, 65, 4095, 65_536, 1_048_576 + 3]) {
      const pt = new Uint8Array(size).map((_, i) => i * 31)
      const a = nobleXChaCha.seal(key, nonce, pt, new Uint8Array(0))
      const b = native!.seal(key, nonce, pt, new Uint8Array(0))
      expect(Buffer.compare(a, b), `size ${size}`).toBe(0)
    }
  })
})

describe.runIf(native)('node-native open hands over plaintext it alone owns', () => {
  it('returns a plain Uint8Array spanning its own ArrayBuffer, shared with no other open', () => {
    const key = new Uint8Array(32).map((_, i) => i + 1)
    const nonce = new Uint8Array(24).map((_, i) => 3 * i)
    const opened: Uint8Array[] = []
    for (const size of [0, 1, 15, 100, 4095, 4096, 65_536]) {
      const pt = new Uint8Array(size).map((_, i) => (i * 13 + size) & 0xff)
      const out = native!.open(
        key,
        nonce,
        native!.seal(key, nonce, pt, new Uint8Array(0)),
        new Uint8Array(0),
      )
      expect(toHex(out), `size ${size}`).toBe(toHex(pt))
      // Owned whole, so a view may move it to a Worker: no pool slice, no view into a larger buffer.
      expect(out.constructor).toBe(Uint8Array)
      expect(out.byteOffset).toBe(0)
      expect(out.buffer.byteLength).toBe(size)
      opened.push(out)
    }
    const buffers = new Set(opened.filter((o) => o.length > 0).map((o) => o.buffer))
    expect(buffers.size).toBe(opened.filter((o) => o.length > 0).length)
    // Changing one plaintext leaves the others as they were.
    opened[3]!.fill(0)
    expect(opened[2]![0]).toBe(15 & 0xff)
  })
})
