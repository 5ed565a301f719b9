import { describe, expect, it } from 'vitest'
import { faultyStorage, memoryStorage, SimulatedCrashError } from '../../runtime/storage/index.ts'
import type { Storage } from '../../runtime/storage/index.ts'
import {
  createVault,
  LIGHT_SCRYPT,
  NotAVaultError,
  openVault,
  WrongPassphraseError,
} from '../../runtime/vault/index.ts'
import type { Vault } from '../../runtime/vault/index.ts'
import { makePings, PINGS_SCHEMA, PW } from './_helpers.ts'

const schemas = { pings: PINGS_SCHEMA }
const opts = { schemas, chunkRows: 50 }

async function cloneOf(storage: Storage): Promise<Storage> {
  const copy = memoryStorage()
  const names = await storage.list()
  await copy.writeBatch(
    await Promise.all(names.map(async (name) => ({ name, bytes: (await storage.read(name))! }))),
  )
  return copy
}

/** What must survive: every record and document, chunk counts, and which passphrase opens it. */
async function state(storage: Storage, passes: readonly string[]): Promise<string> {
  for (const pass of passes) {
    let vault: Vault
    try {
      vault = await openVault(storage, pass, opts)
    } catch (e) {
      if (e instanceof WrongPassphraseError) continue
      throw e
    }
    const { collections, docs } = await vault.export()
    const chunks = Object.values((await vault.stats()).collections).map((c) => c.chunks)
    vault.close()
    return JSON.stringify({ pass, chunks, collections, docs })
  }
  throw new Error('no passphrase opens the vault')
}

/** Base state: 100 pings in small, overlapping chunks, and a document. */
async function base(): Promise<Storage> {
  const storage = memoryStorage()
  const vault = await createVault(storage, PW, { ...opts, scrypt: LIGHT_SCRYPT })
  for (let i = 0; i < 4; i++) await vault.ingest('pings', makePings(25, i + 1))
  await vault.putDoc('audit-log', { entries: 1 })
  vault.close()
  return storage
}

/** header, manifest, counter and every object a full export of the vault reads. */
async function liveObjects(storage: Storage, pass: string): Promise<string[]> {
  const names = new Set(['header', 'manifest', 'counter'])
  const spy: Storage = { ...storage, read: async (n) => (names.add(n), storage.read(n)) }
  const vault = await openVault(spy, pass, opts)
  await vault.export()
  vault.close()
  return [...names].sort()
}

type Operation = (vault: Vault) => Promise<unknown>

/**
 * Runs `op` once to count its write steps, then again crashing at every step (plain and torn). After
 * each crash the vault must reopen in the old or the new state; if `op` resolved, in the new one.
 * A following commit must then succeed and leave only live objects behind.
 */
async function crashAtEveryStep(op: Operation, newPass = PW): Promise<void> {
  const passes = [newPass, PW]
  const start = await base()
  const old = await state(start, passes)
  const counting = faultyStorage(await cloneOf(start))
  {
    const vault = await openVault(counting, PW, opts)
    await op(vault)
    vault.close()
  }
  const fresh = await state(counting, passes)
  expect(fresh).not.toBe(old)
  const steps = counting.steps
  expect(steps).toBeGreaterThan(0)
  const seen = new Set<string>()
  for (const torn of [false, true]) {
    for (let crashAt = 1; crashAt <= steps; crashAt++) {
      const label = `crash at step ${crashAt}/${steps}${torn ? ' (torn)' : ''}`
      const inner = await cloneOf(start)
      const vault = await openVault(faultyStorage(inner, { crashAt, torn }), PW, opts)
      let acknowledged = false
      try {
        await op(vault)
        acknowledged = true
      } catch (e) {
        expect(e, label).toBeInstanceOf(SimulatedCrashError)
      }
      vault.close()
      const now = await state(inner, passes)
      expect([old, fresh], label).toContain(now)
      if (acknowledged) expect(now, label).toBe(fresh)
      seen.add(now === old ? 'old' : 'new')
      // The vault keeps working, and its next commit collects what the crash left behind.
      const pass = (JSON.parse(now) as { pass: string }).pass
      const after = await openVault(inner, pass, opts)
      await after.putDoc('probe', crashAt)
      after.close()
      expect(await inner.list(), label).toEqual(await liveObjects(inner, pass))
    }
  }
  // A one-step operation (rekey: one header write) can only crash before its change lands.
  expect([...seen].sort()).toEqual(steps > 1 ? ['new', 'old'] : ['old'])
}

describe('a crash at any write step leaves the old or the new state, never a mix', () => {
  it('during an import', async () => {
    await crashAtEveryStep((v) => v.ingest('pings', makePings(70, 42)))
  })

  it('during a documents commit', async () => {
    await crashAtEveryStep(async (v) => {
      await v.putDocs({ consents: [1, 2, 3], 'audit-log': undefined })
    })
  })

  it('during compaction', async () => {
    await crashAtEveryStep(async (v) => {
      const r = await v.compact()
      expect(r).toEqual({ chunksBefore: 4, chunksAfter: 2 })
    })
  })

  it('during rekey', async () => {
    await crashAtEveryStep(
      (v) => v.rekey('new passphrase', { scrypt: LIGHT_SCRYPT }),
      'new passphrase',
    )
  })

  it('during deleteCollection', async () => {
    await crashAtEveryStep((v) => v.deleteCollection('pings'))
  })

  it('during creation: no vault, or an empty one; a retry succeeds', async () => {
    const counting = faultyStorage(memoryStorage())
    await createVault(counting, PW, { ...opts, scrypt: LIGHT_SCRYPT })
    for (let crashAt = 1; crashAt <= counting.steps; crashAt++) {
      const inner = memoryStorage()
      await expect(
        createVault(faultyStorage(inner, { crashAt }), PW, { ...opts, scrypt: LIGHT_SCRYPT }),
      ).rejects.toBeInstanceOf(SimulatedCrashError)
      await expect(openVault(inner, PW, opts)).rejects.toBeInstanceOf(NotAVaultError)
      const vault = await createVault(inner, PW, { ...opts, scrypt: LIGHT_SCRYPT })
      expect(await vault.ingest('pings', makePings(3))).toEqual({ added: 3, duplicates: 0 })
    }
  })
})
