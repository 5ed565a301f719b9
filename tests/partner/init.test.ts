/**
 * `sealpost init`: a new partner's first folder passes `bundle test` at once, builds and verifies,
 * for both engines; key-file mistakes name the file and the fix.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { capturingCli, partnerFolder } from '../_helpers/partner_cli.ts'

vi.mock('../../runtime/cli/commands/demo.ts', () => ({
  demoCommand: { name: ['demo'], usage: 'demo', summary: 'demo', run: async () => 0 },
}))
const { main } = await import('../../runtime/cli/main.ts')

const cli = capturingCli(main)

let tmp = ''
let key = ''
let pub = ''
beforeAll(async () => {
  ;({ dir: tmp, key, pub } = await partnerFolder(cli, 'init', 'freshmart'))
})

describe('sealpost init', () => {
  for (const [engine, collection, entry] of [
    ['quickjs', 'purchases', 'index.js'],
    ['wasm', 'transactions', 'assembly/index.ts'],
  ] as const) {
    it(`makes a ${engine} folder that passes bundle test, builds and verifies`, async () => {
      const dir = join(tmp, `organic-share-${engine}`)
      const made = await cli(
        'init',
        dir,
        '--partner',
        'freshmart',
        '--name',
        'FreshMart',
        '--engine',
        engine,
        '--collection',
        collection,
      )
      expect(made.err).toBe('')
      expect(made.code).toBe(0)
      expect(made.out).toContain(`created com.freshmart.organic-share-${engine} (${engine})`)
      const files = [
        ...(await readdir(dir)),
        ...(await readdir(join(dir, 'fixtures'))).map((f) => `fixtures/${f}`),
      ]
      expect(files).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'README.md',
          'fixtures/none.json',
          'fixtures/a-few.json',
        ]),
      )
      expect(await readFile(join(dir, entry), 'utf8')).toContain('sealpost/guest')
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))
      expect(manifest.reads[0].collection).toBe(collection)
      expect(manifest.output.properties.recordsBand.description).toMatch(/last 90 days/)
      expect(
        (await readFile(join(dir, 'README.md'), 'utf8')).trim().split('\n').length,
      ).toBeLessThanOrEqual(7)

      const tested = await cli('bundle', 'test', dir, '--scale', '0.1', '--now', '2026-06-01')
      expect(tested.err).toBe('')
      expect(tested.out).toMatch(/^fixtures {3}2 of 2 pass$/m)
      expect(tested.out).toMatch(/^output {5}\{"recordsBand":"(none|1-9|10-99|100\+)"\}$/m)
      expect(tested.code).toBe(0)

      const out = join(tmp, `${engine}.bundle`)
      expect((await cli('bundle', 'build', dir, '--key', key, '--out', out)).code).toBe(0)
      const verified = await cli('bundle', 'verify', out, '--trust', pub)
      expect(verified.out).toMatch(
        new RegExp(
          `^ok: com\\.freshmart\\.organic-share-${engine} 0\\.1\\.0 \\(${engine}, private\\)`,
        ),
      )
    }, 600_000)
  }

  it('refuses a folder that is not empty, an unknown collection, and bad usage', async () => {
    const dir = join(tmp, 'taken')
    expect((await cli('init', dir, '--partner', 'freshmart', '--name', 'FreshMart')).code).toBe(0)
    const again = await cli('init', dir, '--partner', 'freshmart', '--name', 'FreshMart')
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/is not empty; init writes only into a new or empty folder/)
    const typo = await cli(
      'init',
      join(tmp, 'q'),
      '--partner',
      'freshmart',
      '--name',
      'F',
      '--collection',
      'purchase',
    )
    expect(typo.code).toBe(2)
    expect(typo.err).toMatch(/no collection named 'purchase' \(did you mean 'purchases'\?\)/)
    expect((await cli('init', join(tmp, 'r'), '--name', 'F')).code).toBe(2)
    expect((await cli('init', join(tmp, 's'), '--partner', 'Fresh Mart', '--name', 'F')).code).toBe(
      2,
    )
  })
})

describe('key-file errors a partner can act on', () => {
  it('says a .pub was given where the .key is needed, naming the file', async () => {
    const r = await cli(
      'bundle',
      'build',
      join(tmp, 'taken'),
      '--key',
      pub,
      '--out',
      join(tmp, 'x.bundle'),
    )
    expect(r.code).toBe(1)
    expect(r.err).toBe(
      `sealpost: key file: ${pub} is a public key (.pub); signing and opening need the secret key file (ID.key) that keygen wrote beside it [SEALPOST_KEY_INVALID]`,
    )
  })

  it('says a .key was given where the .pub is needed', async () => {
    const out = join(tmp, 'taken.bundle')
    expect(
      (await cli('bundle', 'build', join(tmp, 'taken'), '--key', key, '--out', out)).code,
    ).toBe(0)
    const r = await cli('bundle', 'verify', out, '--trust', key)
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      `${key} is a secret key (.key); give the public key file (ID.pub) instead`,
    )
  })

  it('names a missing or broken key file', async () => {
    const missing = join(tmp, 'keys', 'nobody.key')
    const r = await cli(
      'bundle',
      'build',
      join(tmp, 'taken'),
      '--key',
      missing,
      '--out',
      join(tmp, 'y.bundle'),
    )
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      new RegExp(
        `key file: cannot read ${missing.replace(/[.]/g, '\\.')} \\(make a key pair with: sealpost keygen`,
      ),
    )
    const broken = join(tmp, 'keys', 'broken.key')
    await writeFile(broken, '{"type":"sealpost-partner-key","version":1,"partnerId":"freshmart"}')
    const b = await cli(
      'bundle',
      'build',
      join(tmp, 'taken'),
      '--key',
      broken,
      '--out',
      join(tmp, 'z.bundle'),
    )
    expect(b.err).toMatch(
      new RegExp(
        `^sealpost: key file: ${broken.replace(/[.]/g, '\\.')} field signingSecret must be 64 lowercase hex digits`,
      ),
    )
  })
})
