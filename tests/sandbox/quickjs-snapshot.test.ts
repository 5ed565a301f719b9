/**
 * Restored instances: every run of a bundle starts from a byte-identical pristine snapshot. A
 * module that writes globals, builtins, its own module state, the heap and the stack in one run
 * finds none of it in the next, and after every kind of run (success, exception, timeout, stack
 * overflow, out of memory, a heap that grew) the instance's whole linear memory is compared with
 * the snapshot byte for byte. The engine runs in this thread here, so the test can read its
 * memory; `quickjs-boundary.test.ts` covers the same engine behind its Worker.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'
import { QuickJSEngine, type GuestOutcome } from '../../sandbox/quickjs/engine.ts'
import { quickJSBuild, type QuickJSBuild } from '../../sandbox/quickjs/_build.ts'
import { DEFAULT_LIMITS, frameFromRecords, type GuestJob } from '../../sandbox/index.ts'
import { MARKER, PRISTINE } from './_pristine.ts'

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: { startedAt: 'time', sport: 'category', durationSec: 'number' },
} as const

function frames(n: number, sport: string) {
  const records = Array.from({ length: n }, (_, i) => ({
    startedAt: 1_700_000_000_000 + i * 60_000,
    sport,
    durationSec: 100 + i,
  }))
  return [frameFromRecords(layout, records, ['startedAt', 'sport', 'durationSec'], 0, Infinity)]
}

const limits = { ...DEFAULT_LIMITS, deadlineMs: 400 }

function job(code: string, extra: Partial<GuestJob> = {}): GuestJob {
  return {
    engine: 'quickjs',
    code,
    frames: frames(3, 'running'),
    now: 1_800_000_000_000,
    params: { shops: [1, 2] },
    limits,
    reuseKey: 'partner-a/digest-1',
    ...extra,
  }
}

let build: QuickJSBuild
beforeAll(async () => {
  const require = createRequire(import.meta.url)
  const bytes = readFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'))
  build = await quickJSBuild(new Uint8Array(bytes))
})

function engine(): QuickJSEngine {
  return new QuickJSEngine(build.module, { image: build.image, auditEvery: 1 })
}

const keyOf = (j: GuestJob) => `${j.reuseKey}\n${j.limits.memoryBytes}/${j.limits.stackBytes}`

/** The instance kept for `j`'s key is byte-identical to its snapshot. */
function expectPristine(e: QuickJSEngine, j: GuestJob): void {
  const kept = e.pristineMemory(keyOf(j))
  expect(kept).toBeDefined()
  expect(kept!.snapshot.firstDifference(kept!.memory)).toBe(-1)
}

/** The engine's counters once the last run's restore is done. */
function countersOf(e: QuickJSEngine) {
  e.tidy()
  return e.counters
}

function output(r: GuestOutcome): unknown {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return JSON.parse(r.output)
}

describe('restored QuickJS instances', () => {
  it('start every run from the pristine state: no global, builtin, module state or heap survives', async () => {
    const e = engine()
    const first = await e.run(job(MARKER))
    expect(output(first)).toEqual({ ...PRISTINE, rows: 3, sport: 'running' })
    expect(first.ok && first.stats.reused).toBe(false)
    expectPristine(e, job(MARKER))
    // Other frames in the next run: the bridges read the current run's columns.
    const second = await e.run(job(MARKER, { frames: frames(5, 'cycling') }))
    expect(output(second)).toEqual({ ...PRISTINE, rows: 5, sport: 'cycling' })
    expect(second.ok && second.stats.reused).toBe(true)
    expectPristine(e, job(MARKER))
    for (let i = 0; i < 5; i++) expect(output(await e.run(job(MARKER)))).toMatchObject(PRISTINE)
    expect(countersOf(e)).toMatchObject({ snapshots: 1, restores: 7, auditFailures: 0, dropped: 0 })
  })

  it('restore after an exception, a timeout and a stack overflow, and the next run is pristine', async () => {
    const e = engine()
    const hostile = `
      let calls = 0
      export function analyze(input) {
        const mode = input.collections.activities.get('sport', 0)
        calls++
        globalThis.leak = 1
        Object.prototype.polluted = true
        if (mode === 'throw') throw new Error('no')
        if (mode === 'loop') for (;;) {}
        if (mode === 'recurse') { const f = (n) => f(n + 1) + 1; return f(0) }
        return { calls, leak: typeof globalThis.leak, polluted: ({}).polluted === true }
      }`
    const ok = { calls: 1, leak: 'number', polluted: true }
    const run = (mode: string) => e.run(job(hostile, { frames: frames(1, mode) }))
    expect(output(await run('fine'))).toEqual(ok)
    const thrown = await run('throw')
    expect(!thrown.ok && thrown.error.code).toBe('SEALPOST_GUEST_ERROR')
    expectPristine(e, job(hostile))
    expect(output(await run('fine'))).toEqual(ok)
    const timedOut = await run('loop')
    expect(!timedOut.ok && timedOut.error.code).toBe('SEALPOST_GUEST_TIMEOUT')
    expectPristine(e, job(hostile))
    expect(output(await run('fine'))).toEqual(ok)
    const overflow = await run('recurse')
    expect(!overflow.ok && overflow.error.code).toBe('SEALPOST_GUEST_STACK_OVERFLOW')
    expectPristine(e, job(hostile))
    expect(output(await run('fine'))).toEqual(ok)
    // None of them cost the snapshot: the same instance served every run.
    expect(countersOf(e)).toMatchObject({ snapshots: 1, dropped: 0, auditFailures: 0 })
  })

  it('zeroes a heap that grew during a run, and drops an instance after out of memory', async () => {
    const e = engine()
    const grower = `
      export function analyze(input) {
        const n = input.collections.activities.length
        const keep = []
        for (let i = 0; i < n; i++) keep.push(new Uint8Array(1 << 20).fill(7))
        return keep.length
      }`
    const run = (mib: number) => e.run(job(grower, { frames: frames(mib, 'x') }))
    expect(output(await run(1))).toBe(1)
    // 12 MiB more heap than the snapshot had: zeroed by the restore, the instance kept.
    expect(output(await run(12))).toBe(12)
    expectPristine(e, job(grower))
    expect(countersOf(e).dropped).toBe(0)
    const bomb = await e.run(
      job(
        `export function analyze() { const a = []; for (;;) a.push(new Float64Array(1 << 20)) }`,
        { reuseKey: 'bomb' },
      ),
    )
    expect(!bomb.ok && bomb.error.code).toBe('SEALPOST_GUEST_OUT_OF_MEMORY')
    // Its memory grew by far more than a restore zeroes: the instance is gone.
    expect(e.pristineMemory(keyOf(job('', { reuseKey: 'bomb' })))).toBeUndefined()
    expect(countersOf(e).dropped).toBe(1)
    // The next run of the same key starts from a new pristine snapshot.
    const again = await e.run(
      job(`export function analyze() { return typeof globalThis.s }`, { reuseKey: 'bomb' }),
    )
    expect(output(again)).toBe('undefined')
    expect(again.ok && again.stats.reused).toBe(false)
    expect(output(await run(3))).toBe(3)
    expectPristine(e, job(grower))
  })

  it('keeps one snapshot per key, code and assets: nothing crosses between them', async () => {
    const e = engine()
    const a = await e.run(job(MARKER, { reuseKey: 'partner-a/digest-1' }))
    const b = await e.run(job(MARKER, { reuseKey: 'partner-b/digest-1' }))
    expect([output(a), output(b)]).toEqual([
      { ...PRISTINE, rows: 3, sport: 'running' },
      { ...PRISTINE, rows: 3, sport: 'running' },
    ])
    expect([a.ok && a.stats.reused, b.ok && b.stats.reused]).toEqual([false, false])
    // Same key, other assets: a new snapshot, which sees the new assets.
    const c = await e.run(job(MARKER, { params: { shops: [9] } }))
    expect(output(c)).toMatchObject({ params: 1 })
    expect(c.ok && c.stats.reused).toBe(false)
    // Same key, other code: a new snapshot too.
    const d = await e.run(job(`export const analyze = () => 'other'`))
    expect(output(d)).toBe('other')
    expect(countersOf(e).snapshots).toBe(4)
  })

  it('reports a module whose evaluation fails, on every run, without keeping a snapshot', async () => {
    const e = engine()
    for (let i = 0; i < 2; i++) {
      const r = await e.run(job(`globalThis.x = 1; throw new Error('top level')`))
      expect(!r.ok && r.error.message).toMatch(/top level/)
    }
    expect(countersOf(e).snapshots).toBe(0)
  })

  it('settles async analyze and its promise jobs inside the restored instance', async () => {
    const e = engine()
    const code = `let n = 0
      export async function analyze() { n++; await null; await Promise.resolve(); return n }`
    for (let i = 0; i < 3; i++) expect(output(await e.run(job(code)))).toBe(1)
    expect(countersOf(e)).toMatchObject({ snapshots: 1, restores: 3, dropped: 0 })
  })

  it('without a reuse key, runs in a fresh instance and keeps nothing', async () => {
    const e = engine()
    const r = await e.run(job(MARKER, { reuseKey: undefined }))
    expect(output(r)).toMatchObject(PRISTINE)
    expect(countersOf(e).snapshots).toBe(0)
  })
})
