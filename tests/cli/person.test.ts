/**
 * The person's and the partner's CLI over the host runtime, as one story on a real vault folder:
 * trust, install, contract, consent, run, outbox, open, delivery, billing, log, revoke, dial.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { coarseSentAt } from '../../runtime/delivery/index.ts'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { fromHex } from '../../runtime/crypto/bytes.ts'
import { verifyReceipt, type ConsentReceipt } from '../../runtime/consent/index.ts'

// The demo command pulls in the whole demo story; these tests are about the person's commands.
vi.mock('../../runtime/cli/commands/demo.ts', () => ({
  demoCommand: { name: ['demo'], usage: 'demo', summary: 'demo', run: async () => 0 },
}))
const { cli, cliJson, makeWorld, NOW, SHOE, SPORT } = await import('./_world.ts')
type World = Awaited<ReturnType<typeof makeWorld>>

const LOG2_22 = Math.log2(22) // euSize: an integer in [30, 50], or null
const now = Date.parse(NOW)
const YEAR = 365.25 * 86_400_000

/** The one line a refusal prints, and its exit code. */
function expectRefusal(r: { code: number; err: string }, code: string): void {
  expect(r.code).toBe(1)
  expect(r.err.split('\n')).toHaveLength(1)
  expect(r.err).toMatch(new RegExp(`^sealpost: .+ \\[${code}\\]$`))
}

interface RunJson {
  bundleId: string
  mode: string
  output: { euSize?: number | null; favoriteSport?: string }
  bits: number
  read: { collection: string; fields: string[]; from: string | null; to: string; rows: number }[]
  envelope: { id: string; to: string; kind: string; bucket: number } | null
}

let w: World
let shoeRun: RunJson

beforeAll(async () => {
  w = await makeWorld()
}, 120_000)

describe('sealpost for a person and a partner, one story', { timeout: 60_000 }, () => {
  it('trusts the partner key and installs its signed bundles', async () => {
    const untrusted = await cli(['install', w.vault, w.shoe])
    expectRefusal(untrusted, 'SEALPOST_UNTRUSTED_KEY')
    const trusted = await cliJson(['trust', w.vault, w.pub, '--json'])
    const pub = JSON.parse(await readFile(w.pub, 'utf8')) as { keyId: string }
    expect(trusted).toEqual({ partnerId: 'stridewear', keyId: pub.keyId, action: 'trusted' })
    const installed = await cliJson(['install', w.vault, w.shoe, '--json'])
    expect(installed).toMatchObject({
      bundleId: SHOE,
      version: '1.0.0',
      partnerId: 'stridewear',
      consentCarried: false,
      widenings: [],
    })
    expect(installed['digest']).toMatch(/^[0-9a-f]{64}$/)
    const text = await cli(['install', w.vault, w.sport])
    expect(text.code).toBe(0)
    expect(text.out).toContain(`installed ${SPORT} 1.0.0 from stridewear`)
    expectRefusal(await cli(['install', w.vault, w.shoe]), 'SEALPOST_ROLLBACK')
  })

  it('shows the contract in English and French, and as JSON with no consent yet', async () => {
    const en = await cli(['contract', w.vault, SHOE])
    expect(en.code).toBe(0)
    expect(en.out).toContain('purchases: orderedAt, category, size')
    expect(en.out).toMatch(/StrideWear/)
    expect(en.out).toMatch(/4\.46 bits/)
    expect(en.out).toMatch(/Your consent: none yet; to give it: sealpost consent /)
    const fr = await cli(['contract', w.vault, SHOE, '--lang', 'fr'])
    expect(fr.code).toBe(0)
    expect(fr.out).toMatch(/Pourquoi, selon StrideWear/)
    expect(fr.out).toMatch(/4,46 bits/)
    expect(fr.out).toMatch(/Votre consentement : aucun ; pour le donner : sealpost consent /)
    const json = await cliJson<{
      contract: { bundle: { id: string }; totalBits: number; reads: unknown[]; mode: string }
      contractDigest: string
      consent: unknown
    }>(['contract', w.vault, SHOE, '--json'])
    expect(json.contract.bundle.id).toBe(SHOE)
    expect(json.contract.totalBits).toBeCloseTo(LOG2_22, 9)
    expect(json.contract.mode).toBe('private')
    expect(json.contract.reads).toEqual([
      { collection: 'purchases', fields: ['orderedAt', 'category', 'size'], window: 'P3Y' },
    ])
    expect(json.contractDigest).toMatch(/^[0-9a-f]{64}$/)
    expect(json.consent).toBeNull()
    expectRefusal(await cli(['contract', w.vault, 'com.nobody.x']), 'SEALPOST_UNKNOWN_BUNDLE')
  })

  it('refuses a run before consent, and records consent with a receipt the device signed', async () => {
    expectRefusal(await cli(['run', w.vault, SHOE]), 'SEALPOST_NO_CONSENT')
    const consent = await cliJson<{
      status: string
      recurrence: string
      expiresAt: number | null
      contractDigest: string
      receipt: ConsentReceipt
    }>(['consent', w.vault, SHOE, '--yes', '--json'])
    expect(consent).toMatchObject({ status: 'given', recurrence: 'once', expiresAt: null })
    expect(verifyReceipt(consent.receipt, fromHex(consent.receipt.devicePublicKey))).toBe(true)
    const tampered = { ...consent.receipt, issuedAt: consent.receipt.issuedAt + 1 }
    expect(verifyReceipt(tampered, fromHex(consent.receipt.devicePublicKey))).toBe(false)
    const after = await cliJson<{ consent: { status: string; coversThisVersion: boolean } }>([
      'contract',
      w.vault,
      SHOE,
      '--json',
    ])
    expect(after.consent).toMatchObject({ status: 'given', coversThisVersion: true })
  })

  it('asks for --recurring before agreeing to repeated runs, and keeps the end date', async () => {
    const bare = await cli(['consent', w.vault, SPORT, '--yes'])
    expect(bare.code).toBe(2)
    expect(bare.err).toMatch(/runs every P1M .*--recurring/)
    expect((await cli(['consent', w.vault, SHOE, '--yes', '--recurring'])).code).toBe(2)
    const until = await cliJson([
      'consent',
      w.vault,
      SPORT,
      '--yes',
      '--recurring',
      '--until',
      '2026-06-01',
      '--json',
    ])
    expect(until).toMatchObject({ status: 'given', expiresAt: Date.UTC(2026, 5, 1) })
    const text = await cli(['contract', w.vault, SPORT])
    expect(text.out).toMatch(/Your consent: given on 2026-01-02, until 2026-06-01\./)
  })

  it('runs, answers within the schema, and queues one envelope sealed to the partner', async () => {
    shoeRun = await cliJson<RunJson>(['run', w.vault, SHOE, '--json'])
    expect(shoeRun.bundleId).toBe(SHOE)
    expect(shoeRun.mode).toBe('private')
    expect(Object.keys(shoeRun.output)).toEqual(['euSize'])
    const size = shoeRun.output.euSize
    expect(size === null || (Number.isInteger(size) && size! >= 30 && size! <= 50)).toBe(true)
    expect(shoeRun.bits).toBeCloseTo(LOG2_22, 9)
    expect(shoeRun.read).toHaveLength(1)
    const read = shoeRun.read[0]!
    expect(read.collection).toBe('purchases')
    expect(read.fields).toEqual(['orderedAt', 'category', 'size'])
    expect(read.rows).toBeGreaterThan(0)
    // The window is three years back from SEALPOST_NOW, not from the wall clock.
    expect(Math.abs(Date.parse(read.from!) - (now - 3 * YEAR))).toBeLessThan(2 * 86_400_000)
    expect(shoeRun.envelope).toMatchObject({ to: 'stridewear', kind: 'output' })
    const outbox = await cliJson<{ envelopes: Record<string, unknown>[] }>([
      'outbox',
      w.vault,
      '--json',
    ])
    expect(outbox.envelopes).toEqual([
      {
        id: shoeRun.envelope!.id,
        to: 'stridewear',
        kind: 'output',
        bundleId: SHOE,
        status: 'pending',
        bucket: shoeRun.envelope!.bucket,
        queuedAt: now,
        deliveredAt: null,
        output: shoeRun.output,
      },
    ])
    // A `once` consent covered one run.
    expectRefusal(await cli(['run', w.vault, SHOE]), 'SEALPOST_NO_CONSENT')
  })

  it('exports the outbox for the relay with nothing but sealed envelopes', async () => {
    const file = join(w.dir, 'outbox.json')
    expect(await cliJson(['outbox', w.vault, '--export', file, '--json'])).toEqual({
      exported: file,
      count: 1,
    })
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      format: string
      envelopes: Record<string, unknown>[]
    }
    expect(exported.format).toBe('sealpost-outbox-v1')
    expect(exported.envelopes).toHaveLength(1)
    expect(Object.keys(exported.envelopes[0]!).sort()).toEqual([
      'ciphertext',
      'enc',
      'id',
      'to',
      'version',
    ])
    expect(await readFile(file, 'utf8')).not.toContain('euSize')
  })

  it('opens the envelope with the partner key: exactly the output the run produced', async () => {
    const file = join(w.dir, 'outbox.json')
    const opened = await cliJson<{
      partnerId: string
      opened: { id: string; kind: string; bundleId: string; output: unknown; sentAt: number }[]
      skipped: number
    }>(['open', file, '--key', w.key, '--json'])
    expect(opened.partnerId).toBe('stridewear')
    expect(opened.skipped).toBe(0)
    expect(opened.opened).toHaveLength(1)
    expect(opened.opened[0]).toMatchObject({
      id: shoeRun.envelope!.id,
      kind: 'output',
      bundleId: SHOE,
      output: shoeRun.output,
      sentAt: coarseSentAt(now), // the UTC day only: no precise time leaves
    })
    // One envelope on its own, or an array of them, open too.
    const exported = JSON.parse(await readFile(file, 'utf8')) as { envelopes: unknown[] }
    const single = join(w.dir, 'one-envelope.json')
    await writeFile(single, JSON.stringify(exported.envelopes[0]))
    const text = await cli(['open', single, '--key', w.key])
    expect(text.code).toBe(0)
    expect(text.out).toContain(JSON.stringify(shoeRun.output))
  })

  it('refuses to open with a wrong key, in one line with the code', async () => {
    const file = join(w.dir, 'outbox.json')
    // Another key of the same partner id: addressed to it, but it does not open.
    await cli(['keygen', '--partner', 'stridewear', '--out', join(w.dir, 'stolen')])
    const wrong = await cli(['open', file, '--key', join(w.dir, 'stolen', 'stridewear.key')])
    expectRefusal(wrong, 'SEALPOST_ENVELOPE_OPEN')
    expect(wrong.out).toBe('')
    // Another partner's key: nothing in the file is addressed to it.
    await cli(['keygen', '--partner', 'brewco', '--out', join(w.dir, 'keys')])
    const other = await cli(['open', file, '--key', join(w.dir, 'keys', 'brewco.key')])
    expectRefusal(other, 'SEALPOST_ENVELOPE_OPEN')
    expect(other.err).toMatch(/addressed to brewco/)
    // An altered ciphertext does not open either.
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      envelopes: { ciphertext: string }[]
    }
    const c = exported.envelopes[0]!.ciphertext
    exported.envelopes[0]!.ciphertext = (c[0] === 'A' ? 'B' : 'A') + c.slice(1)
    const altered = join(w.dir, 'altered.json')
    await writeFile(altered, JSON.stringify(exported))
    expectRefusal(await cli(['open', altered, '--key', w.key]), 'SEALPOST_ENVELOPE_OPEN')
    await writeFile(join(w.dir, 'junk.json'), '{"hello": 1}')
    expectRefusal(
      await cli(['open', join(w.dir, 'junk.json'), '--key', w.key]),
      'SEALPOST_ENVELOPE_MALFORMED',
    )
  })

  it('meters a delivered envelope: 10 cents on the partner statement', async () => {
    const id = shoeRun.envelope!.id
    expect(await cliJson(['billing', w.vault, '--json'])).toEqual({
      year: 2026,
      statements: [],
      totalCents: 0,
    })
    expect(await cliJson(['outbox', w.vault, '--delivered', id, '--json'])).toEqual({
      delivered: id,
      partnerId: 'stridewear',
      cents: 10,
    })
    expectRefusal(await cli(['outbox', w.vault, '--delivered', id]), 'SEALPOST_OUTBOX_STATE')
    const bill = await cliJson<{
      year: number
      statements: { partnerId: string; transfers: number; totalCents: number; lines: unknown[] }[]
      totalCents: number
    }>(['billing', w.vault, '--json'])
    expect(bill.totalCents).toBe(10)
    expect(bill.statements).toHaveLength(1)
    expect(bill.statements[0]).toMatchObject({
      partnerId: 'stridewear',
      transfers: 1,
      totalCents: 10,
    })
    expect(bill.statements[0]!.lines).toHaveLength(1)
    expect(await cliJson(['billing', w.vault, '--year', '2025', '--json'])).toEqual({
      year: 2025,
      statements: [],
      totalCents: 0,
    })
    const text = await cli(['billing', w.vault])
    expect(text.out).toMatch(/^2026: \$0\.10 billed to 1 partner/)
    expect((await cli(['outbox', w.vault])).out).toBe('No envelope is waiting.')
  })

  it('lists what left, to whom, under which contract', async () => {
    const consent = await cliJson<{ contractDigest: string }>(['contract', w.vault, SHOE, '--json'])
    const log = await cliJson<{
      departed: Record<string, unknown>[]
      summary: Record<string, unknown>[]
    }>(['log', w.vault, '--json'])
    expect(log.departed).toHaveLength(1)
    expect(log.departed[0]).toMatchObject({
      time: now,
      partner: 'stridewear',
      kind: 'output',
      bundleId: SHOE,
      output: shoeRun.output,
      contractDigest: consent.contractDigest,
      consentStatus: 'given',
    })
    expect(log.departed[0]!['bits']).toBeCloseTo(LOG2_22, 9)
    expect(log.summary).toEqual([
      {
        partner: 'stridewear',
        transfers: 1,
        bits: log.departed[0]!['bits'],
        bundles: [SHOE],
        contracts: [consent.contractDigest],
      },
    ])
    const text = await cli(['log', w.vault])
    expect(text.out).toMatch(/What left about you: 1 transfer/)
    expect(text.out).toContain(`to stridewear  ${SHOE}  ${JSON.stringify(shoeRun.output)}`)
  })

  it('verifies the hash chain, and finds the first edited entry of an exported log', async () => {
    const ok = await cliJson<{ ok: boolean; count: number; head: string }>([
      'log',
      w.vault,
      '--verify',
      '--json',
    ])
    expect(ok.ok).toBe(true)
    // trust, install ×2, consent ×2, run, delivery at least; refusals are logged too.
    expect(ok.count).toBeGreaterThanOrEqual(7)
    const file = join(w.dir, 'log.json')
    expect((await cli(['log', w.vault, '--export', file])).code).toBe(0)
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      head: { seq: number; hash: string }
      entries: { seq: number; kind: string; details: Record<string, unknown> }[]
    }
    expect(exported.head).toMatchObject({ seq: ok.count, hash: ok.head })
    expect(exported.head).toHaveProperty('signature') // by the device key
    expect(exported.entries).toHaveLength(ok.count)
    const fromFile = await cli(['log', file, '--verify'])
    expect(fromFile.code).toBe(0)
    expect(fromFile.out.split('\n')[0]).toBe(
      `ok: ${ok.count} entries, hash chain intact, head ${ok.head}`,
    )
    expect(fromFile.out).toContain('head signed by device key')
    // Someone lowers the bits a run reported.
    const run = exported.entries.find((e) => e.kind === 'run')!
    run.details['bits'] = 0
    const edited = join(w.dir, 'log-edited.json')
    await writeFile(edited, JSON.stringify(exported))
    const broken = await cli(['log', edited, '--verify'])
    expectRefusal(broken, 'SEALPOST_AUDIT_BROKEN')
    expect(broken.err).toContain(`broken at entry ${run.seq}: its contents were changed`)
    // Someone cuts the tail: the head recorded in the export no longer matches.
    const cut = JSON.parse(await readFile(file, 'utf8')) as { entries: unknown[] }
    cut.entries.pop()
    await writeFile(edited, JSON.stringify(cut))
    const truncated = await cli(['log', edited, '--verify', '--json'])
    expect(truncated.code).toBe(1)
    expect(JSON.parse(truncated.out)).toMatchObject({ ok: false, seq: ok.count })
  })

  it('revokes with deletion: the next run is refused and a deletion request is queued', async () => {
    const run = await cliJson<RunJson>(['run', w.vault, SPORT, '--json'])
    expect(Object.keys(run.output)).toEqual(['favoriteSport'])
    const revoked = await cliJson<{ status: string; deletionRequest: string }>([
      'revoke',
      w.vault,
      SPORT,
      '--delete',
      '--json',
    ])
    expect(revoked.status).toBe('withdrawn')
    expect(revoked.deletionRequest).toMatch(/^[0-9a-f-]{36}$/)
    expectRefusal(await cli(['run', w.vault, SPORT]), 'SEALPOST_CONSENT_REVOKED')
    const file = join(w.dir, 'outbox-2.json')
    await cli(['outbox', w.vault, '--export', file])
    const opened = await cliJson<{ opened: { id: string; kind: string; bundleId: string }[] }>([
      'open',
      file,
      '--key',
      w.key,
      '--json',
    ])
    // The answer still queued when consent was withdrawn is cancelled: only the request leaves.
    expect(opened.opened.map((o) => [o.kind, o.bundleId])).toEqual([['deletion-request', SPORT]])
    expect(opened.opened[0]!.id).toBe(revoked.deletionRequest)
  })

  it('refuses a bundle above the personalization dial', async () => {
    expect(await cliJson(['dial', w.vault, '--json'])).toEqual({ dial: 2 })
    expect(await cliJson(['dial', w.vault, '1', '--json'])).toEqual({ dial: 1 })
    expect((await cli(['dial', w.vault])).out).toMatch(/^personalization dial is 1 \(basic\)/)
    // A fresh consent to the level-2 shoe-size bundle: the dial refuses it all the same.
    expect((await cli(['consent', w.vault, SHOE, '--yes'])).code).toBe(0)
    expectRefusal(await cli(['run', w.vault, SHOE]), 'SEALPOST_PERSONALIZATION')
    expect((await cli(['dial', w.vault, '2'])).code).toBe(0)
    expect((await cliJson<RunJson>(['run', w.vault, SHOE, '--json'])).output).toHaveProperty(
      'euSize',
    )
  })

  it('revokes a partner key: its bundles no longer run', async () => {
    const r = await cliJson(['trust', w.vault, w.pub, '--revoke', '--json'])
    expect(r).toMatchObject({ partnerId: 'stridewear', action: 'revoked' })
    expectRefusal(await cli(['contract', w.vault, SPORT]), 'SEALPOST_REVOKED_KEY')
    expectRefusal(await cli(['trust', w.vault, w.pub]), 'SEALPOST_REVOKED_KEY')
    const brewco = join(w.dir, 'keys', 'brewco.pub')
    expectRefusal(await cli(['trust', w.vault, brewco, '--revoke']), 'SEALPOST_UNKNOWN_KEY')
  })
})
