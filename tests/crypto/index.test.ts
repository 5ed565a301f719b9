import { it, expect } from 'vitest'
import * as crypto from '../../runtime/crypto/index.ts'

it('lists its public names explicitly and exposes no underscore internals', () => {
  const names = Object.keys(crypto).sort()
  expect(names.filter((n) => n.startsWith('_') || n.includes('WithEphemeral'))).toEqual([])
  for (const n of [
    'defaultXChaCha',
    'sealBase',
    'openBase',
    'sign',
    'verify',
    'deriveWrappingKey',
    'randomBytes',
  ]) {
    expect(names).toContain(n)
  }
})

it('runs the documented examples end to end', async () => {
  const { utf8Encode, utf8Decode, randomBytes } = crypto
  // xchacha.ts
  const aead = crypto.defaultXChaCha()
  const key = randomBytes(32)
  const nonce = randomBytes(24)
  const aad = utf8Encode('vault/col/3')
  const sealed = aead.seal(key, nonce, utf8Encode('hi'), aad)
  expect(sealed.length).toBe(18)
  expect(utf8Decode(aead.open(key, nonce, sealed, aad))).toBe('hi')
  // ed25519.ts
  const { secretKey, publicKey } = crypto.generateSigningKeyPair()
  const sig = crypto.sign(secretKey, utf8Encode('bundle digest'))
  expect(crypto.verify(publicKey, utf8Encode('bundle digest'), sig)).toBe(true)
  // hpke.ts
  const partner = crypto.generateHpkeKeyPair()
  const info = utf8Encode('sealpost envelope v1')
  const e = new Uint8Array(0)
  const { enc, ciphertext } = await crypto.sealBase(
    partner.publicKey,
    info,
    e,
    utf8Encode('{"euSize":42}'),
  )
  expect(utf8Decode(await crypto.openBase(partner.secretKey, enc, info, e, ciphertext))).toBe(
    '{"euSize":42}',
  )
  // kdf.ts (light preset: tests only)
  const dataKey = randomBytes(32)
  const salt = randomBytes(crypto.KDF_SALT_LENGTH)
  const wrappingKey = await crypto.deriveWrappingKey(
    'correct horse',
    salt,
    crypto.TEST_SCRYPT_PARAMS,
  )
  const wrapped = crypto.wrapKey(wrappingKey, dataKey, utf8Encode('vault-id'))
  expect(crypto.unwrapKey(wrappingKey, wrapped, utf8Encode('vault-id'))).toEqual(dataKey)
})

it('keeps every crypto file platform-neutral: no value import of a node: module', async () => {
  const { readdirSync, readFileSync } = await import('node:fs')
  const dir = new URL('../../runtime/crypto/', import.meta.url)
  const offenders = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) =>
      /^\s*import\s+(?!type\b)[^;]*from\s+'node:/m.test(readFileSync(new URL(f, dir), 'utf8')),
    )
  expect(offenders).toEqual([])
})
