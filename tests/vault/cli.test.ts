import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../runtime/cli/main.ts'
import { parseWhere } from '../../runtime/cli/commands/vault-search.ts'
import { fixture, PW } from './_helpers.ts'

async function sealpost(argv: string[], env: Record<string, string> = { SEALPOST_PASSPHRASE: PW }) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env })
  return { code, out, err }
}

async function newVault(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'sp-cli-')), 'vault')
  const r = await sealpost(['vault', 'init', dir, '--scrypt-n', '1024', '--json'])
  expect(r.code).toBe(0)
  expect(JSON.parse(r.out[0]!)).toMatchObject({
    vault: dir,
    vaultId: expect.stringMatching(/^[0-9a-f]{32}$/),
  })
  return dir
}

describe('sealpost vault commands', () => {
  it('init, import a bank statement twice, stats, search and export', async () => {
    const dir = await newVault()
    const file = fixture('bank/ofxparse_checking.ofx')
    const first = await sealpost(['vault', 'import', dir, file, '--json'])
    expect(first.code).toBe(0)
    expect(JSON.parse(first.out[0]!).collections).toEqual({
      transactions: { added: 3, duplicates: 0 },
    })
    const again = await sealpost(['vault', 'import', dir, file])
    expect(again.out).toEqual([
      'transactions: 0 added, 3 already in the vault',
      'read as 1 OFX 1.02 bank statement of 1 account from FAKE',
    ])

    const stats = JSON.parse((await sealpost(['vault', 'stats', dir, '--json'])).out[0]!)
    expect(stats.collections.transactions.rows).toBe(3)
    expect(stats.kdf).toEqual({ N: 1024, r: 8, p: 1 })

    const all = JSON.parse(
      (await sealpost(['vault', 'search', dir, 'transactions', '--json'])).out[0]!,
    )
    expect(all.records).toHaveLength(3)
    const exported = JSON.parse((await sealpost(['vault', 'export', dir])).out.join('\n'))
    expect(exported.collections.transactions).toEqual(all.records)
  })

  it('reads the passphrase from a file, refuses a wrong one with exit 1, and rekeys', async () => {
    const dir = await newVault()
    const pwFile = join(dir, '..', 'pw.txt')
    await writeFile(pwFile, `${PW}\n`)
    expect((await sealpost(['vault', 'stats', dir, '--passphrase-file', pwFile], {})).code).toBe(0)
    const wrong = await sealpost(['vault', 'stats', dir], { SEALPOST_PASSPHRASE: 'nope' })
    expect(wrong.code).toBe(1)
    expect(wrong.err[0]).toMatch(/wrong passphrase.*SEALPOST_WRONG_PASSPHRASE/)
    const rekey = await sealpost(['vault', 'rekey', dir, '--scrypt-n', '1024'], {
      SEALPOST_PASSPHRASE: PW,
      SEALPOST_NEW_PASSPHRASE: 'second',
    })
    expect(rekey.code).toBe(0)
    expect((await sealpost(['vault', 'stats', dir], { SEALPOST_PASSPHRASE: 'second' })).code).toBe(
      0,
    )
    expect((await sealpost(['vault', 'stats', dir])).code).toBe(1)
  })

  it('generates a persona with progress on stderr, and is idempotent for the same seed', async () => {
    const dir = await newVault()
    const first = await sealpost([
      'vault',
      'generate',
      dir,
      '--seed',
      '3',
      '--scale',
      '0.05',
      '--json',
    ])
    expect(first.code).toBe(0)
    const counts = JSON.parse(first.out[0]!).collections as Record<
      string,
      { added: number; duplicates: number }
    >
    const total = Object.values(counts).reduce((s, c) => s + c.added, 0)
    expect(total).toBeGreaterThan(500)
    const again = JSON.parse(
      (await sealpost(['vault', 'generate', dir, '--seed', '3', '--scale', '0.05', '--json']))
        .out[0]!,
    )
    for (const c of Object.values(again.collections as Record<string, { added: number }>))
      expect(c.added).toBe(0)
  })

  it('searches with --where, --from/--to and words', async () => {
    const dir = await newVault()
    await sealpost(['vault', 'generate', dir, '--seed', '5', '--scale', '0.05'])
    const all = JSON.parse(
      (await sealpost(['vault', 'search', dir, 'purchases', '--limit', '100000', '--json']))
        .out[0]!,
    ).records as { orderedAt: number; amount: number; category: string }[]
    expect(all.length).toBeGreaterThan(10)
    const cat = all[0]!.category
    const from = new Date(all[0]!.orderedAt).toISOString()
    const r = await sealpost([
      'vault',
      'search',
      dir,
      'purchases',
      '--where',
      `category=${cat},amount>=0`,
      '--from',
      from,
      '--limit',
      '100000',
      '--json',
    ])
    const got = JSON.parse(r.out[0]!).records as typeof all
    const want = all.filter(
      (p) => p.category === cat && p.amount >= 0 && p.orderedAt >= all[0]!.orderedAt,
    )
    expect(got).toEqual(want)
  })

  it('exits 2 on wrong usage and when no passphrase is available', async () => {
    expect((await sealpost(['vault', 'stats'])).code).toBe(2)
    const dir = await newVault()
    const none = await sealpost(['vault', 'stats', dir], {})
    expect(none.code).toBe(2)
    expect(none.err.join('\n')).toMatch(/SEALPOST_PASSPHRASE/)
    expect((await sealpost(['vault', 'search', dir, 'purchases', '--where', 'a~b'])).code).toBe(2)
  })

  it('writes an export file readable by the owner only, and never overwrites one', async () => {
    const dir = await newVault()
    const out = join(dir, '..', 'export.json')
    expect((await sealpost(['vault', 'export', dir, '--out', out])).code).toBe(0)
    expect(JSON.parse(await readFile(out, 'utf8')).format).toBe('sealpost-vault-export/1')
    expect((await sealpost(['vault', 'export', dir, '--out', out])).code).toBe(2)
  })
})

describe('--where parsing', () => {
  it('reads equality, ranges, booleans and numbers', () => {
    expect(parseWhere('category=bakery,amount>=10,amount<20.5,card=true')).toEqual({
      category: 'bakery',
      amount: { gte: 10, lt: 20.5 },
      card: true,
    })
  })
})
