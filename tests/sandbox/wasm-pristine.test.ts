/**
 * The wasm engine's pooled memory: a module that writes its memory (low, at the top, and in a page
 * it grows) and its globals in one run finds all of it zero in the next, in this thread and behind
 * the sandbox Worker, and a run that failed hands on a zeroed memory too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WasmEngine } from '../../sandbox/wasm/engine.ts'
import { createSandbox, DEFAULT_LIMITS, type GuestJob, type Sandbox } from '../../sandbox/index.ts'
import { name, section, sleb, uleb, vec } from '../hostile/_wasm.ts'

const enc = new TextEncoder()
const TEMPLATE = '{"m":0,"g":0,"h":0}'
const at = (key: string) => 16 + TEMPLATE.indexOf(`"${key}":`) + key.length + 3

const i32 = (v: number) => [0x41, ...sleb(v)]
const load8 = [0x2d, 0x00, 0x00]
const store8 = [0x3a, 0x00, 0x00]
const ADD = 0x6a
const SUB = 0x6b
const SHL = 0x74
/** Address of the last byte of the memory as it is now. */
const lastByte = [0x3f, 0x00, ...i32(16), SHL, ...i32(1), SUB]

/**
 * Imports `env.memory`, has one mutable global. `analyze` reports (as digits) the byte at 1000, the
 * global, and the memory's last byte, then sets all three to 1, grows the memory by a page and
 * writes that page's last byte; with `trap` it then traps instead of returning.
 */
function markerModule(trap: boolean): Uint8Array {
  const report = (key: string, value: number[]) => [
    ...i32(at(key)),
    ...value,
    ...i32(48),
    ADD,
    ...store8,
  ]
  const analyze = [
    ...report('m', [...i32(1000), ...load8]),
    ...report('g', [0x23, 0]),
    ...report('h', [...lastByte, ...load8]),
    ...[...i32(1000), ...i32(1), ...store8],
    ...[...i32(1), 0x24, 0],
    ...[...lastByte, ...i32(1), ...store8],
    ...[...i32(1), 0x40, 0x00, 0x1a],
    ...[...lastByte, ...i32(1), ...store8],
    // A division by zero traps (a bare `unreachable` would read as an allocation failure).
    ...(trap ? [...i32(1), ...i32(0), 0x6d, 0x1a] : []),
    ...i32(16),
  ]
  const body = (code: number[]) => {
    const fn = [0x00, ...code, 0x0b]
    return [...uleb(fn.length), ...fn]
  }
  const output = enc.encode(TEMPLATE)
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, 0x00, 0x01, 0x7f]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [0]])),
    ...section(6, vec([[0x7f, 0x01, ...i32(0), 0x0b]])),
    ...section(
      7,
      vec([
        [...name('analyze'), 0x00, 0],
        [...name('output_len'), 0x00, 1],
      ]),
    ),
    ...section(10, vec([body(analyze), body(i32(output.length))])),
    ...section(11, vec([[0x00, ...i32(16), 0x0b, ...uleb(output.length), ...output]])),
  ])
}

const job = (code: Uint8Array): GuestJob => ({
  engine: 'wasm',
  code,
  frames: [],
  now: 0,
  params: null,
  limits: { ...DEFAULT_LIMITS, memoryBytes: 16 << 20 },
})

const PRISTINE = { m: 0, g: 0, h: 0 }

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
