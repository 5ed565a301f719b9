import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { capturingCli, partnerFolder } from '../_helpers/partner_cli.ts'

// The demo command pulls in the whole demo story; these tests are about the bundle commands only.
vi.mock('../../runtime/cli/commands/demo.ts', () => ({
  demoCommand: { name: ['demo'], usage: 'demo', summary: 'demo', run: async () => 0 },
}))
const { main } = await import('../../runtime/cli/main.ts')

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))

const cli = capturingCli(main)

let dir = ''
let key = ''
let pub = ''
let bundle = ''

beforeAll(async () => {
  ;({ dir, key, pub } = await partnerFolder(cli, 'cli', 'stridewear'))
  bundle = join(dir, 'weekly-runs.bundle')
  const b = await cli(
    'bundle',
    'build',
    join(fixtures, 'weekly-runs'),
    '--key',
    key,
    '--out',
    bundle,
  )
  expect(b.err).toBe('')
  expect(b.code).toBe(0)
})

describe('sealpost keygen', () => {
  it('writes a 0600 secret key and a public key with the same key id', async () => {
    expect((await stat(key)).mode & 0o777).toBe(0o600)
    const secret = JSON.parse(await readFile(key, 'utf8')) as Record<string, string>
    const pubFile = JSON.parse(await readFile(pub, 'utf8')) as Record<string, string>
    expect(pubFile['keyId']).toBe(secret['keyId'])
    expect(pubFile['partnerId']).toBe('stridewear')
    expect(JSON.stringify(pubFile)).not.toContain(secret['signingSecret']!)
  })

  it('refuses to overwrite an existing secret key', async () => {
    const r = await cli('keygen', '--partner', 'stridewear', '--out', join(dir, 'keys'))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/already exists/)
  })

  it('exits 2 on wrong usage', async () => {
    expect((await cli('keygen', '--out', dir)).code).toBe(2)
    expect((await cli('keygen', '--partner', 'Stride Wear', '--out', dir)).code).toBe(2)
    expect((await cli('keygen', '--partner', 'x', '--out', dir, '--force')).err).toMatch(
      /unknown option --force/,
    )
  })
})

describe('sealpost bundle build', () => {
  it('bundles the entry and its local imports into one ES module', async () => {
    const r = await cli('bundle', 'verify', bundle, '--trust', pub)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^ok: com\.stridewear\.weekly-runs 1\.0\.0 \(quickjs, private\)/)
    expect(r.out).toMatch(/signature verified against/)
    const { readBundle, verifyBundle, TrustStore, parsePublicKey } =
      await import('../../runtime/bundle/index.ts')
    const store = new TrustStore()
    store.add(parsePublicKey(await readFile(pub, 'utf8')))
    const v = verifyBundle(readBundle(new Uint8Array(await readFile(bundle))), store)
    expect(v.code).toContain('function levelFor')
    expect(v.code).not.toMatch(/\bimport\b/)
    expect(v.code).toMatch(/export\s*\{\s*analyze\s*\}/)
    expect(v.assets).toEqual({ 'levels.json': { starter: 1, regular: 3, keen: 5 } })
  })

  it('refuses a bare import', async () => {
    const r = await cli(
      'bundle',
      'build',
      join(fixtures, 'bare-import'),
      '--key',
      key,
      '--out',
      join(dir, 'x'),
    )
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/bare import 'node:fs' refused/)
  })

  it('refuses an unbounded private output, naming the field', async () => {
    const r = await cli(
      'bundle',
      'build',
      join(fixtures, 'unbounded'),
      '--key',
      key,
      '--out',
      join(dir, 'x'),
    )
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/output field note has no finite bit bound.*SEALPOST_OUTPUT_UNBOUNDED/)
  })

  it('refuses a key for another partner', async () => {
    await cli('keygen', '--partner', 'brewco', '--out', join(dir, 'keys'))
    const other = join(dir, 'keys', 'brewco.key')
    const r = await cli(
      'bundle',
      'build',
      join(fixtures, 'weekly-runs'),
      '--key',
      other,
      '--out',
      join(dir, 'x'),
    )
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/SEALPOST_WRONG_KEY/)
  })

  it(
    'compiles AssemblyScript to a bare wasm module, no JS glue',
    { timeout: 180_000 },
    async () => {
      const out = join(dir, 'step-goal.bundle')
      const r = await cli(
        'bundle',
        'build',
        join(fixtures, 'step-goal-wasm'),
        '--key',
        key,
        '--out',
        out,
      )
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
      const { readBundle, inspectBundle } = await import('../../runtime/bundle/index.ts')
      const v = inspectBundle(readBundle(new Uint8Array(await readFile(out))))
      expect(v.code).toBeInstanceOf(Uint8Array)
      const mod = await WebAssembly.compile(new Uint8Array(v.code as Uint8Array))
      // The engine's ABI: analyze + output_len exported, memory imported, only env/sealpost imports.
      expect(WebAssembly.Module.exports(mod).map((e) => e.name)).toEqual(
        expect.arrayContaining(['analyze', 'output_len']),
      )
      expect(
        WebAssembly.Module.imports(mod).every((i) => i.module === 'env' || i.module === 'sealpost'),
      ).toBe(true)
      expect(WebAssembly.Module.imports(mod)).toContainEqual({
        module: 'env',
        name: 'memory',
        kind: 'memory',
      })
    },
  )
})

describe('sealpost bundle verify', () => {
  it('without --trust, checks the signature against the carried key and says so', async () => {
    const r = await cli('bundle', 'verify', bundle)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/not checked against a trusted key/)
  })

  it('refuses a bundle signed by a key other than the trusted one', async () => {
    const r = await cli('bundle', 'verify', bundle, '--trust', join(dir, 'keys', 'brewco.pub'))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/SEALPOST_UNTRUSTED_KEY/)
  })

  it('refuses a tampered file and a missing one', async () => {
    const bytes = new Uint8Array(await readFile(bundle))
    bytes[bytes.length - 5]! ^= 1
    const bad = join(dir, 'tampered.bundle')
    await writeFile(bad, bytes)
    const r = await cli('bundle', 'verify', bad, '--trust', pub)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/SEALPOST_BAD_SIGNATURE/)
    expect((await cli('bundle', 'verify', join(dir, 'nope.bundle'))).code).toBe(2)
  })
})

describe('sealpost audit', () => {
  it('shows signer, reads, every output field with its bits, noise and terms', async () => {
    const r = await cli('audit', bundle)
    expect(r.code).toBe(0)
    const text = r.out
    expect(text).toMatch(/^com\.stridewear\.weekly-runs 1\.0\.0 {2}\(private\)/)
    expect(text).toMatch(/StrideWear \(stridewear\), key [0-9a-f]{16}/)
    expect(text).toMatch(/activities: startedAt, sport \(last P90D\)/)
    // 0..14 → log2 15; enum of 3 → log2 3; optional boolean → 2; total
    const total = Math.log2(15) + Math.log2(3) + 2
    expect(text).toContain(`${total.toFixed(2)} bits per run`)
    expect(text).toMatch(/runsPerWeek\s+3\.91 bits/)
    expect(text).toMatch(/longRun\s+2\.00 bits {2}boolean; \+1 optional/)
    expect(text).toMatch(/level: randomized-response, ε = 2/)
    expect(text).toMatch(/schedule\s+every P1W/)
    expect(text).toMatch(/retention\s+30 days/)
    expect(text).toMatch(/limits\s+deadlineMs 500/)
  })

  it('prints stable JSON with --json', async () => {
    const r = await cli('audit', bundle, '--json')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out) as Record<string, unknown> & { output: { bitsPerRun: number } }
    expect(Object.keys(j)).toEqual([
      'format',
      'id',
      'version',
      'signed',
      'signer',
      'digest',
      'engine',
      'entry',
      'codeBytes',
      'bundleBytes',
      'expiresAt',
      'mode',
      'purpose',
      'offer',
      'reads',
      'output',
      'schedule',
      'personalization',
      'retentionDays',
      'limits',
      'assets',
    ])
    expect(j['digest']).toMatch(/^[0-9a-f]{64}$/)
    expect(j.output.bitsPerRun).toBeCloseTo(Math.log2(15) + Math.log2(3) + 2, 3)
    expect(j['bundleBytes']).toBe((await stat(bundle)).size)
  })

  it('with --against, lists widened reads and outputs and asks for fresh consent', async () => {
    const m = JSON.parse(
      await readFile(join(fixtures, 'weekly-runs', 'manifest.json'), 'utf8'),
    ) as Record<string, any>
    m['version'] = '1.1.0'
    m['reads'][0].fields.push('durationSec')
    m['reads'][0].window = 'P1Y'
    m['output'].properties.runsPerWeek.maximum = 30
    const newer = join(dir, 'manifest-1.1.0.json')
    await writeFile(newer, JSON.stringify(m))
    const r = await cli('audit', newer, '--against', bundle, '--json')
    expect(r.code).toBe(0)
    const a = (
      JSON.parse(r.out) as {
        against: { renewConsent: boolean; widened: { path: string; what: string }[] }
      }
    ).against
    expect(a.renewConsent).toBe(true)
    expect(a.widened.map((c) => `${c.path}: ${c.what}`)).toEqual([
      'activities.durationSec: new field',
      'activities: longer window',
      'runsPerWeek: more bits',
      '(total per run): higher bit bound',
    ])
    const human = await cli('audit', newer, '--against', bundle)
    expect(human.out).toMatch(/UNSIGNED manifest/)
    expect(human.out).toMatch(/consent must be renewed/)
  })

  it('keeps consent when a new version only narrows', async () => {
    const m = JSON.parse(
      await readFile(join(fixtures, 'weekly-runs', 'manifest.json'), 'utf8'),
    ) as Record<string, any>
    m['version'] = '1.0.1'
    m['reads'][0].window = 'P30D'
    m['purpose'] = 'Suggest a training plan for you'
    const newer = join(dir, 'manifest-1.0.1.json')
    await writeFile(newer, JSON.stringify(m))
    const r = await cli('audit', newer, '--against', bundle)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/- narrowed {2}reads activities: shorter window: P90D → P30D/)
    expect(r.out).toMatch(/~ changed {3}contract purpose/)
    expect(r.out).toMatch(/existing consent still covers this version/)
  })

  it('exits 2 without a file and 1 on a file that is neither bundle nor manifest', async () => {
    expect((await cli('audit')).code).toBe(2)
    const junk = join(dir, 'junk.txt')
    await writeFile(junk, 'hello')
    expect((await cli('audit', junk)).code).toBe(1)
  })
})
