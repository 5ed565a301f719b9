import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  deriveHpkeKeyPair,
  generateHpkeKeyPair,
  HPKE_AEAD,
  hpkePublicKey,
  openBase,
  sealBase,
  setupBaseRecipient,
  setupBaseSender,
  setupBaseSenderWithEphemeral,
  type HpkeAeadId,
} from '../../runtime/crypto/hpke.ts'
import {
  AeadAuthError,
  HpkeContextError,
  InvalidPublicKeyError,
} from '../../runtime/crypto/errors.ts'
import { fromHex, toHex, utf8Encode } from '../../runtime/crypto/bytes.ts'
import { loadVectors } from './_vectors.ts'

interface HpkeVector {
  readonly mode: number
  readonly kem_id: number
  readonly kdf_id: number
  readonly aead_id: number
  readonly info: string
  readonly ikmR: string
  readonly ikmE: string
  readonly skRm: string
  readonly skEm: string
  readonly pkRm: string
  readonly pkEm: string
  readonly enc: string
  readonly shared_secret: string
  readonly key_schedule_context: string
  readonly secret: string
  readonly key: string
  readonly base_nonce: string
  readonly exporter_secret: string
  readonly encryptions: readonly { aad: string; ct: string; nonce: string; pt: string }[]
  readonly exports: readonly { exporter_context: string; L: number; exported_value: string }[]
}

const vectors = loadVectors<HpkeVector[]>('rfc9180_hpke_x25519_base_vectors.json')

it('has the two RFC 9180 base-mode X25519 entries: AES-128-GCM (§A.1.1) and ChaCha20-Poly1305 (§A.2.1)', () => {
  expect(vectors.map((v) => [v.mode, v.kem_id, v.kdf_id, v.aead_id])).toEqual([
    [0, 32, 1, 1],
    [0, 32, 1, 3],
  ])
})

describe.each(
  vectors.map((v) => [v.aead_id === 1 ? 'AES-128-GCM' : 'ChaCha20-Poly1305', v] as const),
)('RFC 9180 vectors through @hpke/core, %s', (_, v) => {
  const aead = v.aead_id as HpkeAeadId
  const info = fromHex(v.info)

  it('derives both key pairs from ikmE and ikmR', async () => {
    const e = await deriveHpkeKeyPair(fromHex(v.ikmE))
    const r = await deriveHpkeKeyPair(fromHex(v.ikmR))
    expect([toHex(e.secretKey), toHex(e.publicKey)]).toEqual([v.skEm, v.pkEm])
    expect([toHex(r.secretKey), toHex(r.publicKey)]).toEqual([v.skRm, v.pkRm])
    expect(toHex(hpkePublicKey(fromHex(v.skRm)))).toBe(v.pkRm)
  })

  it('seals every encryption to the exact ciphertext in sequence, and the recipient opens each', async () => {
    const { enc, context: sender } = await setupBaseSenderWithEphemeral(
      fromHex(v.ikmE),
      fromHex(v.pkRm),
      info,
      { aead },
    )
    expect(toHex(enc)).toBe(v.enc)
    const recipient = await setupBaseRecipient(enc, fromHex(v.skRm), info, { aead })
    // encryptions are listed for seq 0..256 in order
    expect(v.encryptions.length).toBe(257)
    for (const [seq, e] of v.encryptions.entries()) {
      expect(sender.seq).toBe(seq)
      expect(toHex(await sender.seal(fromHex(e.aad), fromHex(e.pt))), `seq ${seq}`).toBe(e.ct)
      expect(toHex(await recipient.open(fromHex(e.aad), fromHex(e.ct))), `seq ${seq}`).toBe(e.pt)
    }
    expect(recipient.seq).toBe(257)
  })

  it('exports every listed value from both sides', async () => {
    const { context: sender } = await setupBaseSenderWithEphemeral(
      fromHex(v.ikmE),
      fromHex(v.pkRm),
      info,
      { aead },
    )
    const recipient = await setupBaseRecipient(fromHex(v.enc), fromHex(v.skRm), info, { aead })
    expect(v.exports.length).toBe(3)
    for (const x of v.exports) {
      expect(toHex(await sender.export(fromHex(x.exporter_context), x.L))).toBe(x.exported_value)
      expect(toHex(await recipient.export(fromHex(x.exporter_context), x.L))).toBe(x.exported_value)
    }
  })

  it('opens the first vector ciphertext with single-shot openBase', async () => {
    const e = v.encryptions[0]!
    expect(
      toHex(
        await openBase(fromHex(v.skRm), fromHex(v.enc), info, fromHex(e.aad), fromHex(e.ct), {
          aead,
        }),
      ),
    ).toBe(e.pt)
  })
})

describe('sealBase / openBase', () => {
  it('round-trips any message, info and aad with either AEAD', async () => {
    const r = generateHpkeKeyPair()
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.constantFrom(HPKE_AEAD.AES_128_GCM, HPKE_AEAD.CHACHA20_POLY1305),
        async (pt, info, aad, aead) => {
          const { enc, ciphertext } = await sealBase(r.publicKey, info, aad, pt, { aead })
          expect(ciphertext.length).toBe(pt.length + 16)
          expect(toHex(await openBase(r.secretKey, enc, info, aad, ciphertext, { aead }))).toBe(
            toHex(pt),
          )
        },
      ),
      { numRuns: 60 },
    )
  })

  it('reads arrays that are views into a larger buffer', async () => {
    const r = generateHpkeKeyPair()
    const big = new Uint8Array(96).map((_, i) => i)
    const pt = big.subarray(10, 40)
    const { enc, ciphertext } = await sealBase(
      r.publicKey,
      big.subarray(0, 5),
      big.subarray(5, 9),
      pt,
    )
    const ctInBuffer = new Uint8Array(ciphertext.length + 7)
    ctInBuffer.set(ciphertext, 7)
    const opened = await openBase(
      r.secretKey,
      enc,
      big.subarray(0, 5),
      big.subarray(5, 9),
      ctInBuffer.subarray(7),
    )
    expect(toHex(opened)).toBe(toHex(pt))
  })

  it('uses a fresh ephemeral key each time, and ChaCha20-Poly1305 by default', async () => {
    const r = generateHpkeKeyPair()
    const pt = utf8Encode('{"euSize":42}')
    const a = await sealBase(r.publicKey, new Uint8Array(0), new Uint8Array(0), pt)
    const b = await sealBase(r.publicKey, new Uint8Array(0), new Uint8Array(0), pt)
    expect(toHex(a.enc)).not.toBe(toHex(b.enc))
    expect(toHex(a.ciphertext)).not.toBe(toHex(b.ciphertext))
    const e = new Uint8Array(0)
    await expect(
      openBase(r.secretKey, a.enc, e, e, a.ciphertext, { aead: HPKE_AEAD.AES_128_GCM }),
    ).rejects.toThrow(AeadAuthError)
    expect(
      await openBase(r.secretKey, a.enc, e, e, a.ciphertext, { aead: HPKE_AEAD.CHACHA20_POLY1305 }),
    ).toEqual(pt)
  })

  it('refuses the wrong recipient key, info, aad, enc or a flipped ciphertext bit', async () => {
    const r = generateHpkeKeyPair()
    const info = utf8Encode('sealpost envelope v1')
    const aad = utf8Encode('partner=stridewear')
    const { enc, ciphertext } = await sealBase(r.publicKey, info, aad, utf8Encode('hello'))
    const open = (sk: Uint8Array, en: Uint8Array, i: Uint8Array, a: Uint8Array, ct: Uint8Array) =>
      expect(openBase(sk, en, i, a, ct)).rejects.toThrow(AeadAuthError)
    await open(generateHpkeKeyPair().secretKey, enc, info, aad, ciphertext)
    await open(r.secretKey, enc, utf8Encode('other'), aad, ciphertext)
    await open(r.secretKey, enc, info, utf8Encode('partner=other'), ciphertext)
    await open(r.secretKey, generateHpkeKeyPair().publicKey, info, aad, ciphertext)
    for (let i = 0; i < ciphertext.length; i++) {
      const bad = ciphertext.slice()
      bad[i]! ^= 0x80
      await open(r.secretKey, enc, info, aad, bad)
    }
    await open(r.secretKey, enc, info, aad, ciphertext.subarray(0, 15))
    await open(r.secretKey, enc, info, aad, new Uint8Array(0))
  })

  it('refuses a low-order recipient key or enc with InvalidPublicKeyError (RFC 9180 §7.1.4)', async () => {
    const lowOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ]
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    for (const pk of lowOrder) {
      await expect(sealBase(fromHex(pk), e, e, e)).rejects.toThrow(InvalidPublicKeyError)
      await expect(openBase(r.secretKey, fromHex(pk), e, e, new Uint8Array(16))).rejects.toThrow(
        InvalidPublicKeyError,
      )
    }
  })

  it('names bad arguments', async () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    await expect(sealBase(r.publicKey.subarray(1), e, e, e)).rejects.toThrow(
      /recipientPublicKey must be 32 bytes/,
    )
    await expect(sealBase(r.publicKey, 'info' as unknown as Uint8Array, e, e)).rejects.toThrow(
      /info must be a Uint8Array/,
    )
    await expect(openBase(r.secretKey, new Uint8Array(31), e, e, e)).rejects.toThrow(
      /enc must be 32 bytes/,
    )
    await expect(openBase(r.secretKey.subarray(2), r.publicKey, e, e, e)).rejects.toThrow(
      /recipientSecretKey must be 32 bytes/,
    )
    await expect(sealBase(r.publicKey, e, e, e, { aead: 2 as HpkeAeadId })).rejects.toThrow(
      RangeError,
    )
    await expect(deriveHpkeKeyPair(new Uint8Array(16))).rejects.toThrow(
      /ikm must be at least 32 bytes/,
    )
  })
})

describe('contexts', () => {
  it('keep the sequence number after a failed open, so the next genuine message still opens', async () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    const { enc, context: s } = await setupBaseSender(r.publicKey, e)
    const c0 = await s.seal(e, utf8Encode('zero'))
    const c1 = await s.seal(e, utf8Encode('one'))
    const rc = await setupBaseRecipient(enc, r.secretKey, e)
    await expect(rc.open(e, c1)).rejects.toThrow(AeadAuthError) // out of order
    expect(rc.seq).toBe(0)
    expect(await rc.open(e, c0)).toEqual(utf8Encode('zero'))
    expect(await rc.open(e, c1)).toEqual(utf8Encode('one'))
  })

  it('refuse use after dispose, including through `using`', async () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    const { context } = await setupBaseSender(r.publicKey, e)
    {
      using c = context
      expect(c.alive).toBe(true)
    }
    expect(context.alive).toBe(false)
    await expect(context.seal(e, e)).rejects.toThrow(HpkeContextError)
    await expect(context.export(e, 32)).rejects.toThrow(HpkeContextError)
    context.dispose() // idempotent
  })

  it('bound export lengths by 255 × Nh', async () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    const { context } = await setupBaseSender(r.publicKey, e)
    expect((await context.export(e, 8160)).length).toBe(8160)
    expect((await context.export(e, 0)).length).toBe(0)
    await expect(context.export(e, 8161)).rejects.toThrow(RangeError)
  })
  // RFC 9180 §4 writes L as I2OSP(L, 2) in LabeledExpand. @hpke/core 1.9.0's own HKDF writes
  // [0, L] (L mod 256 for L ≥ 256), so its exports of 256 bytes or more differ from the RFC's;
  // sealpost's KDF does not. The expected bytes come from the hand-written implementation that
  // sealpost used before the library (as of 7458f65^), which agrees with the vectors.
  it('exports 300 bytes with L written on two bytes (RFC 9180 §4)', async () => {
    const recipient = new Uint8Array(32).fill(0x11)
    const { context } = await setupBaseSenderWithEphemeral(
      new Uint8Array(32).fill(7),
      hpkePublicKey(recipient),
      utf8Encode('sealpost export'),
    )
    expect(toHex(await context.export(utf8Encode('ctx'), 300))).toBe(
      '8d56e78493e9a033f3bdc72f64b5225a754f054fe56e89851aa54dc12f5494003912a67f5433c6f99ed85255' +
        'b868b8e73908e012a340c4ce0e1c4de59c9dce5e6a4683ce72d442a071332d438e4d5c69a8a15ae04d5d3eb2' +
        '0ddcaa8b52ec4808cc537587c5c4cc995342dc3383f6ce74ad58432042fed8c84b037f63152e5484486d5b28' +
        '8ce6a5ddd24f916fe7b8e584dcf2e008d7d7bec52223c42187c7b646e6fdd5f5f8a8b5999e7464da2c1a9293' +
        '919d7dc6306a81858bed7b1bf013d91ee86e1b53c8fb3f479d7ea80820052c852bf729153128c784a6861ea8' +
        '146431c12659d4c5acb65644f0be8d3fecf79fa0dedb385e66d5b8a4af348f4538620334c48ad7ead34545a9' +
        '8c29aea86953e7aa486f7a1c1822aceab581c641260b38b288d3b3ca4ba9b079dc73b03b',
    )
  })
})
