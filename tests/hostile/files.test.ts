/**
 * Hostile class: a file argument that is not a file. `sealpost install VAULT /dev/zero` once read
 * 9 GB: a device reports size 0 and never ends. Bundle and key files must now be regular files,
 * and at most cap + 1 bytes are ever read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readCappedFile, readBundleFile } from '../../runtime/bundle/file.ts'
import { main } from '../../runtime/cli/main.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealpost-hostile-files-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function cli(argv: string[]) {
  const err: string[] = []
  const code = await main(argv, {
    out: () => undefined,
    err: (l) => err.push(l),
    env: { SEALPOST_PASSPHRASE: 'x' },
  })
  return { code, err }
}

describe('reading a file a person or a partner names', () => {
  it('refuses a device such as /dev/zero without reading it', async () => {
    await expect(readCappedFile('/dev/zero', 1024)).rejects.toMatchObject({
      code: 'SEALPOST_NOT_A_FILE',
      message: '/dev/zero is a device, not a regular file',
    })
    await expect(readBundleFile('/dev/zero')).rejects.toMatchObject({ code: 'SEALPOST_NOT_A_FILE' })
  })

  it('refuses a FIFO without blocking on it', async () => {
    const fifo = join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    await expect(readCappedFile(fifo, 1024)).rejects.toMatchObject({
      code: 'SEALPOST_NOT_A_FILE',
      message: `${fifo} is a pipe, not a regular file`,
    })
  })

  it('refuses a folder', async () => {
    await expect(readCappedFile(dir, 1024)).rejects.toMatchObject({ code: 'SEALPOST_NOT_A_FILE' })
  })

  it('refuses a file over the cap by its size, and reads one at the cap exactly', async () => {
    const path = join(dir, 'big')
    await writeFile(path, new Uint8Array(1025))
    await expect(readCappedFile(path, 1024)).rejects.toMatchObject({
      code: 'SEALPOST_BUNDLE_TOO_LARGE',
    })
    expect((await readCappedFile(path, 1025)).length).toBe(1025)
  })

  it('`sealpost install VAULT /dev/zero` is one line and exit 1', async () => {
    const r = await cli(['install', join(dir, 'no-vault'), '/dev/zero'])
    expect(r.code).toBe(1)
    expect(r.err).toEqual([
      'sealpost: /dev/zero is a device, not a regular file [SEALPOST_NOT_A_FILE]',
    ])
  })

  it('`sealpost bundle verify /dev/zero` and `audit /dev/zero` are one line and exit 1', async () => {
    for (const argv of [
      ['bundle', 'verify', '/dev/zero'],
      ['audit', '/dev/zero'],
    ]) {
      const r = await cli(argv)
      expect(r.code).toBe(1)
      expect(r.err).toHaveLength(1)
      expect(r.err[0]).toMatch(/\[SEALPOST_NOT_A_FILE\]$/)
    }
  })
})
