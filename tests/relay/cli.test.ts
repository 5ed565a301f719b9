/**
 * The relay from the command line, over real processes and ports: `relay init`, `relay partner
 * add`, `relay serve` (a child process, stopped with SIGTERM), `publish`, the device's `sync`, the
 * partner's `inbox` and `statement`; and two `relay serve` processes on one PostgreSQL, the
 * device on one and the partner on the other.
 */

import type { ChildProcess } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parsePartnerKey } from '../../runtime/bundle/index.ts'
import { fromHex } from '../../runtime/crypto/bytes.ts'
import { derivePseudonymKey, sealEnvelope } from '../../runtime/delivery/index.ts'
import { DeviceRelayClient, PartnerRelayClient } from '../../runtime/relay/index.ts'
import { cli, cliJson, makeWorld, SHOE } from '../cli/_world.ts'
import { postgresBinaries, startPostgres } from '../_helpers/postgres.ts'
import { serveRelay, type ServedRelay } from '../_helpers/relay_serve.ts'

const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
})

/** `relay serve` as a child process, killed at the end if a test left it running. */
async function serve(args: string[]): Promise<ServedRelay> {
  const served = await serveRelay(args)
  children.push(served.child)
  return served
}

/** `relay partner admit` a new partner offline, then `relay partner submit` it to `urls` in turn. */
async function admitLive(
  dir: string,
  operatorKeyFile: string,
  operatorKey: string,
  urls: readonly string[],
): Promise<{ applied: boolean; directoryVersion: number }[]> {
  const keys = join(dir, 'brew-keys')
  expect((await cli(['keygen', '--partner', 'brewline', '--out', keys])).code).toBe(0)
  const out = join(dir, 'brewline.admission.json')
  const admitted = await cliJson<{ partnerId: string; expiresAt: number; issuedAt: number }>([
    'relay',
    'partner',
    'admit',
    join(keys, 'brewline.pub'),
    '--name',
    'Brewline',
    '--operator-key',
    operatorKeyFile,
    '--out',
    out,
    '--days',
    '2',
    '--json',
  ])
  expect(admitted.partnerId).toBe('brewline')
  expect(admitted.expiresAt - admitted.issuedAt).toBe(2 * 86_400_000)
  const results = []
  for (const url of urls) {
    results.push(
      await cliJson<{ applied: boolean; directoryVersion: number }>([
        'relay',
        'partner',
        'submit',
        out,
        '--relay',
        url,
        '--operator',
        operatorKey,
        '--json',
      ]),
    )
  }
  // signed by another operator: refused before it leaves
  const stranger = join(dir, 'stranger')
  await cli(['relay', 'init', '--data', stranger])
  const forged = join(dir, 'forged.admission.json')
  await cli([
    'relay',
    'partner',
    'admit',
    join(keys, 'brewline.pub'),
    '--name',
    'Brewline',
    '--data',
    stranger,
    '--out',
    forged,
  ])
  const refused = await cli(['relay', 'partner', 'submit', forged, '--relay', urls[0]!])
  expect(refused.code).toBe(1)
  expect(refused.err).toMatch(/SEALPOST_BAD_ADMISSION/)
  return results
}

describe('the relay from the command line', () => {
  it('runs the story: init, admit, serve, publish, sync, inbox, statement, shut down', async () => {
    const w = await makeWorld()
    const data = join(w.dir, 'relay')
    const { operatorKey } = await cliJson<{ operatorKey: string }>([
      'relay',
      'init',
      '--data',
      data,
      '--json',
    ])
    expect(operatorKey).toMatch(/^[0-9a-f]{64}$/)
    expect((await cli(['relay', 'init', '--data', data])).code).toBe(1) // never overwritten
    expect(
      (await cli(['relay', 'partner', 'add', w.pub, '--name', 'StrideWear', '--data', data])).code,
    ).toBe(0)
    const { url, child, lines, exit } = await serve(['--data', data])
    // a partner admitted while the relay runs on PGlite: over HTTP, no database session (the
    // first directory issued carries both partners)
    expect(await admitLive(w.dir, join(data, 'operator.key'), operatorKey, [url, url])).toEqual([
      { partnerId: 'brewline', keyId: expect.any(String), directoryVersion: 1, applied: true },
      { partnerId: 'brewline', keyId: expect.any(String), directoryVersion: 1, applied: false },
    ])

    const offer = await cliJson<{ digest: string }>([
      'publish',
      w.shoe,
      '--relay',
      url,
      '--key',
      w.key,
      '--json',
    ])
    expect(offer.digest).toMatch(/^[0-9a-f]{64}$/)
    for (const step of [
      ['trust', w.vault, w.pub],
      ['install', w.vault, w.shoe],
      ['consent', w.vault, SHOE, '--yes'],
      ['run', w.vault, SHOE],
    ]) {
      expect((await cli(step)).code, step.join(' ')).toBe(0)
    }
    const sync = ['sync', w.vault, '--relay', url, '--operator', operatorKey, '--json']
    expect(await cliJson(sync)).toMatchObject({ posted: 1, delivered: 0, directoryVersion: 1 })
    const out = join(w.dir, 'inbox')
    const inbox = await cliJson<{
      opened: { output: unknown; cents: number }[]
      totalCents: number
    }>(['inbox', '--relay', url, '--key', w.key, '--out', out, '--operator', operatorKey, '--json'])
    expect(inbox.opened.length).toBe(1)
    expect(inbox.totalCents).toBe(10)
    const files = await readdir(out)
    expect(files.length).toBe(1)
    expect(JSON.parse(await readFile(join(out, files[0]!), 'utf8'))).toMatchObject({
      bundleId: SHOE,
    })
    expect(await cliJson(sync)).toMatchObject({ posted: 0, delivered: 1 })
    const year = new Date().getUTCFullYear()
    const statement = await cliJson<{ totalCents: number; verified: boolean; lines: unknown[] }>([
      'statement',
      '--relay',
      url,
      '--key',
      w.key,
      '--year',
      String(year),
      '--operator',
      operatorKey,
      '--json',
    ])
    expect(statement).toMatchObject({ totalCents: 10, verified: true })
    const billing = await cliJson<{ statements: { lines: unknown[] }[] }>([
      'billing',
      w.vault,
      '--year',
      String(year),
      '--json',
    ])
    expect(billing.statements[0]!.lines).toEqual(statement.lines)
    // a wrong operator key is refused by the device
    const wrong = await cli(['sync', w.vault, '--relay', url, '--operator', 'ab'.repeat(32)])
    expect(wrong.code).toBe(1)
    expect(wrong.err).toMatch(/SEALPOST_RELAY_BAD_SIGNATURE/)

    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(lines.at(-1)).toMatch(/shutting down/)
    expect(lines.join('\n')).not.toMatch(/remote|127\.0\.0\.1:\d+"[^}]*"status/)
  }, 180_000)

  it.skipIf(postgresBinaries() === undefined)(
    'serves one PostgreSQL from two relay processes: the device on one, the partner on the other',
    async () => {
      const w = await makeWorld()
      const pg = (await startPostgres())!
      try {
        const data = join(w.dir, 'relay')
        const { operatorKey } = await cliJson<{ operatorKey: string }>([
          'relay',
          'init',
          '--data',
          data,
          '--json',
        ])
        const db = ['--database', pg.url, '--operator-key', join(data, 'operator.key')]
        expect(
          (await cli(['relay', 'partner', 'add', w.pub, '--name', 'StrideWear', ...db])).code,
        ).toBe(0)
        const [a, b] = await Promise.all([serve(db), serve(db)])
        // admitted through one process; the other sees it applied
        const submitted = await admitLive(w.dir, join(data, 'operator.key'), operatorKey, [
          b.url,
          a.url,
        ])
        expect(submitted.map((r) => r.applied)).toEqual([true, false])
        const listed = await new DeviceRelayClient({
          url: a.url,
          operatorKey: fromHex(operatorKey),
        }).directory()
        expect(listed.partners.map((p) => p.id)).toEqual(['brewline', 'stridewear'])
        const key = parsePartnerKey(await readFile(w.key, 'utf8'))
        const op = fromHex(operatorKey)
        const device = new DeviceRelayClient({ url: a.url, operatorKey: op })
        const partner = new PartnerRelayClient({ url: b.url, key, operatorKey: op })
        const people = Array.from({ length: 6 }, (_, i) =>
          derivePseudonymKey(new Uint8Array(32).fill(i + 1), 'stridewear'),
        )
        const ids: string[] = []
        await Promise.all(
          people.map(async (p) => {
            for (let i = 0; i < 5; i++) {
              const e = await sealEnvelope(
                {
                  kind: 'output',
                  bundleId: 'b',
                  bundleDigest: 'd',
                  pseudonym: p.pseudonym,
                  output: { i },
                  sentAt: 0,
                  contractDigest: 'c',
                },
                { partnerId: 'stridewear', partnerPublicKey: key.publicKey.sealingPublic },
              )
              await device.postEnvelope(p, e, true)
              ids.push(e.id)
            }
          }),
        )
        const pulled = [...(await partner.pullInbox(100))].map((i) => i.envelope.id)
        expect(pulled.sort()).toEqual([...ids].sort())
        // the partner acks through both processes at once: billed once each
        const acks = pulled.map((id) => ({ id, outcome: 'opened' as const }))
        const viaA = new PartnerRelayClient({ url: a.url, key, operatorKey: op })
        await Promise.all([partner.ack(acks), viaA.ack(acks)])
        const s = await viaA.statement(new Date().getUTCFullYear())
        expect(s).toMatchObject({ transfers: 30, totalCents: 300 })
        for (const p of people) {
          expect((await device.receipts(p)).map((r) => r.state)).toEqual(Array(5).fill('delivered'))
        }
        a.child.kill('SIGTERM')
        b.child.kill('SIGTERM')
        expect(await Promise.all([a.exit, b.exit])).toEqual([0, 0])
      } finally {
        await pg.stop()
      }
    },
    180_000,
  )
})
