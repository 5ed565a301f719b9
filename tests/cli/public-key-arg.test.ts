/**
 * `readPublicKeyArg`, shared by `relay partner add` and `relay partner admit`: a partner's `ID.pub`
 * is parsed, an oversized file is refused as a key-file error before it is read, a missing one is
 * wrong usage naming the path.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePartnerKey, publicKeyFile } from '../../runtime/bundle/keys.ts'
import { KeyFileError } from '../../runtime/bundle/errors.ts'
import { UsageError } from '../../runtime/cli/_args.ts'
import { readPublicKeyArg } from '../../runtime/cli/_input.ts'
import { toHex } from '../../runtime/crypto/bytes.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealpost-pubarg-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('readPublicKeyArg', () => {
  it("reads a partner's public key file", async () => {
    const key = generatePartnerKey('stridewear')
    const path = join(dir, 'stridewear.pub')
    await writeFile(path, publicKeyFile(key.publicKey))
    const pub = await readPublicKeyArg(path)
    expect(pub.partnerId).toBe('stridewear')
    expect(pub.keyId).toBe(key.publicKey.keyId)
    expect(toHex(pub.signingPublic)).toBe(toHex(key.publicKey.signingPublic))
  })

  it('refuses a file too long to be a key file, naming it', async () => {
    const path = join(dir, 'big.pub')
    await writeFile(path, 'x'.repeat(5000))
    const e = await readPublicKeyArg(path).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(KeyFileError)
    expect((e as Error).message).toContain(`${path} is`)
    expect((e as Error).message).toContain('too long to be a key file')
  })

  it('calls a missing file wrong usage', async () => {
    const path = join(dir, 'missing.pub')
    const e = await readPublicKeyArg(path).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UsageError)
    expect((e as Error).message).toBe(`no such public key file: ${path}`)
  })
})
