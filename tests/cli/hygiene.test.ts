/**
 * What the CLI leaves on disk: exports without the device and pseudonym secrets unless asked,
 * private modes (0600 files, 0700 folders), no symbolic link followed, stale temp files swept, and
 * nothing at all created or changed by the commands that only read.
 */
import { lstat, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, makeWorld, SPORT, type World } from './_world.ts'

let w: World

beforeAll(async () => {
  w = await makeWorld()
  for (const step of [
    ['trust', w.vault, w.pub],
    ['install', w.vault, w.sport],
    ['consent', w.vault, SPORT, '--recurring', '--yes'],
    ['run', w.vault, SPORT],
  ]) {
    const r = await cli(step)
    if (r.code !== 0) throw new Error(`${step.join(' ')}: ${r.err}`)
  }
}, 60_000)

/** Every file of the folder with its mode, size, mtime and bytes. */
async function fingerprint(dir: string): Promise<string> {
  const out: string[] = []
  for (const name of (await readdir(dir)).sort()) {
    const info = await lstat(join(dir, name))
    const bytes = await readFile(join(dir, name))
    out.push(`${name} ${info.mode} ${info.size} ${info.mtimeMs} ${bytes.toString('base64')}`)
  }
  return out.join('\n')
}

describe('vault export', () => {
  it('leaves out the device signing secret and the pseudonym secret unless asked', async () => {
    const plain = JSON.parse((await cli(['vault', 'export', w.vault, '--json'])).out) as {
      docs: Record<string, unknown>
      omitted?: string[]
    }
    expect(plain.omitted).toEqual(['consent/device', 'delivery/pseudonym-secret'])
    expect(Object.keys(plain.docs)).not.toContain('consent/device')
    expect(Object.keys(plain.docs)).not.toContain('delivery/pseudonym-secret')
    expect(Object.keys(plain.docs)).toContain('consent/records')
    const full = JSON.parse(
      (await cli(['vault', 'export', w.vault, '--secrets', '--json'])).out,
    ) as { docs: Record<string, { signingSecret?: string }>; omitted?: string[] }
    expect(full.omitted).toBeUndefined()
    expect(full.docs['consent/device']?.signingSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(plain)).not.toContain(full.docs['consent/device']!.signingSecret!)
  })
})

describe('files on disk', () => {
  it('creates the vault folder 0700 and its files 0600', async () => {
    expect((await stat(w.vault)).mode & 0o777).toBe(0o700)
    for (const name of await readdir(w.vault)) {
      expect([name, (await stat(join(w.vault, name))).mode & 0o777]).toEqual([name, 0o600])
    }
    const log = join(w.dir, 'private-log.json')
    expect((await cli(['log', w.vault, '--export', log])).code).toBe(0)
    expect((await stat(log)).mode & 0o777).toBe(0o600)
    const outbox = join(w.dir, 'private-outbox.json')
    expect((await cli(['outbox', w.vault, '--export', outbox])).code).toBe(0)
    expect((await stat(outbox)).mode & 0o777).toBe(0o600)
  })

  it('never writes through a symbolic link planted at an export path', async () => {
    const target = join(w.dir, 'elsewhere.txt')
    await writeFile(target, 'untouched')
    const trap = join(w.dir, 'trap.json')
    await symlink(target, trap)
    const r = await cli(['log', w.vault, '--export', trap])
    expect(r.code).not.toBe(0)
    expect(await readFile(target, 'utf8')).toBe('untouched')
  })

  it('sweeps temp files a crashed writer left behind, at the next write', async () => {
    const stale = join(w.vault, '.sp-tmp-manifest-0123456789ab')
    await writeFile(stale, 'half a manifest')
    expect((await cli(['dial', w.vault, '1'])).code).toBe(0)
    expect(await readdir(w.vault)).not.toContain('.sp-tmp-manifest-0123456789ab')
  })

  it('creates and changes nothing with the commands that only read', async () => {
    const before = await fingerprint(w.vault)
    const reads = [
      ['vault', 'stats', w.vault],
      ['vault', 'search', w.vault, 'activities', '--limit', '2'],
      ['vault', 'export', w.vault],
      ['log', w.vault],
      ['log', w.vault, '--verify'],
      ['outbox', w.vault, '--all'],
      ['billing', w.vault],
      ['contract', w.vault, SPORT],
      ['dial', w.vault],
    ]
    for (const argv of reads) {
      const r = await cli(argv)
      expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 0])
    }
    expect(await fingerprint(w.vault)).toBe(before)
    const missing = join(await mkdtemp(join(tmpdir(), 'sp-missing-')), 'no-vault-here')
    expect((await cli(['vault', 'stats', missing])).code).toBe(1)
    await expect(stat(missing)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
