/**
 * The host runtime, rule by rule, end to end: signed bundles installed in an encrypted vault,
 * consent, policy, sandboxed runs, sealed envelopes, billing and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { mkdtemp, cp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSandbox } from '../../sandbox/index.ts'
import { generatePartnerKey, publicKeyFile, type PartnerKey } from '../../runtime/bundle/index.ts'
import { openEnvelope } from '../../runtime/delivery/index.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import { createRuntime, signPush, type SealpostRuntime } from '../../runtime/host/index.ts'
import { createVault, LIGHT_SCRYPT, type Vault } from '../../runtime/vault/index.ts'
import { memoryStorage } from '../../runtime/storage/index.ts'
import { generatePersona } from '../../runtime/persona/index.ts'
import { verifyLog } from '../../runtime/audit/index.ts'

const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))
const DAY = 86_400_000
const start = Date.UTC(2026, 10, 1, 9)
const sandbox = createSandbox()
let stridewear: PartnerKey
let other: PartnerKey
let shoeSize: Uint8Array
let favoriteSport: Uint8Array
let coffee: Uint8Array
let brewline: PartnerKey

beforeAll(async () => {
  stridewear = generatePartnerKey('stridewear')
  other = generatePartnerKey('othershop')
  shoeSize = await signModuleFolder(join(algorithms, 'shoe-size'), stridewear)
  favoriteSport = await signModuleFolder(join(algorithms, 'favorite-sport'), stridewear)
  brewline = generatePartnerKey('brewline')
  coffee = await signModuleFolder(join(algorithms, 'coffee-trigger'), brewline)
  await sandbox.warmUp()
})
afterAll(() => sandbox.dispose())

interface World {
  readonly rt: SealpostRuntime
  readonly vault: Vault
  readonly clock: { now: number }
}

async function world(scale = 0.3): Promise<World> {
  const vault = await createVault(memoryStorage(), 'correct horse battery', {
    scrypt: LIGHT_SCRYPT,
  })
  const persona = generatePersona({ seed: 7, scale, now: start })
  for (const name of ['purchases', 'activities'] as const) {
    await vault.ingest(name, persona.collections[name])
  }
  const clock = { now: start }
  const rt = createRuntime({ vault, sandbox, clock: () => clock.now })
  await rt.trust(publicKeyFile(stridewear.publicKey))
  return { rt, vault, clock }
}

async function refusal(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e),
  )
}

describe('the host runtime', () => {
  it('refuses a run without consent, runs after consent, and seals what left to the partner', async () => {
    const { rt, vault } = await world()
    const { bundleId } = await rt.install(shoeSize)
    expect(await refusal(rt.run(bundleId))).toBe('SEALPOST_NO_CONSENT')
    const { receipt } = await rt.consent(bundleId)
    expect(receipt).toBeDefined()
    const outcome = await rt.run(bundleId)
    expect(outcome.mode).toBe('private')
    expect(outcome.bits).toBeCloseTo(Math.log2(22), 6)
    const envelope = outcome.envelope!.envelope
    // Only the partner's sealing key opens it.
    const payload = await openEnvelope(envelope, stridewear.sealingSecret())
    expect(payload.output).toEqual(outcome.output)
    expect(payload.bundleId).toBe(bundleId)
    await expect(openEnvelope(envelope, other.sealingSecret())).rejects.toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^SEALPOST_/) }),
    )
    const left = await rt.whatLeft()
    expect(left).toEqual([])
    await rt.delivered(envelope.id)
    const after = await rt.whatLeft()
    expect(after.map((d) => [d.bundleId, d.output])).toEqual([[bundleId, outcome.output]])
    vault.close()
  })

  it('stops every run after revocation, and queues a deletion request when asked', async () => {
    const { rt } = await world()
    const { bundleId } = await rt.install(favoriteSport)
    await rt.consent(bundleId)
    await rt.run(bundleId)
    await rt.revoke(bundleId, { delete: true })
    expect(await refusal(rt.run(bundleId))).toMatch(/^SEALPOST_(NO_CONSENT|CONSENT_REVOKED)$/)
    const kinds = (await rt.outbox()).map((e) => e.meta.kind)
    expect(kinds).toEqual(['output', 'deletion-request'])
  })

  it('refuses an expired consent', async () => {
    const { rt, clock } = await world()
    const { bundleId } = await rt.install(favoriteSport)
    await rt.consent(bundleId, { expiresAt: start + DAY })
    await rt.run(bundleId)
    clock.now = start + 2 * DAY
    expect(await refusal(rt.run(bundleId))).toBe('SEALPOST_CONSENT_EXPIRED')
  })

  it('refuses runs above the personalization dial', async () => {
    const { rt } = await world()
    const { bundleId } = await rt.install(shoeSize) // personalization 2
    await rt.consent(bundleId)
    await rt.setDial(1)
    expect(await refusal(rt.run(bundleId))).toBe('SEALPOST_PERSONALIZATION')
    await rt.setDial(2)
    expect((await rt.run(bundleId)).output).toHaveProperty('euSize')
  })

  it('enforces the partner’s daily bit budget across its bundles', async () => {
    const { rt, clock } = await world()
    const a = await rt.install(favoriteSport) // ≈3.17 bits a run
    await rt.consent(a.bundleId)
    let runs = 0
    for (;;) {
      const code = await refusal(rt.run(a.bundleId))
      if (code !== 'resolved') {
        expect(code).toBe('SEALPOST_BUDGET_SPENT')
        break
      }
      runs++
    }
    expect(runs).toBe(Math.floor(64 / Math.log2(9)))
    clock.now += DAY
    await expect(rt.run(a.bundleId)).resolves.toHaveProperty('bits')
  })

  it('keeps consent for a version that widens nothing, and asks again for one that widens the reads', async () => {
    const { rt } = await world()
    const { bundleId } = await rt.install(favoriteSport)
    await rt.consent(bundleId)
    const dir = await mkdtemp(join(tmpdir(), 'sealpost-version-'))
    await cp(join(algorithms, 'favorite-sport'), dir, { recursive: true })
    const manifestPath = join(dir, 'manifest.json')
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
    // 1.1.0 narrows the window: consent carries over.
    manifest.version = '1.1.0'
    manifest.reads[0].window = 'P1Y'
    await writeFile(manifestPath, JSON.stringify(manifest))
    const narrow = await rt.install(await signModuleFolder(dir, stridewear))
    expect(narrow.consentCarried).toBe(true)
    await expect(rt.run(bundleId)).resolves.toHaveProperty('output')
    // 1.2.0 also reads heart rate: fresh consent needed.
    manifest.version = '1.2.0'
    manifest.reads[0].fields.push('avgHeartRate')
    await writeFile(manifestPath, JSON.stringify(manifest))
    const wide = await rt.install(await signModuleFolder(dir, stridewear))
    expect(wide.consentCarried).toBe(false)
    expect(wide.widenings.join(' ')).toMatch(/avgHeartRate/)
    expect(await refusal(rt.run(bundleId))).toBe('SEALPOST_NO_CONSENT')
  })

  it('refuses bundles from untrusted keys and rollbacks', async () => {
    const { rt } = await world()
    const foreign = await signModuleFolder(
      join(algorithms, 'shoe-size'),
      generatePartnerKey('stridewear'),
    )
    expect(await refusal(rt.install(foreign))).toBe('SEALPOST_UNTRUSTED_KEY')
    await rt.install(shoeSize)
    expect(await refusal(rt.install(shoeSize))).toBe('SEALPOST_ROLLBACK')
  })

  it('gives each partner its own stable pseudonym of the person', async () => {
    const { rt } = await world()
    const a1 = await rt.courier.pseudonymFor('stridewear')
    const a2 = await rt.courier.pseudonymFor('stridewear')
    const b = await rt.courier.pseudonymFor('othershop')
    expect(a1).toBe(a2)
    expect(a1).not.toBe(b)
  })

  it('bills 10 cents per delivered transfer, capped at $3 a year per partner and person', async () => {
    const { rt, clock } = await world(0.1)
    const { bundleId } = await rt.install(favoriteSport)
    await rt.consent(bundleId)
    for (let i = 0; i < 32; i++) {
      clock.now = start + i * DAY
      const outcome = await rt.run(bundleId)
      await rt.delivered(outcome.envelope!.envelope.id)
    }
    const statement = await rt.billing('stridewear', 2026)
    expect(statement.transfers).toBeGreaterThanOrEqual(30)
    const year2026 = (await rt.outbox()).filter(
      (e) => new Date(e.queuedAt).getUTCFullYear() === 2026,
    )
    expect(statement.totalCents).toBe(Math.min(300, year2026.length * 10))
  })

  it('keeps a hash-chained log that detects an edited entry', async () => {
    const { rt } = await world()
    const { bundleId } = await rt.install(shoeSize)
    await rt.consent(bundleId)
    await rt.run(bundleId)
    const entries = await rt.entries()
    expect(entries.map((e) => e.kind)).toEqual(['trust', 'install', 'consent', 'run'])
    expect(verifyLog(entries).ok).toBe(true)
    const edited = entries.map((e, i) =>
      i === 3 ? { ...e, details: { ...e.details, bits: 0 } } : e,
    )
    expect(verifyLog(edited)).toMatchObject({ ok: false })
  })

  it('shows a one-off share before sending, and sends nothing on decline', async () => {
    const { rt } = await world()
    const { bundleId } = await rt.install(shoeSize)
    await rt.consent(bundleId)
    const declined = await rt.preview(bundleId)
    expect(declined.output).toHaveProperty('euSize')
    await declined.decline()
    expect(await rt.outbox()).toEqual([])
    const accepted = await rt.preview(bundleId)
    const sent = await accepted.send()
    expect(sent.output).toEqual(accepted.output)
    expect(await rt.outbox()).toHaveLength(1)
    expect(await refusal(accepted.send())).toBe('SEALPOST_RUNTIME_STATE')
  })

  it('accepts signed records pushed by a trusted partner, and refuses an untrusted one', async () => {
    const { rt, vault } = await world()
    const order = {
      id: 'sw-order-1',
      orderedAt: start - DAY,
      merchant: 'StrideWear',
      category: 'footwear',
      size: 'EU 44',
      amount: 120,
      currency: 'EUR',
    }
    const pushed = await rt.push(signPush(stridewear, 'purchases', [order], start))
    expect(pushed.added).toBe(1)
    const found = await vault.search({ collection: 'purchases', text: 'StrideWear' })
    expect(found.map((r) => r.id)).toContain('sw-order-1')
    expect(await rt.provenance()).toMatchObject([{ partner: 'stridewear', ids: ['sw-order-1'] }])
    const forged = signPush(other, 'purchases', [{ ...order, id: 'forged' }], start)
    expect(await refusal(rt.push(forged))).toBe('SEALPOST_PUSH_REJECTED')
    const tampered = { ...signPush(stridewear, 'purchases', [order], start), signedAt: start + 1 }
    expect(await refusal(rt.push(tampered))).toBe('SEALPOST_PUSH_REJECTED')
  })

  it('runs recurring bundles when they are due, and only then', async () => {
    const { rt, clock } = await world()
    const { bundleId } = await rt.install(favoriteSport) // recurring, every P1M
    expect(await rt.runDue()).toEqual([]) // no consent yet
    await rt.consent(bundleId)
    expect((await rt.runDue()).map((o) => o.bundleId)).toEqual([bundleId])
    clock.now += 10 * DAY
    expect(await rt.runDue()).toEqual([])
    clock.now += 25 * DAY
    expect((await rt.runDue()).map((o) => o.bundleId)).toEqual([bundleId])
  })

  it('fires a trigger on new messages, and a trigger with nothing to report sends and costs nothing', async () => {
    const { rt, clock } = await world(0.05)
    await rt.trust(publicKeyFile(brewline.publicKey))
    const { bundleId } = await rt.install(coffee)
    await rt.setDial(3)
    await rt.consent(bundleId)
    const message = (id: string, text: string) => ({
      id,
      sentAt: clock.now,
      platform: 'whatsapp',
      conversation: 'Camille',
      sender: 'Camille',
      fromMe: false,
      text,
    })
    // Nothing about coffee: the module answers null; nothing is sealed or billed, and only the
    // answer bit (answered or not) is charged.
    const quiet = await rt.ingest('messages', [message('m1', 'See you at the meeting tomorrow')])
    expect(quiet.added).toBe(1)
    expect(quiet.triggered).toEqual([])
    expect(await rt.outbox()).toEqual([])
    expect((await rt.policy.spending('brewline', clock.now)).spentBits).toBe(1)
    const runs = (await rt.entries()).filter((e) => e.kind === 'run')
    expect(runs.map((e) => e.details.quiet)).toEqual([true])
    expect(runs.map((e) => e.details.bits)).toEqual([1])
    // An invitation next to a shop: it fires, and only the new message is looked at.
    await rt.ingest('locations', [
      { id: 'here', at: clock.now - 60_000, lat: 48.8712, lon: 2.332, source: 'test' },
    ])
    clock.now += 60_000
    const fired = await rt.ingest('messages', [message('m2', 'On va prendre un café ?')])
    expect(fired.triggered.map((o) => o.output)).toEqual([
      { triggered: true, shopId: 'paris-opera' },
    ])
    expect(await rt.outbox()).toHaveLength(1)
  })
})
