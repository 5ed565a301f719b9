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
import { decap, encapWith } from '../../runtime/crypto/_dhkem.ts'
import { AEAD_SPECS, computeNonce, keyScheduleBase } from '../../runtime/crypto/_hpke_schedule.ts'
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

describe.each(vectors.map((v) => [AEAD_SPECS[v.aead_id]!.name, v] as const))(
  'RFC 9180 vectors, %s',
  (_, v) => {
    const aead = v.aead_id as HpkeAeadId
    const info = fromHex(v.info)

    it('derives both key pairs from ikmE and ikmR', () => {
      const e = deriveHpkeKeyPair(fromHex(v.ikmE))
      const r = deriveHpkeKeyPair(fromHex(v.ikmR))
      expect([toHex(e.secretKey), toHex(e.publicKey)]).toEqual([v.skEm, v.pkEm])
      expect([toHex(r.secretKey), toHex(r.publicKey)]).toEqual([v.skRm, v.pkRm])
      expect(toHex(hpkePublicKey(fromHex(v.skRm)))).toBe(v.pkRm)
    })

    it('encapsulates to enc and the shared secret, and decapsulates to the same secret', () => {
      const { enc, sharedSecret } = encapWith(deriveHpkeKeyPair(fromHex(v.ikmE)), fromHex(v.pkRm))
      expect(toHex(enc)).toBe(v.enc)
      expect(toHex(sharedSecret)).toBe(v.shared_secret)
      expect(toHex(decap(fromHex(v.enc), fromHex(v.skRm)))).toBe(v.shared_secret)
    })

    it('runs the key schedule to the listed context, secret, key, base nonce and exporter secret', () => {
      const ks = keyScheduleBase(fromHex(v.shared_secret), info, AEAD_SPECS[aead]!)
      expect(toHex(ks.keyScheduleContext)).toBe(v.key_schedule_context)
      expect(toHex(ks.secret)).toBe(v.secret)
      expect(toHex(ks.key)).toBe(v.key)
      expect(toHex(ks.baseNonce)).toBe(v.base_nonce)
      expect(toHex(ks.exporterSecret)).toBe(v.exporter_secret)
    })

    it('computes the nonce of every listed sequence number', () => {
      // encryptions are listed for seq 0..256 in order
      expect(v.encryptions.length).toBe(257)
      v.encryptions.forEach((e, seq) => {
        expect(toHex(computeNonce(fromHex(v.base_nonce), seq)), `seq ${seq}`).toBe(e.nonce)
      })
    })

    it('seals every encryption to the exact ciphertext in sequence, and the recipient opens each', () => {
      const { enc, context: sender } = setupBaseSenderWithEphemeral(
        deriveHpkeKeyPair(fromHex(v.ikmE)),
        fromHex(v.pkRm),
        info,
        { aead },
      )
      expect(toHex(enc)).toBe(v.enc)
      const recipient = setupBaseRecipient(enc, fromHex(v.skRm), info, { aead })
      for (const [seq, e] of v.encryptions.entries()) {
        expect(sender.seq).toBe(seq)
        expect(toHex(sender.seal(fromHex(e.aad), fromHex(e.pt))), `seq ${seq}`).toBe(e.ct)
        expect(toHex(recipient.open(fromHex(e.aad), fromHex(e.ct))), `seq ${seq}`).toBe(e.pt)
      }
      expect(recipient.seq).toBe(257)
    })

    it('exports every listed value from both sides', () => {
      const { context: sender } = setupBaseSenderWithEphemeral(
        deriveHpkeKeyPair(fromHex(v.ikmE)),
        fromHex(v.pkRm),
        info,
        { aead },
      )
      const recipient = setupBaseRecipient(fromHex(v.enc), fromHex(v.skRm), info, { aead })
      expect(v.exports.length).toBe(3)
      for (const x of v.exports) {
        expect(toHex(sender.export(fromHex(x.exporter_context), x.L))).toBe(x.exported_value)
        expect(toHex(recipient.export(fromHex(x.exporter_context), x.L))).toBe(x.exported_value)
      }
    })

    it('opens the first vector ciphertext with single-shot openBase', () => {
      const e = v.encryptions[0]!
      expect(
        toHex(
          openBase(fromHex(v.skRm), fromHex(v.enc), info, fromHex(e.aad), fromHex(e.ct), { aead }),
        ),
      ).toBe(e.pt)
    })
  },
)

describe('sealBase / openBase', () => {
  it('round-trips any message, info and aad with either AEAD', () => {
    const r = generateHpkeKeyPair()
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.constantFrom(HPKE_AEAD.AES_128_GCM, HPKE_AEAD.CHACHA20_POLY1305),
        (pt, info, aad, aead) => {
          const { enc, ciphertext } = sealBase(r.publicKey, info, aad, pt, { aead })
          expect(ciphertext.length).toBe(pt.length + 16)
          expect(toHex(openBase(r.secretKey, enc, info, aad, ciphertext, { aead }))).toBe(toHex(pt))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('uses a fresh ephemeral key each time, and ChaCha20-Poly1305 by default', () => {
    const r = generateHpkeKeyPair()
    const pt = utf8Encode('{"euSize":42}')
    const a = sealBase(r.publicKey, new Uint8Array(0), new Uint8Array(0), pt)
    const b = sealBase(r.publicKey, new Uint8Array(0), new Uint8Array(0), pt)
    expect(toHex(a.enc)).not.toBe(toHex(b.enc))
    expect(toHex(a.ciphertext)).not.toBe(toHex(b.ciphertext))
    const e = new Uint8Array(0)
    expect(() =>
      openBase(r.secretKey, a.enc, e, e, a.ciphertext, { aead: HPKE_AEAD.AES_128_GCM }),
    ).toThrow(AeadAuthError)
    expect(
      openBase(r.secretKey, a.enc, e, e, a.ciphertext, { aead: HPKE_AEAD.CHACHA20_POLY1305 }),
    ).toEqual(pt)
  })

  it('refuses the wrong recipient key, info, aad, enc or a flipped ciphertext bit', () => {
    const r = generateHpkeKeyPair()
    const info = utf8Encode('sealpost envelope v1')
    const aad = utf8Encode('partner=stridewear')
    const { enc, ciphertext } = sealBase(r.publicKey, info, aad, utf8Encode('hello'))
    const open =
      (sk: Uint8Array, en: Uint8Array, i: Uint8Array, a: Uint8Array, ct: Uint8Array) => () =>
        openBase(sk, en, i, a, ct)
    expect(open(generateHpkeKeyPair().secretKey, enc, info, aad, ciphertext)).toThrow(AeadAuthError)
    expect(open(r.secretKey, enc, utf8Encode('other'), aad, ciphertext)).toThrow(AeadAuthError)
    expect(open(r.secretKey, enc, info, utf8Encode('partner=other'), ciphertext)).toThrow(
      AeadAuthError,
    )
    expect(open(r.secretKey, generateHpkeKeyPair().publicKey, info, aad, ciphertext)).toThrow(
      AeadAuthError,
    )
    for (let i = 0; i < ciphertext.length; i++) {
      const bad = ciphertext.slice()
      bad[i]! ^= 0x80
      expect(open(r.secretKey, enc, info, aad, bad)).toThrow(AeadAuthError)
    }
    expect(open(r.secretKey, enc, info, aad, ciphertext.subarray(0, 15))).toThrow(AeadAuthError)
  })

  it('refuses a low-order recipient key or enc with InvalidPublicKeyError (RFC 9180 §7.1.4)', () => {
    const lowOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ]
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    for (const pk of lowOrder) {
      expect(() => sealBase(fromHex(pk), e, e, e)).toThrow(InvalidPublicKeyError)
      expect(() => openBase(r.secretKey, fromHex(pk), e, e, new Uint8Array(16))).toThrow(
        InvalidPublicKeyError,
      )
    }
  })

  it('names bad arguments', () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    expect(() => sealBase(r.publicKey.subarray(1), e, e, e)).toThrow(
      /recipientPublicKey must be 32 bytes/,
    )
    expect(() => sealBase(r.publicKey, 'info' as unknown as Uint8Array, e, e)).toThrow(
      /info must be a Uint8Array/,
    )
    expect(() => openBase(r.secretKey, new Uint8Array(31), e, e, e)).toThrow(/enc must be 32 bytes/)
    expect(() => sealBase(r.publicKey, e, e, e, { aead: 2 as HpkeAeadId })).toThrow(RangeError)
    expect(() => deriveHpkeKeyPair(new Uint8Array(16))).toThrow(/ikm must be at least 32 bytes/)
  })
})

describe('contexts', () => {
  it('keep the sequence number after a failed open, so the next genuine message still opens', () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    const { enc, context: s } = setupBaseSender(r.publicKey, e)
    const c0 = s.seal(e, utf8Encode('zero'))
    const c1 = s.seal(e, utf8Encode('one'))
    const rc = setupBaseRecipient(enc, r.secretKey, e)
    expect(() => rc.open(e, c1)).toThrow(AeadAuthError) // out of order
    expect(rc.seq).toBe(0)
    expect(rc.open(e, c0)).toEqual(utf8Encode('zero'))
    expect(rc.open(e, c1)).toEqual(utf8Encode('one'))
  })

  it('refuse use after dispose, including through `using`', () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    const { context } = setupBaseSender(r.publicKey, e)
    {
      using c = context
      expect(c.alive).toBe(true)
    }
    expect(context.alive).toBe(false)
    expect(() => context.seal(e, e)).toThrow(HpkeContextError)
    expect(() => context.export(e, 32)).toThrow(HpkeContextError)
    context.dispose() // idempotent
  })

  it('bound export lengths by 255 × Nh', () => {
    const r = generateHpkeKeyPair()
    const e = new Uint8Array(0)
    const { context } = setupBaseSender(r.publicKey, e)
    expect(context.export(e, 8160).length).toBe(8160)
    expect(context.export(e, 0).length).toBe(0)
    expect(() => context.export(e, 8161)).toThrow(RangeError)
  })
})
