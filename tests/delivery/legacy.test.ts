/**
 * Envelopes and HPKE messages sealed by the hand-written HPKE sealpost shipped first
 * (`_legacy_envelopes.json`, made once at that commit) keep opening: changing the HPKE library must
 * not change one byte of the wire format.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import { canonicalBytes } from '../../runtime/crypto/jcs.ts'
import { hpkePublicKey, openBase, type HpkeAeadId } from '../../runtime/crypto/hpke.ts'
import {
  envelopeBucket,
  openEnvelope,
  openEnvelopePlaintext,
  type EnvelopePayload,
  type SealedEnvelope,
} from '../../runtime/delivery/index.ts'

interface LegacyFile {
  readonly partnerSecretKey: string
  readonly partnerPublicKey: string
  readonly envelopes: readonly { envelope: SealedEnvelope; payload: EnvelopePayload }[]
  readonly sealBase: readonly {
    aead: number
    info: string
    aad: string
    pt: string
    enc: string
    ct: string
  }[]
}

const legacy = JSON.parse(
  readFileSync(new URL('./_legacy_envelopes.json', import.meta.url), 'utf8'),
) as LegacyFile
const secretKey = fromHex(legacy.partnerSecretKey)

describe('envelopes sealed by the first HPKE implementation', () => {
  it('holds envelopes of every kind and raw messages of both AEADs', () => {
    expect(legacy.envelopes.map((e) => e.payload.kind)).toEqual([
      'output',
      'share',
      'deletion-request',
    ])
    expect(legacy.sealBase.map((m) => m.aead)).toEqual([3, 3, 1, 1])
    expect(toHex(hpkePublicKey(secretKey))).toBe(legacy.partnerPublicKey)
  })

  it.each(legacy.envelopes.map((e) => [e.payload.kind, e] as const))(
    'opens the %s envelope to its canonical payload',
    async (_, { envelope, payload }) => {
      const plain = await openEnvelopePlaintext(envelope, secretKey)
      expect(toHex(plain)).toBe(toHex(canonicalBytes(payload)))
      expect(await openEnvelope(envelope, secretKey)).toEqual(JSON.parse(JSON.stringify(payload)))
      expect(envelopeBucket(envelope)).toBeGreaterThanOrEqual(plain.length)
    },
  )

  it.each(legacy.sealBase.map((m, i) => [i, m.aead, m] as const))(
    'opens raw message %i (AEAD %i) with openBase',
    async (_, aead, m) => {
      const pt = await openBase(
        secretKey,
        fromHex(m.enc),
        fromHex(m.info),
        fromHex(m.aad),
        fromHex(m.ct),
        { aead: aead as HpkeAeadId },
      )
      expect(toHex(pt)).toBe(m.pt)
    },
  )
})
