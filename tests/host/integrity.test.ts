/**
 * Integrity rules of the host runtime: one bad bundle never stops the others, a revoked key's
 * bundle stops at once, the audit head is signed by the device, pushes are fresh and never
 * replayed, sealed times are coarse, and an expiry once seen stays seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { createSandbox } from '../../sandbox/index.ts'
import { generatePartnerKey, publicKeyFile, type PartnerKey } from '../../runtime/bundle/index.ts'
import { generateSigningKeyPair, sign } from '../../runtime/crypto/ed25519.ts'
import { toHex } from '../../runtime/crypto/bytes.ts'
import { openEnvelope, sendPlan, type OutboxEntry } from '../../runtime/delivery/index.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import { createRuntime, signPush, type SealpostRuntime } from '../../runtime/host/index.ts'
import { createVault, LIGHT_SCRYPT, type Vault } from '../../runtime/vault/index.ts'
import { memoryStorage } from '../../runtime/storage/index.ts'
import { generatePersona } from '../../runtime/persona/index.ts'
import {
  entryHash,
  GENESIS_HASH,
  headMessage,
  verifyLog,
  type AuditEntry,
} from '../../runtime/audit/index.ts'

const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))
const DAY = 86_400_000
const start = Date.UTC(2026, 10, 1, 9)
const sandbox = createSandbox()
let stridewear: PartnerKey
let panel: PartnerKey
let sport: Uint8Array
let research: Uint8Array

beforeAll(async () => {
  stridewear = generatePartnerKey('stridewear')
  panel = generatePartnerKey('open-movement-panel')
  sport = await signModuleFolder(join(algorithms, 'favorite-sport'), stridewear)
  research = await signModuleFolder(join(algorithms, 'research-panel'), panel)
  await sandbox.warmUp()
}, 60_000)
afterAll(() => sandbox.dispose())

interface World {
  readonly rt: SealpostRuntime
  readonly vault: Vault
  readonly clock: { now: number }
}

async function world(): Promise<World> {
  const vault = await createVault(memoryStorage(), 'correct horse battery', {
    scrypt: LIGHT_SCRYPT,
  })
  const persona = generatePersona({ seed: 7, scale: 0.2, now: start })
  for (const name of ['purchases', 'activities'] as const) {
    await vault.ingest(name, persona.collections[name])
  }
  const clock = { now: start }
  const rt = createRuntime({ vault, sandbox, clock: () => clock.now })
  await rt.trust(publicKeyFile(stridewear.publicKey))
  await rt.trust(publicKeyFile(panel.publicKey))
  return { rt, vault, clock }
}

const refusal = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e),
  )

describe('one bad bundle never stops everyone', () => {
  it('skips and logs a bundle whose key was revoked; the others still run', async () => {
    const { rt } = await world()
    const a = (await rt.install(sport)).bundleId
    const b = (await rt.install(research)).bundleId
    await rt.consent(a)
    await rt.consent(b)
    await rt.run(a) // loaded and cached
    expect(await rt.revokeKey(stridewear.keyId)).toBe(true)
    // The cached copy is gone: the revoked key's bundle no longer runs on the person's data.
    expect(await refusal(rt.run(a))).toBe('SEALPOST_REVOKED_KEY')
    expect((await rt.installed()).map((x) => x.manifest.id)).toEqual([b])
    expect((await rt.unusable()).map((u) => [u.bundleId, u.code])).toEqual([
      [a, 'SEALPOST_REVOKED_KEY'],
    ])
    const due = await rt.runDue({ now: start + 40 * DAY })
    expect(due.map((o) => o.bundleId)).toEqual([b])
    const skipped = (await rt.entries()).filter(
      (e) => e.kind === 'refusal' && e.details.bundleId === a,
    )
    expect(skipped.map((e) => e.details['code'])).toContain('SEALPOST_REVOKED_KEY')
    // Pushed records keep their provenance although a bad bundle is installed.
    const order = {
      id: 'order-after-revoke',
      orderedAt: start - DAY,
      merchant: 'Panel Shop',
      category: 'footwear',
      size: 'EU 42',
      amount: 50,
      currency: 'EUR',
    }
    const pushed = await rt.push(signPush(panel, 'purchases', [order], start))
    expect(pushed.added).toBe(1)
    expect(await rt.provenance()).toMatchObject([{ ids: ['order-after-revoke'] }])
  })
})

describe('the audit head is signed by the device', () => {
  /** The log rewritten as an attacker would: run and delivery entries dropped, hashes recomputed. */
  function rewrite(entries: readonly AuditEntry[]): AuditEntry[] {
    const out: AuditEntry[] = []
    let prev = GENESIS_HASH
    for (const e of entries.filter((x) => x.kind !== 'run' && x.kind !== 'delivery')) {
      const body = {
        seq: out.length + 1,
        time: e.time,
        kind: e.kind,
        details: e.details,
        prevHash: prev,
      }
      const hash = entryHash(body)
      out.push({ ...body, hash })
      prev = hash
    }
    return out
  }

  it('a log with entries dropped and hashes recomputed no longer verifies', async () => {
    const { rt } = await world()
    const id = (await rt.install(sport)).bundleId
    await rt.consent(id)
    const outcome = await rt.run(id)
    await rt.delivered(outcome.envelope!.envelope.id)
    const head = await rt.log.head()
    expect(head).toHaveProperty('signature')
    const entries = await rt.entries()
    const genuine = verifyLog(entries, { head })
    expect(genuine).toMatchObject({
      ok: true,
      signedBy: (head as { devicePublicKey: string }).devicePublicKey,
    })
    expect(await rt.log.verify()).toMatchObject({ ok: true })

    const forged = rewrite(entries)
    const last = forged[forged.length - 1]!
    // The old signature does not cover the new head.
    expect(verifyLog(forged, { head: { ...head, seq: last.seq, hash: last.hash } })).toMatchObject({
      ok: false,
    })
    // Nor does a signature by another key, once the device's key is required.
    const attacker = generateSigningKeyPair()
    const resigned = {
      seq: last.seq,
      hash: last.hash,
      devicePublicKey: toHex(attacker.publicKey),
      signature: toHex(sign(attacker.secretKey, headMessage(last.seq, last.hash))),
    }
    const device = (head as { devicePublicKey: string }).devicePublicKey
    expect(verifyLog(forged, { head: resigned }).ok).toBe(true) // self-consistent forgery...
    expect(verifyLog(forged, { head: resigned, devicePublicKey: device })).toMatchObject({
      ok: false,
    }) // ...that the device's key exposes
    // An unsigned head is refused when a device key is required.
    expect(
      verifyLog(forged, { head: { seq: last.seq, hash: last.hash }, devicePublicKey: device }),
    ).toMatchObject({ ok: false })
    // The device key that signs the head is the one that signs consent receipts.
    expect(toHex(await rt.consents.devicePublicKey())).toBe(device)
  })
})

describe('replays and linkage', () => {
  const order = {
    id: 'sw-order-1',
    orderedAt: start - DAY,
    merchant: 'StrideWear',
    category: 'footwear',
    size: 'EU 44',
    amount: 120,
    currency: 'EUR',
  }

  it('refuses a stale push, a push from the future and a replayed push', async () => {
    const { rt, vault } = await world()
    const stale = signPush(stridewear, 'purchases', [order], start - 400 * DAY)
    expect(await refusal(rt.push(stale))).toBe('SEALPOST_PUSH_REJECTED')
    const ahead = signPush(stridewear, 'purchases', [order], start + DAY)
    expect(await refusal(rt.push(ahead))).toBe('SEALPOST_PUSH_REJECTED')
    const fresh = signPush(stridewear, 'purchases', [order], start - 60_000)
    expect((await rt.push(fresh)).added).toBe(1)
    // The person deletes the record; replaying the same signed push does not bring it back.
    await vault.deleteCollection('purchases')
    expect(await refusal(rt.push(fresh))).toBe('SEALPOST_PUSH_REJECTED')
    expect((await vault.stats()).collections['purchases']).toBeUndefined()
    expect(await rt.provenance()).toHaveLength(1)
  })

  it('seals a coarse sentAt: envelopes of one batch share no millisecond', async () => {
    const { rt, clock } = await world()
    const a = (await rt.install(sport)).bundleId
    const b = (await rt.install(research)).bundleId
    await rt.consent(a)
    await rt.consent(b)
    clock.now = start + 1234
    const one = await rt.run(a)
    clock.now = start + 98_765
    const two = await rt.run(b)
    const sentA = (await openEnvelope(one.envelope!.envelope, stridewear.sealingSecret())).sentAt
    const sentB = (await openEnvelope(two.envelope!.envelope, panel.sealingSecret())).sentAt
    expect(sentA % DAY).toBe(0)
    expect(sentA).toBe(Date.UTC(2026, 10, 1))
    expect(sentB).toBe(sentA)
  })

  it('plans a batch send in random order with independent delays', () => {
    const entries = Array.from(
      { length: 50 },
      (_, i) => ({ queuedAt: i }) as unknown as OutboxEntry,
    )
    const plan = sendPlan(entries, { maxDelayMs: 60_000 })
    expect(plan).toHaveLength(50)
    expect(new Set(plan.map((p) => p.entry)).size).toBe(50)
    for (const p of plan) expect(p.delayMs).toBeGreaterThanOrEqual(0)
    for (let i = 1; i < plan.length; i++) {
      expect(plan[i]!.delayMs).toBeGreaterThanOrEqual(plan[i - 1]!.delayMs)
    }
    expect(new Set(plan.map((p) => p.delayMs)).size).toBeGreaterThan(40)
    expect(plan.map((p) => p.entry.queuedAt)).not.toEqual(entries.map((e) => e.queuedAt))
  })

  it('records an expiry when first seen: turning the clock back does not revive the consent', async () => {
    const { rt, clock } = await world()
    const id = (await rt.install(sport)).bundleId
    await rt.consent(id, { expiresAt: start + DAY })
    clock.now = start + 2 * DAY
    expect(await refusal(rt.run(id))).toBe('SEALPOST_CONSENT_EXPIRED')
    expect((await rt.consents.current(id))?.status).toBe('expired')
    clock.now = start
    expect(await refusal(rt.run(id))).toBe('SEALPOST_CONSENT_EXPIRED')
  })
})
