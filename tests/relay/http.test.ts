/**
 * The relay over real HTTP on a loopback port, on a PGlite data folder: the whole slice through
 * the fetch client (publish → offers → envelope → inbox → ack → statement), JSON logs without an
 * address, graceful shutdown, and the data still there after a restart.
 */

import { afterAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { OperatorKey } from '../../relay/operator_key.ts'
import { startRelay } from '../../relay/serve.ts'
import { admitPartner } from '../../relay/db/queries.ts'
import { generatePartnerKey } from '../../runtime/bundle/index.ts'
import { toHex } from '../../runtime/crypto/bytes.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import { derivePseudonymKey, openEnvelope, sealEnvelope } from '../../runtime/delivery/index.ts'
import { DeviceRelayClient, PartnerRelayClient } from '../../runtime/relay/index.ts'

const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))
const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('the relay over HTTP', () => {
  it('serves the whole slice on a real port and keeps its data across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sealpost-relay-'))
    dirs.push(dir)
    const operatorKey = OperatorKey.generate()
    const logs: string[] = []
    const log = (e: object) => logs.push(JSON.stringify(e))
    let running = await startRelay({ dataDir: join(dir, 'db'), operatorKey, log })
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const stride = generatePartnerKey('stridewear')
    await admitPartner(running.db, {
      id: 'stridewear',
      name: 'StrideWear',
      keyId: stride.keyId,
      signingPublic: toHex(stride.publicKey.signingPublic),
      sealingPublic: toHex(stride.publicKey.sealingPublic),
      admittedAt: Date.now(),
    })
    const partner = new PartnerRelayClient({
      url: running.url,
      key: stride,
      operatorKey: operatorKey.publicKey,
    })
    const device = new DeviceRelayClient({ url: running.url, operatorKey: operatorKey.publicKey })
    const offer = await partner.publish(
      await signModuleFolder(join(algorithms, 'shoe-size'), stride),
    )
    const [listed] = await device.offers()
    expect(listed?.digest).toBe(offer.digest)
    expect((await device.downloadBundle(listed!)).length).toBe(offer.size)

    using alice = derivePseudonymKey(new Uint8Array(32).fill(3), 'stridewear')
    const envelope = await sealEnvelope(
      {
        kind: 'output',
        bundleId: offer.bundleId,
        bundleDigest: offer.digest,
        pseudonym: alice.pseudonym,
        output: { euSize: 43 },
        sentAt: Date.now(),
        contractDigest: 'c'.repeat(64),
      },
      { partnerId: 'stridewear', partnerPublicKey: stride.publicKey.sealingPublic },
    )
    expect((await device.postEnvelope(alice, envelope, true)).state).toBe('queued')
    await running.close()

    // restarted on the same folder: the envelope waited durably
    running = await startRelay({ dataDir: join(dir, 'db'), operatorKey, log })
    const partner2 = new PartnerRelayClient({
      url: running.url,
      key: stride,
      operatorKey: operatorKey.publicKey,
    })
    const [item] = await partner2.pullInbox()
    expect((await openEnvelope(item!.envelope, stride.sealingSecret())).output).toEqual({
      euSize: 43,
    })
    const { receipts } = await partner2.ack([{ id: envelope.id, outcome: 'opened' }])
    expect(receipts[0]).toMatchObject({ state: 'delivered', cents: 10 })
    const year = new Date().getUTCFullYear()
    expect((await partner2.statement(year)).totalCents).toBe(10)
    const device2 = new DeviceRelayClient({ url: running.url, operatorKey: operatorKey.publicKey })
    expect((await device2.receipts(alice))[0]).toMatchObject({ state: 'delivered', cents: 10 })
    await running.close()

    expect(logs.length).toBeGreaterThan(8)
    const parsed = logs.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(parsed.find((e) => e['route'] === '/v1/envelopes')).toMatchObject({
      method: 'POST',
      status: 201,
    })
    const text = logs.join('\n')
    expect(text).not.toMatch(/127\.0\.0\.1|::1|::ffff/)
    expect(text).not.toContain(alice.pseudonym)
  }, 180_000)
})
