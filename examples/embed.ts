// Embedding sealpost in a host app: open the person's vault, trust a partner, install its signed
// bundle, show the contract, record consent, run, and hand the sealed envelope to the relay.
import { fileURLToPath } from 'node:url'
import { generatePartnerKey, publicKeyFile } from '../runtime/bundle/index.ts'
import { openEnvelope } from '../runtime/delivery/index.ts'
import { signModuleFolder } from '../runtime/dev/module_folder.ts'
import { createRuntime } from '../runtime/host/index.ts'
import { memoryStorage } from '../runtime/storage/index.ts'
import { createVault, LIGHT_SCRYPT } from '../runtime/vault/index.ts'

export async function embedExample(): Promise<{
  contract: string
  output: unknown
  opened: unknown
  cents: number
}> {
  // The person's vault (memoryStorage for the example; a folder or IndexedDB in an app).
  const vault = await createVault(memoryStorage(), 'a long passphrase', { scrypt: LIGHT_SCRYPT })
  await vault.ingest('purchases', [
    {
      id: 'p1',
      orderedAt: Date.UTC(2026, 2, 1),
      merchant: 'Shoes & Co',
      category: 'footwear',
      size: 'UK 8',
      amount: 90,
      currency: 'EUR',
    },
  ])
  // The partner's side: a key pair and a signed bundle (`sealpost keygen`, `sealpost bundle build`).
  const partner = generatePartnerKey('stridewear')
  const bundle = await signModuleFolder(
    fileURLToPath(new URL('../algorithms/shoe-size', import.meta.url)),
    partner,
  )

  await using runtime = createRuntime({ vault })
  await runtime.trust(publicKeyFile(partner.publicKey))
  const { bundleId } = await runtime.install(bundle)
  const contract = await runtime.contractText(bundleId, 'en') // what the person reads
  await runtime.consent(bundleId) // the person says yes; a signed receipt is kept
  const outcome = await runtime.run(bundleId) // policy → sandbox → validation → sealed envelope
  const envelope = outcome.envelope!.envelope // what the relay carries: opaque to it
  await runtime.delivered(envelope.id) // the relay confirmed: metered, 10 cents
  const opened = (await openEnvelope(envelope, partner.sealingSecret())).output // only the partner can
  const cents = (await runtime.billing('stridewear')).totalCents
  vault.close()
  return { contract, output: outcome.output, opened, cents }
}
