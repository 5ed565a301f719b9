/**
 * `sealpost log FILE --verify` against a rewritten export: entries dropped and every hash
 * recomputed. The head the device signed gives it away; `--vault` and `--device-key` pin the key.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { entryHash, GENESIS_HASH, headMessage, type AuditEntry } from '../../runtime/audit/index.ts'
import { toHex } from '../../runtime/crypto/bytes.ts'
import { generateSigningKeyPair, sign } from '../../runtime/crypto/ed25519.ts'
import { cli, makeWorld, SPORT, type World } from './_world.ts'

let w: World
let exported: string
interface Export {
  format: string
  head: { seq: number; hash: string; devicePublicKey?: string; signature?: string }
  entries: AuditEntry[]
}

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
  exported = join(w.dir, 'log.json')
  expect((await cli(['log', w.vault, '--export', exported])).code).toBe(0)
}, 60_000)

function dropRuns(doc: Export): Export {
  const entries: AuditEntry[] = []
  let prev = GENESIS_HASH
  for (const e of doc.entries.filter((x) => x.kind !== 'run')) {
    const body = {
      seq: entries.length + 1,
      time: e.time,
      kind: e.kind,
      details: e.details,
      prevHash: prev,
    }
    const hash = entryHash(body)
    entries.push({ ...body, hash })
    prev = hash
  }
  return { ...doc, head: { ...doc.head, seq: entries.length, hash: prev }, entries }
}

describe('exported logs carry the head the device signed', () => {
  it('verifies the genuine export, pinned to the vault and to the device key', async () => {
    const doc = JSON.parse(await readFile(exported, 'utf8')) as Export
    expect(doc.head.signature).toMatch(/^[0-9a-f]{128}$/)
    const plain = await cli(['log', exported, '--verify'])
    expect(plain.code, plain.err).toBe(0)
    expect(plain.out).toContain(`head signed by device key ${doc.head.devicePublicKey}`)
    expect((await cli(['log', exported, '--verify', '--vault', w.vault])).code).toBe(0)
    const pinned = ['log', exported, '--verify', '--device-key', doc.head.devicePublicKey!]
    expect((await cli(pinned)).code).toBe(0)
  })

  it('refuses a rewrite with the hashes recomputed', async () => {
    const doc = dropRuns(JSON.parse(await readFile(exported, 'utf8')) as Export)
    const file = join(w.dir, 'rewritten.json')
    await writeFile(file, JSON.stringify(doc))
    const r = await cli(['log', file, '--verify'])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/head signature does not check.*SEALPOST_AUDIT_BROKEN/)
  })

  it('refuses a rewrite re-signed with another key once the device is named', async () => {
    const original = JSON.parse(await readFile(exported, 'utf8')) as Export
    const doc = dropRuns(original)
    const attacker = generateSigningKeyPair()
    doc.head = {
      seq: doc.head.seq,
      hash: doc.head.hash,
      devicePublicKey: toHex(attacker.publicKey),
      signature: toHex(sign(attacker.secretKey, headMessage(doc.head.seq, doc.head.hash))),
    }
    const file = join(w.dir, 'resigned.json')
    await writeFile(file, JSON.stringify(doc))
    expect((await cli(['log', file, '--verify', '--vault', w.vault])).code).toBe(1)
    const pinned = ['log', file, '--verify', '--device-key', original.head.devicePublicKey!]
    expect((await cli(pinned)).code).toBe(1)
  })
})
