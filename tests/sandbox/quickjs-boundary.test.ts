/**
 * The sandbox boundary, attacked the ways a hostile module would. Every case must end in its own
 * error code, with the host alive and the next run working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSandbox,
  DEFAULT_LIMITS,
  frameFromRecords,
  type Sandbox,
} from '../../sandbox/index.ts'
import type { GuestJob } from '../../sandbox/index.ts'

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: { startedAt: 'time', sport: 'category', durationSec: 'number', name: 'text' },
} as const

const records = Array.from({ length: 200 }, (_, i) => ({
  startedAt: 1_700_000_000_000 + i * 3_600_000,
  sport: ['running', 'cycling', 'swimming'][i % 3],
  durationSec: 600 + i,
  name: `Session ${i} ✓`,
  heartRate: 150,
}))

const limits = { ...DEFAULT_LIMITS, deadlineMs: 300, graceMs: 250 }

function job(code: string, extra: Partial<GuestJob> = {}): GuestJob {
  return {
    engine: 'quickjs',
    code,
    frames: [frameFromRecords(layout, records, ['startedAt', 'sport', 'durationSec'], 0, Infinity)],
    now: 1_800_000_000_000,
    params: { shops: [1, 2] },
    limits,
    ...extra,
  }
}

const healthy = `export function analyze(input) { return { n: input.collections.activities.length } }`

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = createSandbox()
  await sandbox.warmUp()
})
afterAll(async () => {
  await sandbox.dispose()
})

async function expectRefusal(code: string, expectedCode: string, extra: Partial<GuestJob> = {}) {
  const result = await sandbox.run(job(code, extra))
  expect(result.ok).toBe(false)
  if (!result.ok)
    expect(`${result.error.code} ${result.error.message}`).toMatch(new RegExp(`^${expectedCode} `))
  // The host is alive and the next run works.
  // Healthy runs get the default deadline: the tight one is for the hostile cases.
  const next = await sandbox.run(job(healthy, { limits: DEFAULT_LIMITS }))
  expect(next.ok && JSON.parse(next.output)).toEqual({ n: 200 })
  return result
}

describe('the QuickJS sandbox', () => {
  it('runs a module and returns its output as JSON', async () => {
    const result = await sandbox.run(
      job(`export function analyze(input) {
        const a = input.collections.activities
        const d = a.num('durationSec')
        let total = 0
        for (let i = 0; i < a.length; i++) total += d[i]
        return { total, sports: a.dict('sport'), first: a.get('sport', 0), now: input.now, params: input.params }
      }`),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const expectedTotal = records.reduce((s, r) => s + r.durationSec, 0)
    expect(JSON.parse(result.output)).toEqual({
      total: expectedTotal,
      sports: ['running', 'cycling', 'swimming'],
      first: 'running',
      now: 1_800_000_000_000,
      params: { shops: [1, 2] },
    })
    // durationSec and the sport codes, each copied once, on first access.
    expect(result.stats.columnsCopied).toBe(2)
  })

  it('supports async analyze', async () => {
    const r = await sandbox.run(
      job(`export async function analyze() { await null; return [1, 2] }`),
    )
    expect(r.ok && r.output).toBe('[1,2]')
  })

  it('stops an infinite loop at the soft deadline', async () => {
    const r = await expectRefusal(
      `export function analyze() { for (;;) {} }`,
      'SEALPOST_GUEST_TIMEOUT',
    )
    expect(r.ok === false && r.error.message).toMatch(/deadline/)
  })

  it('stops a loop that catches every exception: the interrupt is uncatchable', async () => {
    await expectRefusal(
      `export function analyze() { for (;;) { try { for (;;) {} } catch (e) {} } }`,
      'SEALPOST_GUEST_TIMEOUT',
    )
  })

  it('stops a non-interruptible native call by terminating the worker (hard deadline)', async () => {
    const before = sandbox.workersStarted
    const r = await expectRefusal(
      // 2^18 shared leaves: built in microseconds, then one JSON.stringify of ~7 MB that the
      // interrupt handler cannot stop (~0.6 s here without a deadline).
      `export function analyze() {
        let o = { a: 'xxxxxxxxxxxxxxxx' }
        for (let i = 0; i < 18; i++) o = [o, o]
        return JSON.stringify(o).length
      }`,
      'SEALPOST_GUEST_TIMEOUT',
      { limits: { ...limits, deadlineMs: 20, graceMs: 30 } },
    )
    expect(r.ok === false && 'hard' in r.error && r.error.hard).toBe(true)
    expect(sandbox.workersStarted).toBe(before + 1)
  })

  it('ends a memory bomb by string doubling', async () => {
    await expectRefusal(
      `export function analyze() { let s = 'x'; for (;;) s = s + s }`,
      'SEALPOST_GUEST_OUT_OF_MEMORY',
    )
  })

  it('ends a memory bomb of big typed arrays within the bounded wasm memory', async () => {
    await expectRefusal(
      `export function analyze() { const a = []; for (;;) a.push(new Float64Array(1 << 20)) }`,
      'SEALPOST_GUEST_OUT_OF_MEMORY',
    )
  })

  it('ends a memory bomb of many small objects', async () => {
    await expectRefusal(
      `export function analyze() { const a = []; for (;;) a.push({ x: a.length, y: [1, 2, 3] }) }`,
      'SEALPOST_GUEST_OUT_OF_MEMORY',
      { limits: { ...limits, deadlineMs: 2000, memoryBytes: 24 << 20 } },
    )
  })

  it('ends deep recursion at the stack bound', async () => {
    await expectRefusal(
      `export function analyze() { function f(n) { return f(n + 1) + 1 } return f(0) }`,
      'SEALPOST_GUEST_STACK_OVERFLOW',
    )
  })

  it('reports a promise that can never resolve', async () => {
    await expectRefusal(
      `export function analyze() { return new Promise(() => {}) }`,
      'SEALPOST_GUEST_PENDING',
    )
  })

  it('gives the guest no process, require, fetch, clock, timers, randomness or shared memory', async () => {
    const r = await sandbox.run(
      job(`export function analyze() {
        return [typeof process, typeof require, typeof fetch, typeof Date, typeof Math.random,
          typeof setTimeout, typeof SharedArrayBuffer, typeof Atomics, typeof WebAssembly,
          typeof XMLHttpRequest, typeof __sp_kernel, typeof __sp_buffers, typeof globalThis.__sp_run]
      }`),
    )
    expect(r.ok && JSON.parse(r.output)).toEqual(Array(13).fill('undefined'))
  })

  it('refuses static and dynamic imports', async () => {
    await expectRefusal(
      `import fs from 'fs'; export function analyze() { return 1 }`,
      'SEALPOST_GUEST_ERROR',
    )
    const r = await sandbox.run(
      job(`export async function analyze() {
        try { await import('node:fs'); return 'reached' } catch (e) { return 'refused' }
      }`),
    )
    expect(r.ok && JSON.parse(r.output)).toBe('refused')
  })

  it('refuses an output over the cap before reading it', async () => {
    const r = await expectRefusal(
      `export function analyze() { return { s: 'x'.repeat(30000) } }`,
      'SEALPOST_OUTPUT_TOO_LARGE',
    )
    expect(r.ok === false && r.error.message).toMatch(/over the cap of 20000 bytes/)
  })

  it('counts the cap in UTF-8 bytes, not characters', async () => {
    await expectRefusal(
      `export function analyze() { return 'é'.repeat(12000) }`,
      'SEALPOST_OUTPUT_TOO_LARGE',
    )
  })

  it('refuses a module without analyze, and a non-JSON result', async () => {
    await expectRefusal(`export const x = 1`, 'SEALPOST_GUEST_ERROR')
    await expectRefusal(`export function analyze() { return undefined }`, 'SEALPOST_GUEST_ERROR')
  })

  it('lets a module find nothing of a collection or field it did not declare', async () => {
    const r = await sandbox.run(
      job(`export function analyze(input) {
        const a = input.collections.activities
        const named = (f) => { try { f(); return 'read' } catch (e) { return e.name + ': ' + e.message } }
        return {
          collections: Object.keys(input.collections),
          messages: 'messages' in input.collections,
          fields: a.fields,
          heartRate: [a.has('heartRate'), a.kind('heartRate')],
          num: named(() => a.num('heartRate')),
          wrongKind: named(() => a.num('sport')),
          other: named(() => input.collections.messages),
          row: Object.keys([...a.rows()][0]),
        }
      }`),
    )
    expect(r.ok && JSON.parse(r.output)).toEqual({
      collections: ['activities'],
      messages: false,
      fields: ['startedAt', 'sport', 'durationSec'],
      heartRate: [false, null],
      num: "ReferenceError: field 'heartRate' is not in the consented view of activities (startedAt, sport, durationSec): add it to the fields of activities in 'reads' in manifest.json",
      wrongKind:
        "TypeError: num('sport') of activities: the field is a category field; read it with codes() and dict() or get()",
      other: `ReferenceError: collection 'messages' is not in this bundle's reads (it reads activities): add { "collection": "messages", "fields": [...] } to 'reads' in manifest.json`,
      row: ['startedAt', 'sport', 'durationSec'],
    })
  })

  it('decodes text columns to the same strings', async () => {
    const frame = frameFromRecords(layout, records, ['name'], 0, Infinity)
    const r = await sandbox.run(
      job(
        `export function analyze(input) {
        const a = input.collections.activities
        return [a.text('name', 0), a.text('name', 199)]
      }`,
        { frames: [frame] },
      ),
    )
    expect(r.ok && JSON.parse(r.output)).toEqual(['Session 0 ✓', 'Session 199 ✓'])
  })

  it('runs kernels natively and reports bad kernel arguments as guest TypeErrors', async () => {
    const r = await sandbox.run(
      job(`export function analyze(input) {
        const a = input.collections.activities
        let caught = ''
        try { a.groupSum('heartRate', 'durationSec') } catch (e) { caught = e.name + ': ' + e.message }
        return {
          all: a.count(),
          count: a.count({ eq: { sport: 'running' } }),
          sums: a.groupSum('sport', 'durationSec'),
          top: a.topK('sport', 1),
          caught,
        }
      }`),
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const out = JSON.parse(r.output)
    const running = records.filter((x) => x.sport === 'running')
    expect(out.all).toBe(records.length)
    expect(out.count).toBe(running.length)
    expect(out.sums.running).toBe(running.reduce((s, x) => s + x.durationSec, 0))
    expect(out.top).toEqual([{ key: 'cycling', value: 67 }]) // tie with running, broken by name
    expect(out.caught).toBe("TypeError: no field 'heartRate' in activities")
    expect(r.stats.kernelCalls).toBe(5)
  })

  it('rejects wasm bytes handed to the JavaScript engine', async () => {
    await expectRefusal('', 'SEALPOST_MODULE_REJECTED', { code: new Uint8Array([0, 97, 115, 109]) })
  })

  it('reuses an engine instance only for the same key, and never after a failure', async () => {
    // Each run starts from a fresh runtime: globals set by one run are gone in the next.
    const leaky = `export function analyze() { const seen = globalThis.mark === 1; globalThis.mark = 1; return seen }`
    const a1 = await sandbox.run(job(leaky, { reuseKey: 'partner-a/digest-1' }))
    const a2 = await sandbox.run(job(leaky, { reuseKey: 'partner-a/digest-1' }))
    expect([a1.ok && a1.stats.reused, a2.ok && a2.stats.reused]).toEqual([false, true])
    expect([a1.ok && a1.output, a2.ok && a2.output]).toEqual(['false', 'false'])
    const b = await sandbox.run(job(leaky, { reuseKey: 'partner-b/digest-9' }))
    expect(b.ok && b.stats.reused).toBe(false)
    const failing = await sandbox.run(
      job(`export function analyze() { throw 1 }`, { reuseKey: 'partner-b/digest-9' }),
    )
    expect(failing.ok).toBe(false)
    const after = await sandbox.run(job(leaky, { reuseKey: 'partner-b/digest-9' }))
    expect(after.ok && after.stats.reused).toBe(false)
  })
})
