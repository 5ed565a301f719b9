import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { generateHpkeKeyPair } from '../../runtime/crypto/hpke.ts'
import { AuditLog, summarizeLeft, verifyLog, whatLeft } from '../../runtime/audit/index.ts'
import {
  ConsentBook,
  MemoryDocStore,
  SharingPolicy,
  applyNoise,
  noiseRandom,
  type AuditSink,
} from '../../runtime/consent/index.ts'
import { Courier, openEnvelope, type DeliveryAuditSink } from '../../runtime/delivery/index.ts'

const DAY = 86_400_000
const now = Date.UTC(2026, 2, 10)
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

describe('what left about me, to whom, under which contract', () => {
  it('follows one private-sharing run from consent to the verified log', async () => {
    const store = new MemoryDocStore()
    const log = new AuditLog(store)
    // The log is the sink every layer writes to.
    const sinks: [AuditSink, DeliveryAuditSink] = [log, log]
    const book = new ConsentBook(store, { audit: sinks[0] })
    const partner = generateHpkeKeyPair()
    const courier = new Courier({
      store,
      sealingKeyOf: (id) => (id === 'stridewear' ? partner.publicKey : undefined),
      audit: sinks[1],
    })
    const policy = new SharingPolicy({ store, book, deletions: courier, audit: sinks[0] })

    const bundle = await loadModuleFolder(
      fileURLToPath(new URL('../../algorithms/shoe-size/', import.meta.url)),
    )
    const { record } = await book.give(bundle, now - DAY)

    // Policy first (refused BEFORE running), then the lead's pipeline with this book's record.
    const permit = await policy.authorize(bundle, now)
    const source = new MemorySource({
      purchases: [
        {
          id: 'a',
          orderedAt: now - 30 * DAY,
          merchant: 'm',
          category: 'footwear',
          size: 'EU 43',
          amount: 90,
          currency: 'EUR',
        },
        {
          id: 'b',
          orderedAt: now - 60 * DAY,
          merchant: 'm',
          category: 'footwear',
          size: 'EU 43',
          amount: 80,
          currency: 'EUR',
        },
      ],
    })
    const result = await runBundle({ source, sandbox, consent: permit.record }, bundle, { now })
    const output = applyNoise(result.output, bundle.manifest.output, { random: noiseRandom('run') })
    expect(output).toEqual({ euSize: 43 })

    const entry = await courier.send({
      bundle,
      output,
      contractDigest: record.notice.contractDigest,
      now,
      bits: permit.chargedBits,
    })
    await courier.delivered(entry.envelope.id, now + 1000)
    expect((await openEnvelope(entry.envelope, partner.secretKey)).output).toEqual({ euSize: 43 })

    // A second run of a once consent is refused and logged.
    await expect(policy.authorize(bundle, now + 2000)).rejects.toThrow(/one run/)
    await policy.revoke(bundle.manifest.id, now + 3000, { delete: true })

    const entries = await log.entries()
    expect(entries.map((e) => e.kind)).toEqual(['consent', 'delivery', 'refusal', 'revoke'])
    expect(verifyLog(entries)).toMatchObject({ ok: true, count: 4 })

    const left = whatLeft(entries)
    expect(left).toEqual([
      {
        seq: 2,
        time: now + 1000,
        partner: 'stridewear',
        pseudonym: await courier.pseudonymFor('stridewear'),
        kind: 'output',
        bundleId: bundle.manifest.id,
        bundleDigest: bundle.digest,
        contractDigest: record.notice.contractDigest,
        output: { euSize: 43 },
        outputDigest: entry.meta.outputDigest,
        bits: permit.chargedBits,
        consentSeq: 1,
        consentStatus: 'given',
      },
    ])
    expect(whatLeft(entries, { partner: 'someone-else' })).toEqual([])
    expect(whatLeft(entries, { since: now + 1001 })).toEqual([])
    expect(summarizeLeft(left)).toEqual([
      {
        partner: 'stridewear',
        transfers: 1,
        bits: permit.chargedBits,
        bundles: [bundle.manifest.id],
        contracts: [record.notice.contractDigest],
      },
    ])
    // The deletion request is waiting in the outbox for the relay.
    expect((await courier.outbox.pending()).map((e) => e.meta.kind)).toEqual(['deletion-request'])
  })
})
