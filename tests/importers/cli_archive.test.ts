/**
 * `sealpost vault import` on an archive on disk: the ZIP is read from its central directory and
 * each entry streamed into its importer; the command prints per entry what was imported and what
 * was skipped and why (and the same as `entries` with `--json`); a bomb ends in one typed line with
 * the vault as it was.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync, zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../cli/_world.ts'

const fixture = (rel: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${rel}`, import.meta.url)))

let dir = ''
let vault = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealpost-import-archive-'))
  vault = join(dir, 'vault')
  expect((await cli(['vault', 'init', vault, '--scrypt-n', '1024'])).code).toBe(0)
})

async function file(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, bytes)
  return path
}

describe('vault import of an archive', () => {
  it('prints what each entry gave and why the others were skipped', async () => {
    const zip = await file(
      'export.zip',
      zipSync({
        'export/run.gpx': fixture('wearables/run.gpx'),
        'export/statement.ofx': fixture('bank/ofxparse_checking.ofx'),
        'export/photo.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
        'export/notes.bin': new Uint8Array([1, 2, 3, 4, 5]),
      }),
    )
    const r = await cli(['vault', 'import', vault, zip])
    expect(r.code).toBe(0)
    const lines = r.out.split('\n')
    expect(lines).toContain('4 archive entries: 2 imported, 2 skipped')
    expect(lines).toContain('  imported export/run.gpx (gpx: 1 activities, 206 locations)')
    expect(lines.find((l) => l.startsWith('  imported export/statement.ofx (ofx: '))).toMatch(
      /\(ofx: \d+ transactions\)$/,
    )
    expect(lines).toContain(
      '  skipped  export/photo.jpg: media or document file: no importer reads it',
    )
    expect(lines).toContain('  skipped  export/notes.bin: not a format sealpost reads')

    // The same report as data; a second import adds nothing.
    const again = await cli(['vault', 'import', vault, zip, '--json'])
    expect(again.code).toBe(0)
    const json = JSON.parse(again.out) as {
      collections: Record<string, { added: number; duplicates: number }>
      entries: { path: string; status: string; format?: string; reason?: string }[]
    }
    expect(json.collections['activities']).toEqual({ added: 0, duplicates: 1 })
    expect(json.entries.map((e) => [e.path, e.status, e.format ?? null])).toEqual([
      ['export/run.gpx', 'imported', 'gpx'],
      ['export/statement.ofx', 'imported', 'ofx'],
      ['export/photo.jpg', 'skipped', null],
      ['export/notes.bin', 'skipped', null],
    ])
  })

  it('streams a gzip file and reports its one entry', async () => {
    const gz = await file('run.gpx.gz', gzipSync(fixture('wearables/run.gpx')))
    const r = await cli(['vault', 'import', vault, gz, '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.entries).toEqual([
      {
        path: 'run.gpx',
        status: 'imported',
        format: 'gpx',
        counts: { activities: 1, locations: 206 },
      },
    ])
  })

  it('writes control characters of an entry name visibly on one line', async () => {
    const zip = await file(
      'odd.zip',
      zipSync({ 'a\u001b[31mred\nline.bin': new Uint8Array([1, 2, 3]) }),
    )
    const r = await cli(['vault', 'import', vault, zip])
    expect(r.code).toBe(0)
    expect(r.out).toContain(
      '  skipped  a\\u001b[31mred\\u000aline.bin: not a format sealpost reads',
    )
  })

  it('ends a zip bomb with one typed line and leaves the vault as it was', async () => {
    const before = JSON.parse((await cli(['vault', 'stats', vault, '--json'])).out)
    const zip = zipSync({
      'a/run2.gpx': fixture('wearables/run.gpx'),
      'b/bomb.json': new Uint8Array(64 * 1024 * 1024),
    })
    // The bomb's central directory entry declares 1,000 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    const cd = view.getUint32(zip.length - 22 + 16, true)
    for (let at = cd; view.getUint32(at, true) === 0x02014b50;) {
      const nameLength = view.getUint16(at + 28, true)
      const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength))
      if (name === 'b/bomb.json') view.setUint32(at + 24, 1000, true)
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    }
    const r = await cli(['vault', 'import', vault, await file('bomb.zip', zip)])
    expect(r.code).not.toBe(0)
    expect(r.err).toContain('SEALPOST_ARCHIVE_BOMB')
    expect(r.err.split('\n').filter((l) => l !== '')).toHaveLength(1)
    const after = JSON.parse((await cli(['vault', 'stats', vault, '--json'])).out)
    expect(after).toEqual(before)
  })
})
