/**
 * Crash injection for the runtime's logical steps: `run` (outbox + budget + audit), `delivered`
 * (status + meter + audit), `revoke` (consent + cancelled queue + deletion request + audit) and
 * `push` (records + provenance + seen pushes + audit). Each step is crashed at every write, plain
 * and torn. After every crash the vault opens in the state before the step or after it, never a
 * mix: the log verifies, and the log, the outbox and the bill agree.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox } from '../../sandbox/index.ts'
import { generatePartnerKey, publicKeyFile, type PartnerKey } from '../../runtime/bundle/index.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import { createRuntime, signPush, type SealpostRuntime } from '../../runtime/host/index.ts'
import { generatePersona } from '../../runtime/persona/index.ts'
import {
  faultyStorage,
  memoryStorage,
  SimulatedCrashError,
  type Storage,
} from '../../runtime/storage/index.ts'
import { createVault, LIGHT_SCRYPT, openVault, type Vault } from '../../runtime/vault/index.ts'

const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))
const PASS = 'correct horse battery'
const NOW = Date.UTC(2026, 10, 1, 9)
const sandbox = createSandbox()
let stridewear: PartnerKey
let sport: Uint8Array
let base: Storage
let sportId = ''
/** Crash points tried per step, for the record. */
const tried: Record<string, number> = {}

async function cloneOf(storage: Storage): Promise<Storage> {
  const copy = memoryStorage()
  const names = await storage.list()
  await copy.writeBatch(
    await Promise.all(names.map(async (name) => ({ name, bytes: (await storage.read(name))! }))),
  )
  return copy
}

function runtimeOver(vault: Vault): SealpostRuntime {
  return createRuntime({ vault, sandbox, clock: () => NOW })
}

beforeAll(async () => {
  stridewear = generatePartnerKey('stridewear')
  sport = await signModuleFolder(join(algorithms, 'favorite-sport'), stridewear)
  await sandbox.warmUp()
  base = memoryStorage()
  const vault = await createVault(base, PASS, { scrypt: LIGHT_SCRYPT })
  const persona = generatePersona({ seed: 3, scale: 0.1, now: NOW })
  await vault.ingest('activities', persona.collections.activities)
  const rt = runtimeOver(vault)
  await rt.trust(publicKeyFile(stridewear.publicKey))
  sportId = (await rt.install(sport)).bundleId
  await rt.consent(sportId)
  // Two answers wait in the outbox, one was delivered already.
  for (let i = 0; i < 3; i++) await rt.run(sportId)
  await rt.delivered((await rt.outbox())[0]!.envelope.id)
  vault.close()
}, 60_000)

afterAll(() => sandbox.dispose())

/** The facts that must agree, without the random parts (envelope ids, pseudonyms, nonces). */
async function facts(storage: Storage): Promise<string> {
  const vault = await openVault(storage, PASS)
  try {
    const rt = runtimeOver(vault)
    const verified = await rt.log.verify()
    expect(verified, 'the log verifies').toMatchObject({ ok: true })
    const entries = await rt.entries()
    const outbox = await rt.outbox()
    const statement = await rt.billing('stridewear', 2026)
    const ids = new Set(outbox.map((e) => e.envelope.id))
    // The log and the outbox agree both ways.
    const runIds = entries.flatMap((e) =>
      e.kind === 'run' && typeof e.details['envelopeId'] === 'string'
        ? [e.details['envelopeId']]
        : [],
    )
    for (const id of runIds) expect(ids.has(id), `run entry's envelope ${id} is queued`).toBe(true)
    for (const e of outbox.filter((o) => o.meta.kind === 'output')) {
      expect(runIds, 'every queued output has its run entry').toContain(e.envelope.id)
    }
    const deliveries = entries.filter((e) => e.kind === 'delivery')
    const delivered = outbox.filter((e) => e.status === 'delivered')
    expect(deliveries.map((e) => e.details['envelopeId']).sort()).toEqual(
      delivered.map((e) => e.envelope.id).sort(),
    )
    // The bill is the deliveries' sum.
    const cents = deliveries.reduce((s, e) => s + Number(e.details['cents']), 0)
    expect(statement.totalCents).toBe(cents)
    expect(statement.transfers).toBe(
      delivered.filter((e) => e.meta.kind !== 'deletion-request').length,
    )
    const cancelled = outbox.filter((e) => e.status === 'cancelled').map((e) => e.envelope.id)
    const cancelEntries = entries.flatMap((e) =>
      e.details['action'] === 'cancel-queued' ? (e.details['envelopeIds'] as string[]) : [],
    )
    expect(cancelEntries.sort()).toEqual(cancelled.sort())
    const ledger = (await vault.getDoc('policy/ledger')) as {
      spent: Record<string, Record<string, { bits: number; runs: number }>>
    }
    const consent = await rt.consents.current(sportId)
    const purchases = (await vault.stats()).collections['purchases']?.rows ?? 0
    return JSON.stringify({
      kinds: entries.map((e) => e.kind),
      outbox: outbox.map((e) => [e.meta.kind, e.status]),
      cents: statement.totalCents,
      spent: ledger.spent['stridewear'],
      consent: consent?.status,
      purchases,
      provenance: (await rt.provenance()).length,
    })
  } finally {
    vault.close()
  }
}

type Step = (rt: SealpostRuntime) => Promise<unknown>

async function crashAtEveryWrite(name: string, step: Step): Promise<void> {
  const old = await facts(base)
  const counting = faultyStorage(await cloneOf(base))
  {
    const vault = await openVault(counting, PASS)
    await step(runtimeOver(vault))
    vault.close()
  }
  const fresh = await facts(counting)
  expect(fresh).not.toBe(old)
  const steps = counting.steps
  expect(steps).toBeGreaterThan(2)
  const seen = new Set<string>()
  for (const torn of [false, true]) {
    for (let crashAt = 1; crashAt <= steps; crashAt++) {
      const label = `${name}: crash at write ${crashAt}/${steps}${torn ? ' (torn)' : ''}`
      const inner = await cloneOf(base)
      const vault = await openVault(faultyStorage(inner, { crashAt, torn }), PASS)
      let acknowledged = false
      try {
        await step(runtimeOver(vault))
        acknowledged = true
      } catch (e) {
        expect(e, label).toBeInstanceOf(SimulatedCrashError)
      }
      vault.close()
      const now = await facts(inner)
      expect([old, fresh], label).toContain(now)
      if (acknowledged) expect(now, label).toBe(fresh)
      seen.add(now === old ? 'old' : 'new')
      // The vault keeps working after the crash.
      const again = await openVault(inner, PASS)
      await again.putDoc('probe', crashAt)
      again.close()
      tried[name] = (tried[name] ?? 0) + 1
    }
  }
  expect([...seen].sort()).toEqual(['new', 'old'])
}

describe('a crash at any write of a runtime step leaves the step done or not done', () => {
  it('run: outbox, budget and audit entry together', async () => {
    await crashAtEveryWrite('run', (rt) => rt.run(sportId))
  })

  it('delivered: status, meter and audit entry together', async () => {
    await crashAtEveryWrite('delivered', async (rt) => {
      const pending = await rt.outbox({ pending: true })
      await rt.delivered(pending[0]!.envelope.id)
    })
  })

  it('revoke: consent, cancelled queue, deletion request and audit entries together', async () => {
    await crashAtEveryWrite('revoke', (rt) => rt.revoke(sportId, { delete: true }))
  })

  it('push: records, provenance, replay guard and audit entry together', async () => {
    const order = {
      id: 'sw-order-crash',
      orderedAt: NOW - 86_400_000,
      merchant: 'StrideWear',
      category: 'footwear',
      size: 'EU 44',
      amount: 120,
      currency: 'EUR',
    }
    const signed = signPush(stridewear, 'purchases', [order], NOW)
    await crashAtEveryWrite('push', (rt) => rt.push(signed))
  })

  it('records how many crash points were tried', () => {
    console.info(`crash points tried per step: ${JSON.stringify(tried)}`)
    for (const name of ['run', 'delivered', 'revoke', 'push']) {
      expect(tried[name], name).toBeGreaterThan(4)
    }
  })
})
