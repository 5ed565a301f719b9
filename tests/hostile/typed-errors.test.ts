/**
 * Hostile class: inputs that used to end in a stack trace instead of a named refusal — a window
 * past the date range (`P300000Y`), a deeply nested JSON asset or manifest, a lone surrogate in a
 * manifest — and the CLI's last resort: anything unforeseen is still one line, with no stack
 * unless SEALPOST_DEBUG=1.
 */
import { describe, expect, it } from 'vitest'
import { buildBundle, readBundle, verifyBundle } from '../../runtime/bundle/index.ts'
import { parseDuration, parseManifest, windowStart } from '../../runtime/manifest/index.ts'
import { main } from '../../runtime/cli/main.ts'
import { code, keyOf, manifest, storeTrusting } from '../bundle/_helpers.ts'
import { signUnchecked } from './_sign.ts'

const deepJson = (n: number): string => '['.repeat(n) + ']'.repeat(n)

describe('manifest windows stay inside the dates a clock can hold', () => {
  it('refuses P300000Y at build with the field and the limit', () => {
    const m = manifest({
      reads: [{ collection: 'activities', fields: ['startedAt'], window: 'P300000Y' }],
    })
    expect(() => buildBundle({ manifest: m, code }, keyOf('stridewear'))).toThrow(
      expect.objectContaining({
        code: 'SEALPOST_MANIFEST_INVALID',
        message: expect.stringMatching(/^manifest \/reads\/0\/window: .* at most 1000 years/),
      }),
    )
  })

  it('refuses it at install when a build tool let it through', () => {
    const m = manifest({
      reads: [{ collection: 'activities', fields: ['startedAt'], window: 'P300000Y' }],
    })
    const bytes = signUnchecked(m, code, keyOf('stridewear'))
    expect(() => verifyBundle(readBundle(bytes), storeTrusting('stridewear'))).toThrow(
      expect.objectContaining({ code: 'SEALPOST_MANIFEST_INVALID' }),
    )
  })

  it('accepts 1000 years and computes a real start; refuses one day more', () => {
    expect(parseDuration('P1000Y')).toBeDefined()
    expect(Number.isFinite(windowStart('P1000Y', Date.UTC(2026, 0, 1)))).toBe(true)
    expect(parseDuration('P1000Y1D')).toBeUndefined()
    expect(parseDuration('P300000Y')).toBeUndefined()
    expect(() => windowStart('P300000Y', 0)).toThrow(RangeError)
  })
})

describe('deeply nested JSON is refused by name', () => {
  const withAsset = manifest({ assets: ['shops.json'] })

  it('an asset at build', () => {
    const assets = { 'shops.json': new TextEncoder().encode(deepJson(100_000)) }
    expect(() => buildBundle({ manifest: withAsset, code, assets }, keyOf('stridewear'))).toThrow(
      expect.objectContaining({
        code: 'SEALPOST_BUNDLE_MALFORMED',
        message: 'malformed bundle: asset shops.json nests deeper than 64 levels',
      }),
    )
  })

  it('an asset at install', () => {
    const bytes = signUnchecked(withAsset, code, keyOf('stridewear'), {
      'shops.json': deepJson(100_000),
    })
    expect(() => verifyBundle(readBundle(bytes), storeTrusting('stridewear'))).toThrow(
      expect.objectContaining({
        code: 'SEALPOST_BUNDLE_MALFORMED',
        message: 'malformed bundle: asset shops.json nests deeper than 64 levels',
      }),
    )
  })

  it('an asset of ordinary depth still installs', () => {
    const bytes = signUnchecked(withAsset, code, keyOf('stridewear'), {
      'shops.json': JSON.stringify([{ id: 'a', at: [48.8, 2.3] }]),
    })
    const v = verifyBundle(readBundle(bytes), storeTrusting('stridewear'))
    expect(v.assets['shops.json']).toEqual([{ id: 'a', at: [48.8, 2.3] }])
  })

  it('a manifest output schema nested past the bound', () => {
    let schema: Record<string, unknown> = { type: 'boolean' }
    for (let i = 0; i < 200; i++) schema = { type: 'array', maxItems: 1, items: schema }
    expect(() => parseManifest(manifest({ output: schema }))).toThrow(
      expect.objectContaining({ code: 'SEALPOST_MANIFEST_INVALID' }),
    )
  })
})

describe('lone surrogates in a manifest', () => {
  it('are refused at build, not thrown by the canonicaliser', () => {
    expect(() =>
      buildBundle({ manifest: manifest({ purpose: 'Shoes \ud800' }), code }, keyOf('stridewear')),
    ).toThrow(
      expect.objectContaining({
        code: 'SEALPOST_MANIFEST_INVALID',
        message: 'manifest /purpose: holds a lone surrogate',
      }),
    )
  })
})

describe('the CLI never prints a stack trace', () => {
  async function run(argv: string[], env: Record<string, string> = {}) {
    const err: string[] = []
    const out: string[] = []
    const code = await main(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { SEALPOST_PASSPHRASE: 'correct horse battery', ...env },
    })
    return { code, err, out }
  }

  it('prints a path the system refuses as one line with its code, exit 1 (not a bug)', async () => {
    const r = await run(['vault', 'init', '/dev/null/vault'])
    expect(r.code).toBe(1)
    expect(r.err).toEqual(["sealpost: ENOTDIR: not a directory, mkdir '/dev/null/vault' [ENOTDIR]"])
  })

  it('escapes what the failure quotes, so it cannot forge a line', async () => {
    const r = await run(['vault', 'init', '/dev/null/a\nsealpost: installed [OK]\u001b[2J'])
    expect(r.err).toHaveLength(1)
    expect(r.err[0]).toContain('a\\u000asealpost: installed [OK]\\u001b[2J')
  })

  it('shows the stack only with SEALPOST_DEBUG=1', async () => {
    const r = await run(['vault', 'init', '/dev/null/vault'], { SEALPOST_DEBUG: '1' })
    expect(r.code).toBe(1)
    expect(r.err.join('\n')).toMatch(/\n\s+at /)
  })
})
