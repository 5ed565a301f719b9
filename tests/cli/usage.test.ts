/** Wrong usage of the person's commands exits 2 and names what is wrong; nothing is touched. */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('../../runtime/cli/commands/demo.ts', () => ({
  demoCommand: { name: ['demo'], usage: 'demo', summary: 'demo', run: async () => 0 },
}))
const { cli } = await import('./_world.ts')

let vault = ''

beforeAll(async () => {
  vault = join(await mkdtemp(join(tmpdir(), 'sealpost-usage-')), 'vault')
  expect((await cli(['vault', 'init', vault, '--scrypt-n', '1024'])).code).toBe(0)
})

describe('wrong usage of the person’s commands', () => {
  const cases: [string[], RegExp, Record<string, string>?][] = [
    [['trust', vault], /missing partner public key ID\.pub/],
    [['trust', vault, '/nonexistent/x.pub'], /no such key file/],
    [['install', vault], /missing bundle FILE/],
    [['install', vault, 'a', 'b'], /takes a vault and one bundle/],
    [['contract', vault, 'x', '--lang', 'de'], /--lang must be en or fr/],
    [['consent', vault, 'x'], /not on a terminal: .* pass --yes/],
    [['consent', vault, 'x', '--yes', '--until', 'someday'], /--until must be an ISO date/],
    [['consent', vault, 'x', '--yes', '--until', '2025-12-31'], /--until must be after now/],
    [['run', vault, 'x', '--yes'], /--yes goes with --preview/],
    [['run', vault, 'x', '--preview'], /--preview needs --yes/],
    [['run', vault, 'x', '--fast'], /unknown option --fast/],
    [['run', vault], /missing BUNDLE_ID/],
    [['revoke', vault, 'x', '--delete=yes'], /--delete takes no value/],
    [['log', vault, '--verify', '--export', 'f'], /--export and --verify go apart/],
    [['billing', vault, '--year', 'last'], /--year must be a year/],
    [['open', 'f.json'], /missing --key ID\.key/],
    [['open', '/nonexistent/f.json', '--key', 'k'], /no such envelope file/],
    [['outbox', vault, '--export', 'f', '--delivered', 'x'], /--export and --delivered/],
    [['dial', vault, '4'], /the dial is 1, 2 or 3/],
    [['dial', vault, '2', '3'], /takes a vault and a level/],
    [['dial', vault], /SEALPOST_NOW must be an ISO date/, { SEALPOST_NOW: 'tomorrow' }],
  ]
  for (const [argv, message, env] of cases) {
    it(`exits 2 on 'sealpost ${argv.join(' ').replace(vault, 'VAULT')}'`, async () => {
      const r = await cli(argv, env)
      expect(r.code).toBe(2)
      expect(r.out).toBe('')
      expect(r.err).toMatch(message)
      expect(r.err).toMatch(/\nusage: sealpost /)
    })
  }

  it('lists every person command in the help', async () => {
    const r = await cli(['help'])
    for (const name of [
      'trust VAULT ID.pub',
      'install VAULT FILE',
      'contract VAULT BUNDLE_ID',
      'consent VAULT BUNDLE_ID',
      'run VAULT BUNDLE_ID',
      'revoke VAULT BUNDLE_ID',
      'log VAULT',
      'billing VAULT',
      'open FILE_OR_OUTBOX --key ID.key',
      'outbox VAULT',
      'dial VAULT',
    ]) {
      expect(r.out).toContain(name)
    }
  })

  it('refuses a wrong passphrase with exit 1, not 2', async () => {
    const r = await cli(['dial', vault], { SEALPOST_PASSPHRASE: 'wrong' })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/\[SEALPOST_WRONG_PASSPHRASE\]$/)
  })
})
