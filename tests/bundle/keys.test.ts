import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sha256 } from '@noble/hashes/sha2.js'
import {
  PartnerKey,
  TrustStore,
  compareSemver,
  generatePartnerKey,
  keyIdOf,
  parsePartnerKey,
  parsePublicKey,
  publicKeyFile,
} from '../../runtime/bundle/index.ts'
import { fromHex, toHex } from '../../runtime/crypto/bytes.ts'
import { verifyEd25519 } from '../../runtime/bundle/_ed25519.ts'

// RFC 8032 §7.1 TEST 1: secret key and its public key.
const RFC8032_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
const RFC8032_SIG =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'

describe('partner keys', () => {
  it('derives the key id as the first 16 hex of SHA-256 of the Ed25519 public key', () => {
    const key = new PartnerKey('stridewear', fromHex(RFC8032_SECRET), new Uint8Array(32).fill(7))
    expect(toHex(key.publicKey.signingPublic)).toBe(RFC8032_PUBLIC)
    expect(key.keyId).toBe(toHex(sha256(fromHex(RFC8032_PUBLIC))).slice(0, 16))
    expect(keyIdOf(fromHex(RFC8032_PUBLIC))).toBe(key.keyId)
    expect(toHex(key.sign(new Uint8Array(0)))).toBe(RFC8032_SIG)
  })

  it('round-trips ID.key and ID.pub files', () => {
    const key = generatePartnerKey('brewco')
    const again = parsePartnerKey(key.toKeyFile())
    expect(again.keyId).toBe(key.keyId)
    expect(toHex(again.sealingSecret())).toBe(toHex(key.sealingSecret()))
    const pub = parsePublicKey(publicKeyFile(key.publicKey))
    expect(pub).toEqual(key.publicKey)
    const msg = new TextEncoder().encode('hello')
    expect(verifyEd25519(again.sign(msg), msg, pub.signingPublic)).toBe(true)
    expect(publicKeyFile(pub)).not.toMatch(/Secret/)
  })

  it('refuses key files whose id does not match, or that are malformed', () => {
    const key = generatePartnerKey('brewco')
    const file = JSON.parse(key.toKeyFile()) as Record<string, string>
    const bad = (o: object): string => JSON.stringify(o)
    expect(() => parsePartnerKey(bad({ ...file, keyId: '0'.repeat(16) }))).toThrow(
      /keyId does not match/,
    )
    expect(() => parsePartnerKey(bad({ ...file, partnerId: 'Brew Co' }))).toThrow(/partnerId/)
    expect(() => parsePartnerKey(bad({ ...file, signingSecret: 'ab' }))).toThrow(/64 lowercase hex/)
    expect(() => parsePartnerKey('not json')).toThrow(
      expect.objectContaining({ code: 'SEALPOST_KEY_INVALID' }),
    )
    const pub = JSON.parse(publicKeyFile(key.publicKey)) as Record<string, string>
    expect(() => parsePublicKey(bad({ ...pub, keyId: 'ffffffffffffffff' }))).toThrow(/keyId/)
    expect(() => parsePublicKey(key.toKeyFile())).toThrow(
      /ID.pub is a secret key \(.key\); give the public key file \(ID.pub\) instead/,
    )
    expect(() => parsePartnerKey(publicKeyFile(key.publicKey), 'keys/x.key')).toThrow(
      /keys\/x.key is a public key \(.pub\)/,
    )
  })

  it('wipes secrets on dispose and refuses use afterwards', () => {
    const key = generatePartnerKey('brewco')
    {
      using k = key
      expect(k.alive).toBe(true)
    }
    expect(key.alive).toBe(false)
    expect(() => key.sign(new Uint8Array(1))).toThrow(/after dispose/)
    expect(() => key.toKeyFile()).toThrow(/after dispose/)
  })

  it('refuses a bad partner id with a TypeError', () => {
    expect(() => generatePartnerKey('Stride Wear')).toThrow(TypeError)
  })
})

describe('trust store', () => {
  it('adds, looks up, revokes and persists', () => {
    const a = generatePartnerKey('stridewear')
    const b = generatePartnerKey('brewco')
    const store = new TrustStore()
    store.add(a.publicKey, 1000)
    store.add(b.publicKey, 2000)
    store.add(a.publicKey, 3000) // idempotent
    expect(store.keys().map((k) => k.key.partnerId)).toEqual(['stridewear', 'brewco'])
    expect(store.revoke(b.keyId, 4000)).toBe(true)
    expect(store.revoke('0123456789abcdef')).toBe(false)
    const restored = TrustStore.fromJSON(JSON.parse(JSON.stringify(store.toJSON())))
    expect(restored.lookup(a.keyId)).toEqual({ key: a.publicKey, addedAt: 1000 })
    expect(restored.lookup(b.keyId)?.revokedAt).toBe(4000)
    expect(restored.toJSON()).toEqual(store.toJSON())
  })

  it('refuses a persisted key that does not match its id', () => {
    const a = generatePartnerKey('stridewear')
    const store = new TrustStore()
    store.add(a.publicKey)
    const json = store.toJSON()
    const tampered = { ...json, keys: [{ ...json.keys[0]!, keyId: '0123456789abcdef' }] }
    expect(() => TrustStore.fromJSON(tampered)).toThrow(/does not match/)
    expect(() => TrustStore.fromJSON({ format: 2 })).toThrow(/format 1/)
  })
})

describe('semantic version precedence', () => {
  it('orders the semver.org §11 example chain', () => {
    const chain = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
      '10.0.0',
    ]
    for (let i = 0; i + 1 < chain.length; i++) {
      expect(compareSemver(chain[i]!, chain[i + 1]!), `${chain[i]} < ${chain[i + 1]}`).toBe(-1)
      expect(compareSemver(chain[i + 1]!, chain[i]!)).toBe(1)
    }
    expect(compareSemver('1.0.0+build.1', '1.0.0+build.2')).toBe(0)
    expect(() => compareSemver('1.0', '1.0.0')).toThrow(RangeError)
  })

  it('is a total order consistent with numeric triples (property)', () => {
    const v = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20))
    fc.assert(
      fc.property(v, v, (a, b) => {
        const expected = Math.sign(a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
        expect(compareSemver(a.join('.'), b.join('.'))).toBe(expected)
      }),
    )
  })
})
