import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  BUNDLE_MAGIC,
  DEFAULT_BUNDLE_LIMITS,
  buildBundle,
  inspectBundle,
  maxBundleBytes,
  readBundle,
  verifyBundle,
  writeBundle,
} from '../../runtime/bundle/index.ts'
import { canonicalize } from '../../runtime/crypto/jcs.ts'
import { code, keyOf, manifest, storeTrusting } from './_helpers.ts'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const refusedWith = (fn: () => unknown): string => {
  try {
    fn()
  } catch (e) {
    return (e as { code?: string }).code ?? String(e)
  }
  return 'accepted'
}

describe('bundle container', () => {
  const bytes = buildBundle({ manifest: manifest(), code }, keyOf('stridewear'))

  it('starts with the magic and round-trips through read and write', () => {
    expect([...bytes.subarray(0, 8)]).toEqual([...BUNDLE_MAGIC])
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('SPBNDL1\n')
    const parsed = readBundle(bytes)
    expect(writeBundle(parsed)).toEqual(bytes)
    expect(new TextDecoder().decode(parsed.manifestBytes)).toBe(canonicalize(manifest()))
    expect(new TextDecoder().decode(parsed.code)).toBe(code)
  })

  it('verifies to the manifest, code, digest and signer', () => {
    const v = verifyBundle(readBundle(bytes), storeTrusting('stridewear'))
    expect(v.manifest.id).toBe('com.stridewear.weekly-runs')
    expect(v.code).toBe(code)
    expect(v.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(v.keyId).toBe(keyOf('stridewear').keyId)
    expect(v.partnerId).toBe('stridewear')
    expect(v.trusted).toBe(true)
    expect(inspectBundle(readBundle(bytes)).trusted).toBe(false)
  })

  it('gives the same digest for the same contents and a new one for any change', () => {
    const again = buildBundle({ manifest: manifest(), code }, keyOf('stridewear'))
    const store = storeTrusting('stridewear')
    const d = (b: Uint8Array): string => verifyBundle(readBundle(b), store).digest
    expect(d(again)).toBe(d(bytes))
    const changed = buildBundle({ manifest: manifest(), code: code + '\n' }, keyOf('stridewear'))
    expect(d(changed)).not.toBe(d(bytes))
  })

  it('carries JSON assets, sorted by name', () => {
    const m = manifest({ assets: ['zones.json', 'shops.json'] })
    const b = buildBundle(
      { manifest: m, code, assets: { 'zones.json': utf8('[1,2]'), 'shops.json': utf8('{"a":1}') } },
      keyOf('stridewear'),
    )
    const parsed = readBundle(b)
    expect(parsed.assets.map((a) => a.name)).toEqual(['shops.json', 'zones.json'])
    expect(verifyBundle(parsed, storeTrusting('stridewear')).assets).toEqual({
      'shops.json': { a: 1 },
      'zones.json': [1, 2],
    })
  })

  it('refuses at build an asset list that differs from the manifest, or a non-JSON asset', () => {
    const k = keyOf('stridewear')
    expect(
      refusedWith(() => buildBundle({ manifest: manifest({ assets: ['a.json'] }), code }, k)),
    ).toBe('SEALPOST_BUNDLE_MALFORMED')
    expect(
      refusedWith(() =>
        buildBundle(
          { manifest: manifest({ assets: ['a.json'] }), code, assets: { 'a.json': utf8('nope') } },
          k,
        ),
      ),
    ).toBe('SEALPOST_BUNDLE_MALFORMED')
  })

  it('refuses at build an unbounded private output, naming the field', () => {
    const m = manifest({
      output: {
        type: 'object',
        additionalProperties: false,
        properties: { note: { type: 'string' } },
      },
    })
    expect(() => buildBundle({ manifest: m, code }, keyOf('stridewear'))).toThrow(
      /output field note/,
    )
  })

  it('refuses a truncated file at every length', () => {
    for (let n = 0; n < bytes.length; n++) {
      expect(
        refusedWith(() => readBundle(bytes.subarray(0, n))),
        `length ${n}`,
      ).toBe('SEALPOST_BUNDLE_MALFORMED')
    }
  })

  it('refuses trailing bytes', () => {
    const longer = new Uint8Array(bytes.length + 1)
    longer.set(bytes)
    expect(() => readBundle(longer)).toThrow(/trailing bytes/)
  })

  it('refuses a header that declares oversize parts before reading them', () => {
    const headerFor = (h: object): Uint8Array => {
      const json = utf8(JSON.stringify(h))
      const out = new Uint8Array(12 + json.length)
      out.set(BUNDLE_MAGIC)
      new DataView(out.buffer).setUint32(8, json.length)
      out.set(json, 12)
      return out
    }
    const sig = {
      alg: 'ed25519',
      keyId: '0'.repeat(16),
      publicKey: '0'.repeat(64),
      sig: '0'.repeat(128),
    }
    const huge = headerFor({
      format: 1,
      manifest: 10,
      code: 5 * 1024 * 1024,
      assets: [],
      signature: sig,
    })
    expect(() => readBundle(huge)).toThrow(/code and assets are 5242880 bytes/)
    const bigManifest = headerFor({
      format: 1,
      manifest: 65 * 1024,
      code: 0,
      assets: [],
      signature: sig,
    })
    expect(refusedWith(() => readBundle(bigManifest))).toBe('SEALPOST_BUNDLE_TOO_LARGE')
    const many = headerFor({
      format: 1,
      manifest: 1,
      code: 1,
      assets: Array.from({ length: 65 }, (_, i) => ({
        name: `a${String(i).padStart(3, '0')}`,
        length: 1,
      })),
      signature: sig,
    })
    expect(refusedWith(() => readBundle(many))).toBe('SEALPOST_BUNDLE_TOO_LARGE')
    const longHeader = new Uint8Array(12)
    longHeader.set(BUNDLE_MAGIC)
    new DataView(longHeader.buffer).setUint32(8, 0xffffffff)
    expect(refusedWith(() => readBundle(longHeader))).toBe('SEALPOST_BUNDLE_TOO_LARGE')
  })

  it('refuses endless data on the total length alone', () => {
    const endless = new Uint8Array(maxBundleBytes() + 1)
    endless.set(bytes)
    expect(refusedWith(() => readBundle(endless))).toBe('SEALPOST_BUNDLE_TOO_LARGE')
    const small = { ...DEFAULT_BUNDLE_LIMITS, maxPayloadBytes: 64 }
    expect(refusedWith(() => readBundle(bytes, small))).toBe('SEALPOST_BUNDLE_TOO_LARGE')
  })

  it('never crashes on arbitrary bytes after the magic (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const b = new Uint8Array(8 + tail.length)
        b.set(BUNDLE_MAGIC)
        b.set(tail, 8)
        expect(['SEALPOST_BUNDLE_MALFORMED', 'SEALPOST_BUNDLE_TOO_LARGE']).toContain(
          refusedWith(() => readBundle(b)),
        )
      }),
    )
  })
})
