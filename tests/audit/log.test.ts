import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AuditLog,
  AuditLogBrokenError,
  entryHash,
  verifyLog,
  GENESIS_HASH,
  type AuditEntry,
  type AuditKind,
} from '../../runtime/audit/index.ts'
import { MemoryDocStore } from '../../runtime/consent/index.ts'
import { canonicalize } from '../../runtime/crypto/jcs.ts'
import { sha256Hex } from '../../runtime/digest.ts'

const T0 = Date.UTC(2026, 2, 10)
const KINDS: AuditKind[] = ['install', 'trust', 'consent', 'revoke', 'run', 'delivery', 'refusal']

/** A valid chain of `n` entries, built by hand from the definition. */
function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = []
  let prev = GENESIS_HASH
  for (let i = 0; i < n; i++) {
    const body = {
      seq: i + 1,
      time: T0 + i,
      kind: KINDS[i % KINDS.length]!,
      details: { bundleId: `b${i}`, bits: i },
      prevHash: prev,
    }
    const hash = sha256Hex(canonicalize(body))
    out.push({ ...body, hash })
    prev = hash
  }
  return out
}

describe('entries are hash-chained', () => {
  it('hashes the RFC 8785 canonical JSON of the entry without its hash', async () => {
    const log = new AuditLog(new MemoryDocStore())
    const a = await log.append('install', { bundleId: 'x', partner: 'p' }, T0)
    const b = await log.append('run', { bundleId: 'x', bits: 4.5 }, T0 + 1)
    expect(a.seq).toBe(1)
    expect(a.prevHash).toBe(GENESIS_HASH)
    expect(a.hash).toBe(
      sha256Hex(
        `{"details":{"bundleId":"x","partner":"p"},"kind":"install","prevHash":"${GENESIS_HASH}","seq":1,"time":${T0}}`,
      ),
    )
    expect(b.prevHash).toBe(a.hash)
    expect(b.hash).toBe(entryHash(b))
    expect(await log.verify()).toEqual({ ok: true, count: 2, head: b.hash })
  })

  it('refuses details JSON cannot hold and unknown kinds, writing nothing', async () => {
    const log = new AuditLog(new MemoryDocStore())
    expect(() => log.append('run', { bits: Infinity }, T0)).toThrow(TypeError)
    expect(() => log.append('nope' as AuditKind, {}, T0)).toThrow(/kind must be one of/)
    expect(await log.entries()).toEqual([])
  })
})

describe('verifyLog finds any edit, removal, insertion or reordering', () => {
  it('accepts an intact chain', () => {
    expect(verifyLog(chain(10))).toMatchObject({ ok: true, count: 10 })
    expect(verifyLog([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH })
  })

  it('reports an edited entry, even when its hash was recomputed', () => {
    const log = chain(6)
    const edited = log.map((e) =>
      e.seq === 3 ? { ...e, details: { ...e.details, bits: 999 } } : e,
    )
    expect(verifyLog(edited)).toMatchObject({
      ok: false,
      seq: 3,
      reason: 'its contents were changed',
    })
    const rehashed = edited.map((e) => (e.seq === 3 ? { ...e, hash: entryHash(e) } : e))
    expect(verifyLog(rehashed)).toMatchObject({ ok: false, seq: 4 })
  })

  it('reports a removal, and a truncated tail against the head', () => {
    const log = chain(6)
    expect(verifyLog([...log.slice(0, 2), ...log.slice(3)])).toMatchObject({ ok: false, seq: 3 })
    const head = { seq: 6, hash: log[5]!.hash }
    expect(verifyLog(log, { head })).toMatchObject({ ok: true })
    expect(verifyLog(log.slice(0, 5), { head })).toMatchObject({ ok: false, seq: 6 })
  })

  it('reports the first bad seq after any single tampering (property)', () => {
    type Op = 'edit' | 'remove' | 'insert' | 'swap'
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.constantFrom<Op>('edit', 'remove', 'insert', 'swap'),
        fc.nat(),
        (n, op, r) => {
          const log = chain(n)
          const k = r % (n - 1) // a position with an entry after it
          const copy = [...log]
          if (op === 'edit') copy[k] = { ...copy[k]!, time: copy[k]!.time + 1 }
          if (op === 'remove') copy.splice(k, 1)
          if (op === 'insert') copy.splice(k, 0, { ...log[k]!, details: { forged: true } })
          if (op === 'swap') [copy[k], copy[k + 1]] = [copy[k + 1]!, copy[k]!]
          const v = verifyLog(copy)
          expect(v.ok).toBe(false)
          if (!v.ok) expect(v.seq).toBe(k + 1)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('the stored log', () => {
  it('keeps entries across instances in small segments', async () => {
    const store = new MemoryDocStore()
    const log = new AuditLog(store, { segmentSize: 3 })
    for (let i = 0; i < 10; i++) await log.append('run', { i }, T0 + i)
    expect(store.names()).toEqual([
      'audit/head',
      'audit/segment/0',
      'audit/segment/1',
      'audit/segment/2',
      'audit/segment/3',
    ])
    const again = new AuditLog(store, { segmentSize: 3 })
    expect((await again.entries()).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect((await again.append('refusal', {}, T0 + 11)).seq).toBe(11)
    expect(await again.verify()).toMatchObject({ ok: true, count: 11 })
    expect(await again.entries('refusal')).toHaveLength(1)
  })

  it('detects a tampered segment and a dropped last segment', async () => {
    const store = new MemoryDocStore()
    const log = new AuditLog(store, { segmentSize: 4 })
    for (let i = 0; i < 9; i++) await log.append('delivery', { partner: 'p', bits: i }, T0 + i)
    const seg = (await store.getDoc<AuditEntry[]>('audit/segment/1'))!
    await store.putDoc(
      'audit/segment/1',
      seg.map((e) => (e.seq === 6 ? { ...e, details: { partner: 'q' } } : e)),
    )
    expect(await log.verify()).toMatchObject({ ok: false, seq: 6 })
    await expect(log.assertIntact()).rejects.toBeInstanceOf(AuditLogBrokenError)
    await expect(log.assertIntact()).rejects.toMatchObject({
      code: 'SEALPOST_AUDIT_BROKEN',
      seq: 6,
    })
    await store.putDoc('audit/segment/1', seg)
    expect((await log.verify()).ok).toBe(true)
    await store.putDoc('audit/segment/2', [])
    expect(await log.verify()).toMatchObject({ ok: false, seq: 9 })
  })

  it('keeps order under concurrent appends', async () => {
    const log = new AuditLog(new MemoryDocStore(), { segmentSize: 5 })
    await Promise.all(Array.from({ length: 30 }, (_, i) => log.append('run', { i }, T0 + i)))
    expect(await log.verify()).toMatchObject({ ok: true, count: 30 })
  })
})
