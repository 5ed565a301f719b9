// The host app's runtime Worker: a vault, a partner's signed bundle, consent, one run. Imports the
// package by name only; the sandbox it spawns is one Worker further down.
import { createRuntime, createVault, LIGHT_SCRYPT, memoryStorage } from 'sealpost/browser'

self.addEventListener('message', async () => {
  try {
    const [bundle, pub] = await Promise.all([
      fetch(new URL('/shoe-size.bundle', self.location.origin)).then((r) => r.arrayBuffer()),
      fetch(new URL('/stridewear.pub', self.location.origin)).then((r) => r.text()),
    ])
    const vault = await createVault(memoryStorage(), 'a long passphrase', { scrypt: LIGHT_SCRYPT })
    await vault.ingest('purchases', [
      {
        id: 'p1',
        orderedAt: Date.now() - 30 * 86400e3,
        merchant: 'Shoes & Co',
        category: 'footwear',
        size: 'UK 8',
        amount: 90,
        currency: 'EUR',
      },
    ])
    const runtime = createRuntime({ vault })
    try {
      await runtime.trust(pub)
      const { bundleId } = await runtime.install(new Uint8Array(bundle))
      await runtime.consent(bundleId)
      const outcome = await runtime.run(bundleId)
      self.postMessage({ ok: true, output: outcome.output, envelope: outcome.envelope.envelope })
    } finally {
      await runtime.dispose()
      vault.close()
    }
  } catch (e) {
    self.postMessage({ ok: false, error: String(e?.stack ?? e) })
  }
})
