// Embedding sealpost in a host app, by package name: open the person's vault, trust a partner,
// install its signed bundle, show the contract, record consent, run, and hand the sealed envelope
// to the relay. The partner's side (a key and a signed bundle) is made here to keep it in one file.
import { createRuntime, createVault, memoryStorage, LIGHT_SCRYPT } from 'sealpost'
import { buildBundle, generatePartnerKey, openEnvelope, publicKeyFile } from 'sealpost/partner'

// The partner: a key pair and a signed bundle (`sealpost keygen`, `sealpost bundle build`).
const partner = generatePartnerKey('stridewear')
const bundle = buildBundle(
  {
    manifest: {
      id: 'com.stridewear.shoe-size',
      version: '1.0.0',
      partner: { id: 'stridewear', name: 'StrideWear' },
      engine: 'quickjs',
      entry: 'index.js',
      mode: 'private',
      purpose: 'Recommend running shoes in your size',
      offer: '10% off your next pair',
      reads: [{ collection: 'purchases', fields: ['category', 'size'], window: 'P3Y' }],
      output: {
        type: 'object',
        additionalProperties: false,
        required: ['euSize'],
        properties: { euSize: { type: ['integer', 'null'], minimum: 30, maximum: 50 } },
      },
      schedule: { kind: 'once' },
      personalization: 2,
      retentionDays: 30,
    },
    code: `export function analyze(input) {
      const p = input.collections.purchases
      const last = p.topK('size', 1, { where: { eq: { category: 'footwear' } } })[0]
      return { euSize: last ? Number(last.key.replace('EU ', '')) : null }
    }`,
  },
  partner,
)

// The person's vault (memoryStorage here; openFsStorage(dir) on Node, IndexedDB in browsers).
const vault = await createVault(memoryStorage(), 'a long passphrase', { scrypt: LIGHT_SCRYPT })
const orderedAt = Date.now() - 30 * 86400e3
await vault.ingest('purchases', [
  {
    id: 'p1',
    orderedAt,
    merchant: 'Shoes & Co',
    category: 'footwear',
    size: 'EU 42',
    amount: 90,
    currency: 'EUR',
  },
])

const runtime = createRuntime({ vault })
try {
  await runtime.trust(publicKeyFile(partner.publicKey))
  const { bundleId } = await runtime.install(bundle)
  const contract = await runtime.contractText(bundleId, 'en') // what the person reads
  await runtime.consent(bundleId) // the person says yes; a signed receipt is kept
  const outcome = await runtime.run(bundleId) // policy → sandbox → validation → sealed envelope
  const envelope = outcome.envelope.envelope // what the relay carries: opaque to it
  await runtime.delivered(envelope.id) // the relay confirmed: metered, 10 cents
  const opened = (await openEnvelope(envelope, partner.sealingSecret())).output // only the partner can
  const { totalCents } = await runtime.billing('stridewear')
  console.log(JSON.stringify({ contract, output: outcome.output, opened, totalCents }))
} finally {
  await runtime.dispose() // stops the sandbox Worker
  vault.close()
}
