/**
 * The wasm engine's pooled memory: a module that writes its memory (low, at the top, and in a page
 * it grows) and its globals in one run finds all of it zero in the next, in this thread and behind
 * the sandbox Worker, and a run that failed hands on a zeroed memory too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WasmEngine } from '../../sandbox/wasm/engine.ts'
import { createSandbox, DEFAULT_LIMITS, type GuestJob, type Sandbox } from '../../sandbox/index.ts'
import { markerModule, WASM_PRISTINE as PRISTINE } from './_pristine.ts'

const job = (code: Uint8Array): GuestJob => ({
  engine: 'wasm',
  code,
  frames: [],
  now: 0,
  params: null,
  limits: { ...DEFAULT_LIMITS, memoryBytes: 16 << 20 },
})

describe('the pooled wasm memory', () => {
  it('is all zeros at the start of every run: memory, grown pages and globals do not survive', async () => {
    const engine = new WasmEngine()
    const module = markerModule(false)
    for (let i = 0; i < 4; i++) {
      const r = await engine.run(job(module))
      expect(r.ok && JSON.parse(r.output)).toEqual(PRISTINE)
      engine.tidy()
    }
  })

  it('is zeroed after a run that trapped', async () => {
    const engine = new WasmEngine()
    const trapped = await engine.run(job(markerModule(true)))
    expect(trapped.ok).toBe(false)
    const r = await engine.run(job(markerModule(false)))
    expect(r.ok && JSON.parse(r.output)).toEqual(PRISTINE)
  })

  it('differs from a fresh memory only in size: without pooling the answers are the same', async () => {
    const fresh = new WasmEngine({ maxPooledBytes: 0 })
    for (let i = 0; i < 2; i++) {
      const r = await fresh.run(job(markerModule(false)))
      expect(r.ok && JSON.parse(r.output)).toEqual(PRISTINE)
    }
  })
})

describe('the pooled wasm memory behind the sandbox Worker', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = createSandbox()
    await sandbox.warmUp()
  })
  afterAll(async () => {
    await sandbox.dispose()
  })

  it('starts every run from zeros, after successes and after a trap', async () => {
    const answers = []
    for (const trap of [false, false, true, false]) {
      const r = await sandbox.run(job(markerModule(trap)))
      answers.push(r.ok ? JSON.parse(r.output) : r.error.code)
    }
    expect(answers).toEqual([PRISTINE, PRISTINE, 'SEALPOST_GUEST_ERROR', PRISTINE])
  })
})
