/**
 * Several real processes writing one folder vault at once: the CLI spawned as separate Node
 * processes (an import while a run and a consent happen; three runs at once). Every acknowledged
 * write must be there afterwards, the log must verify, and the log, the outbox and the budget must
 * agree. SEALPOST_TRIALS raises the number of rounds (the closing figures were measured with it).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, cliJson, makeWorld, NOW, SHOE, SPORT, type World } from '../cli/_world.ts'
import { openVaultAt } from '../../runtime/vault/index.ts'
import { repoRoot } from './_helpers.ts'

const TRIALS = Number(process.env['SEALPOST_TRIALS'] ?? '2')
const PASS = 'correct horse battery'

interface Spawned {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** `sealpost ARGV` as its own Node process, `day` days after NOW (each trial its own budget day). */
function spawnCli(argv: readonly string[], day = 0): Promise<Spawned> {
  const now = new Date(Date.parse(NOW) + day * 86_400_000).toISOString()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/sealpost.js'), ...argv], {
      env: { ...process.env, SEALPOST_PASSPHRASE: PASS, SEALPOST_NOW: now },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }))
  })
}

function ok(r: Spawned, what: string): Spawned {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.err}`)
  return r
}

interface Snapshot {
  rows: Record<string, number>
  outbox: { id: string; bundleId: string; status: string }[]
  runEnvelopes: string[]
  consents: Record<string, string>
  spentBits: number
}

/** What the vault holds, read in-process after the writers are done. */
async function snapshot(w: World): Promise<Snapshot> {
  const stats = await cliJson<{ collections: Record<string, { rows: number }> }>([
    'vault',
    'stats',
    w.vault,
    '--json',
  ])
  const outbox = await cliJson<{ envelopes: { id: string; bundleId: string; status: string }[] }>([
    'outbox',
    w.vault,
    '--all',
    '--json',
  ])
  const vault = await openVaultAt(w.vault, PASS)
  const entries: { kind: string; details: Record<string, unknown> }[] = []
  for (let n = 0; ; n++) {
    const segment = (await vault.getDoc(`audit/segment/${n}`)) as typeof entries | undefined
    if (!segment) break
    entries.push(...segment)
  }
  const records = ((await vault.getDoc('consent/records')) ?? {}) as Record<
    string,
    { status: string }
  >
  const ledger = (await vault.getDoc('policy/ledger')) as
    { spent: Record<string, Record<string, { bits: number }>> } | undefined
  vault.close()
  return {
    rows: Object.fromEntries(Object.entries(stats.collections).map(([k, v]) => [k, v.rows])),
    outbox: outbox.envelopes.map((e) => ({ id: e.id, bundleId: e.bundleId, status: e.status })),
    runEnvelopes: entries
      .filter((e) => e.kind === 'run' && typeof e.details['envelopeId'] === 'string')
      .map((e) => e.details['envelopeId'] as string),
    consents: Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.status])),
    spentBits: Object.values(ledger?.spent['stridewear'] ?? {}).reduce((s, d) => s + d.bits, 0),
  }
}

async function expectAgreement(w: World): Promise<Snapshot> {
  const verify = await cli(['log', w.vault, '--verify', '--json'])
  expect(verify.code, verify.err).toBe(0)
  const s = await snapshot(w)
  // Every queued output is named by exactly one run entry, and every run entry's envelope is queued.
  expect([...s.runEnvelopes].sort()).toEqual(
    s.outbox
      .filter((e) => e.bundleId !== '' && e.status !== 'cancelled')
      .map((e) => e.id)
      .sort(),
  )
  return s
}

let w: World
let bitsPerRun: number

beforeAll(async () => {
  w = await makeWorld()
  for (const step of [
    ['trust', w.vault, w.pub],
    ['install', w.vault, w.sport],
    ['install', w.vault, w.shoe],
    ['consent', w.vault, SPORT, '--recurring', '--yes'],
  ]) {
    const r = await cli(step)
    if (r.code !== 0) throw new Error(`${step.join(' ')}: ${r.err}`)
  }
  const one = await cliJson<{ bits: number }>(['run', w.vault, SPORT, '--json'])
  bitsPerRun = one.bits
}, 60_000)

afterAll(() => undefined)

describe('concurrent writers on one folder vault (real processes)', () => {
  it('an import while a run and a consent happen: nothing is lost', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const before = await snapshot(w)
      const [generated, run, consent] = await Promise.all([
        spawnCli([
          'vault',
          'generate',
          w.vault,
          '--seed',
          String(100 + trial),
          '--scale',
          '0.03',
          '--json',
        ]),
        spawnCli(['run', w.vault, SPORT, '--json'], 1 + trial),
        spawnCli(['consent', w.vault, SHOE, '--yes', '--json'], 1 + trial),
      ])
      const added = JSON.parse(ok(generated, 'generate').out) as {
        collections: Record<string, { added: number }>
      }
      const envelope = (JSON.parse(ok(run, 'run').out) as { envelope: { id: string } }).envelope
      expect(JSON.parse(ok(consent, 'consent').out)).toMatchObject({ status: 'given' })
      const after = await expectAgreement(w)
      for (const [name, c] of Object.entries(added.collections)) {
        expect(after.rows[name], `${name}, trial ${trial}`).toBe((before.rows[name] ?? 0) + c.added)
      }
      expect(after.outbox.map((e) => e.id)).toContain(envelope.id)
      expect(after.outbox).toHaveLength(before.outbox.length + 1)
      expect(after.consents[SHOE]).toBe('given')
      expect(after.spentBits).toBeCloseTo(before.spentBits + bitsPerRun, 6)
    }
  }, 600_000)

  it('three runs at once: three envelopes, three run entries, three charges', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const before = await snapshot(w)
      const runs = await Promise.all(
        [1, 2, 3].map(() => spawnCli(['run', w.vault, SPORT, '--json'], 100 + trial)),
      )
      const ids = runs.map(
        (r, i) => (JSON.parse(ok(r, `run ${i}`).out) as { envelope: { id: string } }).envelope.id,
      )
      expect(new Set(ids).size).toBe(3)
      const after = await expectAgreement(w)
      for (const id of ids) expect(after.outbox.map((e) => e.id)).toContain(id)
      expect(after.outbox).toHaveLength(before.outbox.length + 3)
      expect(after.runEnvelopes).toHaveLength(before.runEnvelopes.length + 3)
      expect(after.spentBits).toBeCloseTo(before.spentBits + 3 * bitsPerRun, 6)
    }
  }, 600_000)
})
