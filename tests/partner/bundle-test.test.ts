/**
 * `sealpost bundle test` as a partner meets it: both engines, fixtures, the clock it shares with
 * `vault generate`, and the errors a partner must be able to act on without reading our source.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { CliIO } from '../../runtime/cli/_command.ts'
import { loadFixtures, runFixture } from '../../runtime/dev/fixtures.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { createSandbox } from '../../sandbox/index.ts'

vi.mock('../../runtime/cli/commands/demo.ts', () => ({
  demoCommand: { name: ['demo'], usage: 'demo', summary: 'demo', run: async () => 0 },
}))
const { main } = await import('../../runtime/cli/main.ts')

const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))
const bundleFixtures = fileURLToPath(new URL('../bundle/fixtures/', import.meta.url))
const NOW = '2026-06-01T12:00:00Z'

async function cli(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string; ms: number }> {
  const out: string[] = []
  const err: string[] = []
  const io: CliIO = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { SEALPOST_PASSPHRASE: 'correct horse battery' },
  }
  const start = performance.now()
  const code = await main(argv, io)
  return { code, out: out.join('\n'), err: err.join('\n'), ms: performance.now() - start }
}

let tmp = ''
/** A copy of a reference folder to edit. */
async function copyOf(name: string, from = algorithms): Promise<string> {
  const dir = join(tmp, `${name}-${Math.random().toString(36).slice(2, 8)}`)
  await cp(join(from, name), dir, { recursive: true })
  return dir
}
async function editJson(path: string, edit: (v: Record<string, unknown>) => void): Promise<void> {
  const v = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  edit(v)
  await writeFile(path, JSON.stringify(v, null, 2))
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sealpost-partner-'))
})

describe('sealpost bundle test', () => {
  it('runs a JavaScript folder: fixtures, output, bits per field, what was read, the contract', async () => {
    const r = await cli(
      'bundle',
      'test',
      join(algorithms, 'favorite-sport'),
      '--scale',
      '0.1',
      '--now',
      NOW,
    )
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^fixtures {3}5 of 5 pass$/m)
    expect(r.out).toMatch(/^ {2}pass {2}runner: mostly running/m)
    expect(r.out).toMatch(/^output {5}\{"favoriteSport":"[a-z]+"\}$/m)
    expect(r.out).toMatch(/^ {2}favoriteSport +3\.17 {2}enum of 9/m)
    expect(r.out).toMatch(
      /^read {7}\d+ rows of activities \(startedAt, sport, durationSec\), 2024-06-01T12:00:00\.000Z → 2026-06-01T12:00:00\.000Z$/m,
    )
    expect(r.out).toContain('What it reads (nothing else is decrypted):')
  })

  it('runs an AssemblyScript folder, compiled the way bundle build compiles it', async () => {
    const r = await cli(
      'bundle',
      'test',
      join(algorithms, 'favorite-sport-wasm'),
      '--scale',
      '0.1',
      '--now',
      NOW,
      '--lang',
      'fr',
    )
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^com\.stridewear\.favorite-sport-wasm 1\.0\.0 \(wasm\)$/m)
    expect(r.out).toMatch(/^fixtures {3}5 of 5 pass$/m)
    expect(r.out).toMatch(/^output {5}\{"favoriteSport":"[a-z]+"\}$/m)
    expect(r.out).toContain('Ce qui est lu (rien d’autre n’est déchiffré) :')
  }, 600_000)

  it('prints a manifest mistake as one line and returns at once (no startup timeout)', async () => {
    const dir = await copyOf('favorite-sport')
    await editJson(join(dir, 'manifest.json'), (m) => {
      ;(m['reads'] as Record<string, unknown>[])[0]!['window'] = '2Y'
    })
    const r = await cli('bundle', 'test', dir)
    expect(r.code).toBe(1)
    expect(r.err).toBe(
      'sealpost: manifest /reads/0/window: must be an ISO 8601 duration such as P3Y or P30D [SEALPOST_MANIFEST_INVALID]',
    )
  })

  it('names a misspelt collection or field in the manifest with the closest one', async () => {
    const dir = await copyOf('favorite-sport')
    await editJson(join(dir, 'manifest.json'), (m) => {
      ;(m['reads'] as Record<string, unknown>[])[0]!['fields'] = ['startedAt', 'sports']
    })
    const r = await cli('bundle', 'test', dir)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /^sealpost: manifest \/reads\/0\/fields\/1: collection 'activities' has no field 'sports' \(did you mean 'sport'\?\); its fields are .*sport.* \[SEALPOST_MANIFEST_INVALID\]$/,
    )
    await editJson(join(dir, 'manifest.json'), (m) => {
      ;(m['reads'] as Record<string, unknown>[])[0]!['collection'] = 'activity'
    })
    expect((await cli('bundle', 'test', dir)).err).toMatch(
      /no collection named 'activity' \(did you mean 'activities'\?\)/,
    )
  })

  it('refuses an unbounded private output, as bundle build does', async () => {
    const r = await cli('bundle', 'test', join(bundleFixtures, 'unbounded'))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /output field note has no finite bit bound.*\[SEALPOST_OUTPUT_UNBOUNDED\]$/,
    )
  })

  it('fails on a wrong fixture, showing expected and got', async () => {
    const dir = await copyOf('favorite-sport')
    await editJson(join(dir, 'fixtures', 'runner.json'), (f) => {
      f['expected'] = { favoriteSport: 'yoga' }
    })
    const r = await cli('bundle', 'test', dir, '--scale', '0.1', '--now', NOW)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^fixtures {3}4 of 5 pass$/m)
    expect(r.out).toMatch(
      /^ {2}FAIL {2}runner: .*\n {8}expected \{"favoriteSport":"yoga"\}\n {8}got {6}\{"favoriteSport":"running"\}$/m,
    )
  })

  it('gives a guest throw the file:line of the partner’s own source', async () => {
    const dir = await copyOf('favorite-sport')
    const src = await readFile(join(dir, 'index.js'), 'utf8')
    const lines = src.split('\n')
    const at = lines.findIndex((l) => l.includes('let best ='))
    lines.splice(at, 0, "  if (input.now > 0) throw new Error('bad sport table')")
    await writeFile(join(dir, 'index.js'), lines.join('\n'))
    const r = await cli('bundle', 'test', dir, '--scale', '0.1', '--now', NOW, '--json')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.out) as { error: string; fixtures: { error?: string }[] }
    expect(report.error).toBe(
      `the module failed: Error: bad sport table (at index.js:${at + 1}) [SEALPOST_GUEST_ERROR]`,
    )
    expect(report.fixtures[0]!.error).toContain(`(at index.js:${at + 1})`)
  })

  it('names an undeclared field read by the module, and says to add it to reads', async () => {
    const dir = await copyOf('favorite-sport')
    const src = await readFile(join(dir, 'index.js'), 'utf8')
    await writeFile(
      join(dir, 'index.js'),
      src.replace(
        'const activities = input.collections.activities',
        'const activities = input.collections.activities\n  activities.num("avgHeartRate")',
      ),
    )
    const r = await cli('bundle', 'test', dir, '--scale', '0.1', '--now', NOW)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(
      /^FAILED {5}the module failed: ReferenceError: field 'avgHeartRate' is not in the consented view of activities \(startedAt, sport, durationSec\): add it to the fields of activities in 'reads' in manifest\.json \(at index\.js:\d+\) \[SEALPOST_GUEST_ERROR\]$/m,
    )
  })

  it('shows the value an invalid output had, in test only', async () => {
    const dir = await copyOf('favorite-sport')
    const src = await readFile(join(dir, 'index.js'), 'utf8')
    await writeFile(
      join(dir, 'index.js'),
      src.replace('return { favoriteSport: best }', "return { favoriteSport: best, extra: 'x' }"),
    )
    const r = await cli('bundle', 'test', dir, '--scale', '0.1', '--now', NOW)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(
      /^FAILED {5}output breaks the bundle's schema: .* \[SEALPOST_OUTPUT_INVALID\]\n {11}the module returned: \{"favoriteSport":"[a-z]+","extra":"x"\}$/m,
    )
  })

  it('shares one clock with vault generate, and says when a run read 0 rows', async () => {
    const vault = join(tmp, 'vault')
    expect((await cli('vault', 'init', vault, '--scrypt-n', '1024')).code).toBe(0)
    const g = await cli('vault', 'generate', vault, '--scale', '0.05', '--now', NOW)
    expect(g.code).toBe(0)
    expect(g.out).toContain(`records until 2026-06-01T12:00:00.000Z`)
    const sport = join(algorithms, 'favorite-sport')
    const same = await cli('bundle', 'test', sport, '--vault', vault, '--now', NOW, '--json')
    expect(same.code).toBe(0)
    const read = (JSON.parse(same.out) as { read: { rows: number }[] }).read
    expect(read[0]!.rows).toBeGreaterThan(0)
    const early = await cli('bundle', 'test', sport, '--vault', vault, '--now', '2020-01-01')
    expect(early.code).toBe(0)
    expect(early.out).toMatch(/^read {7}0 rows of activities/m)
    expect(early.out).toMatch(
      /^note {7}the run read 0 rows: every window ends at the run's time \(2020-01-01T00:00:00\.000Z\)\. If the vault's records are from other dates, pass --now/m,
    )
  })

  it('runs a trigger module on the person with their latest record as the new one', async () => {
    const dir = join(tmp, 'new-runs')
    await cp(join(algorithms, 'favorite-sport'), dir, { recursive: true })
    await editJson(join(dir, 'manifest.json'), (m) => {
      m['id'] = 'com.stridewear.new-runs'
      m['schedule'] = { kind: 'trigger', on: 'activities' }
      m['output'] = {
        type: 'object',
        additionalProperties: false,
        required: ['newRows'],
        properties: { newRows: { enum: [0, 1, 2] } },
      }
    })
    await writeFile(
      join(dir, 'index.js'),
      `export function analyze(input) {
        const a = input.collections.activities
        return { newRows: input.trigger ? Math.min(2, a.length - input.trigger.firstRow) : 0 }
      }`,
    )
    await rm(join(dir, 'fixtures'), { recursive: true })
    const r = await cli('bundle', 'test', dir, '--scale', '0.2', '--now', NOW)
    expect(r.err).toBe('')
    expect(r.out).toMatch(/^trigger {4}the latest row of activities taken as newly ingested/m)
    expect(r.out).toMatch(/^output {5}\{"newRows":1\}$/m)
  })

  it('keeps a refused value out of the error itself (production runs never show it)', async () => {
    const dir = await copyOf('favorite-sport')
    const src = await readFile(join(dir, 'index.js'), 'utf8')
    await writeFile(
      join(dir, 'index.js'),
      src.replace(
        'return { favoriteSport: best }',
        "return { favoriteSport: best, secret: 'x42' }",
      ),
    )
    const bundle = await loadModuleFolder(dir)
    const [fixture] = loadFixtures(dir)
    const sandbox = createSandbox()
    try {
      const error = await runFixture(bundle, fixture!, sandbox).catch((e: Error) => e)
      expect(error).toMatchObject({ code: 'SEALPOST_OUTPUT_INVALID' })
      expect(
        JSON.stringify({ ...(error as object), message: (error as Error).message }),
      ).not.toContain('x42')
    } finally {
      await sandbox.dispose()
    }
  })

  it('names a collection an AssemblyScript module reads without declaring it', async () => {
    const dir = join(tmp, 'as-read')
    await cp(join(algorithms, 'favorite-sport-wasm'), dir, { recursive: true })
    await rm(join(dir, 'fixtures'), { recursive: true })
    await writeFile(
      join(dir, 'assembly', 'index.ts'),
      `import { Frame, output } from 'sealpost/guest/as'
export { output_len } from 'sealpost/guest/as'
export function analyze(): usize {
  return output('{"favoriteSport":"none","n":' + Frame.read('purchases').length.toString() + '}')
}
`,
    )
    const r = await cli('bundle', 'test', dir, '--scale', '0.1', '--now', NOW)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(
      /^FAILED {5}the module failed: collection 'purchases' is not in this bundle's reads: add it to 'reads' in manifest\.json \(.*sealpost\.ts:\d+:\d+\) \[SEALPOST_GUEST_ERROR\]$/m,
    )
  }, 600_000)
})
