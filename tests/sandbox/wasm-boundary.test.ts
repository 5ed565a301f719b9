/**
 * The wasm engine's boundary, attacked the ways a hostile AssemblyScript module would. Every case
 * ends in its own error code, with the host alive and the next run working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createSandbox,
  DEFAULT_LIMITS,
  frameFromRecords,
  type Sandbox,
} from '../../sandbox/index.ts'
import type { GuestJob } from '../../sandbox/index.ts'
import { compileAssemblyScript } from '../../sandbox/wasm/compile.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import type { RunnableBundle } from '../../runtime/pipeline/types.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const cacheDir = join(tmpdir(), 'sealpost-wasm-cache')
const COMPILE_TIMEOUT = 600_000

/** Compiles in-memory AssemblyScript as if it lived in tests/sandbox/wasm/ (for its imports). */
function compile(name: string, source: string, check = true): Promise<Uint8Array> {
  return compileAssemblyScript(join(repoRoot, 'tests/sandbox/wasm', `${name}.ts`), {
    source,
    optimizeLevel: 1,
    cacheDir,
    check,
  })
}

const GLUE = '../../../sandbox/wasm/as/sealpost'

// One module, many misbehaviours, chosen by params.mode. It writes its output by hand (its own
// output_len) so it can also return bytes that are not UTF-8.
const HOSTILE = `
import { Frame, params } from '${GLUE}'

let keep: ArrayBuffer | null = null
let outLen: i32 = 0
let sink: f64 = 0
export function output_len(): i32 { return outLen }

function emit(buf: ArrayBuffer): usize {
  keep = buf
  outLen = buf.byteLength
  return changetype<usize>(buf)
}
function text(s: string): usize { return emit(String.UTF8.encode(s)) }
function deep(n: f64): f64 { return deep(n + 1.0) * 0.5 + n }

export function analyze(): usize {
  const p = params()
  const mode = p.slice(p.indexOf('"mode":"') + 8, p.lastIndexOf('"'))
  if (mode == 'loop') { while (true) { sink += 1.0 } }
  if (mode == 'grow') {
    const all = new Array<Float64Array>()
    while (true) all.push(new Float64Array(1 << 20))
  }
  if (mode == 'huge') { const a = new Float64Array(200_000_000); return <usize>a.length }
  if (mode == 'oob') { store<i32>(0x7ffffff0, 1); return 0 }
  if (mode == 'recurse') return <usize>deep(0.0)
  if (mode == 'big') return text('"' + 'x'.repeat(30000) + '"')
  if (mode == 'big-not-utf8') {
    const b = new Uint8Array(30000)
    b.fill(0xff)
    return emit(b.buffer)
  }
  if (mode == 'not-utf8') {
    const b = new Uint8Array(8)
    b.fill(0xff)
    return emit(b.buffer)
  }
  if (mode == 'outside') { outLen = 16; return 0x7ffffff0 }
  if (mode == 'not-json') return text('{favoriteSport: running')
  if (mode == 'schema') return text('{"favoriteSport":"curling"}')
  if (mode == 'throw') throw new Error('partner bug: no data')
  if (mode == 'divide') { const z = p.length - p.length; return <usize>(10 / z) }
  if (mode == 'kernel') return text(Frame.open('activities')!.call('groupSum', '["heartRate", null]'))
  return text('{"n":' + Frame.open('activities')!.length.toString() + '}')
}
`

const FETCH = `
@external("env", "fetch") declare function fetch(): i32
export function analyze(): usize { return <usize>fetch() }
export function output_len(): i32 { return 0 }
`

const NO_ANALYZE = `
export { output_len } from '${GLUE}'
export function analyse(): usize { return 0 }
`

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: { startedAt: 'time', sport: 'category', durationSec: 'number' },
} as const
const records = Array.from({ length: 200 }, (_, i) => ({
  startedAt: 1_700_000_000_000 + i * 3_600_000,
  sport: ['running', 'cycling', 'swimming'][i % 3],
  durationSec: 600 + i,
}))
const limits = { ...DEFAULT_LIMITS, deadlineMs: 300, graceMs: 250 }
// Healthy runs get the default deadline: on a loaded machine a fresh Worker's first wasm compile
// can take longer than the tight deadline the hostile cases use.
const relaxed = DEFAULT_LIMITS

let hostile: Uint8Array
let fetching: Uint8Array
let noAnalyze: Uint8Array
let sandbox: Sandbox

function job(code: Uint8Array, mode: string, extra: Partial<GuestJob> = {}): GuestJob {
  return {
    engine: 'wasm',
    code,
    frames: [frameFromRecords(layout, records, ['startedAt', 'sport', 'durationSec'], 0, Infinity)],
    now: 1_800_000_000_000,
    params: { mode },
    limits,
    ...extra,
  }
}

beforeAll(async () => {
  hostile = await compile('hostile', HOSTILE)
  fetching = await compile('fetching', FETCH, false)
  noAnalyze = await compile('no-analyze', NO_ANALYZE, false)
  sandbox = createSandbox()
  await sandbox.warmUp()
}, COMPILE_TIMEOUT)
afterAll(async () => {
  await sandbox?.dispose()
})

async function expectRefusal(code: Uint8Array, mode: string, expectedCode: string) {
  const result = await sandbox.run(job(code, mode))
  expect(result.ok).toBe(false)
  if (!result.ok) {
    expect(`${result.error.code} ${result.error.message}`).toMatch(new RegExp(`^${expectedCode} `))
  }
  // The host is alive and the next run works.
  const next = await sandbox.run(job(hostile, 'healthy', { limits: relaxed }))
  expect(next.ok && JSON.parse(next.output)).toEqual({ n: 200 })
  return result
}

describe('the wasm sandbox', () => {
  it('runs a healthy module and reports the columns it copied', async () => {
    const r = await sandbox.run(job(hostile, 'healthy', { limits: relaxed }))
    expect(r.ok && JSON.parse(r.output)).toEqual({ n: 200 })
    expect(r.ok && r.stats.columnsCopied).toBe(0)
  })

  it('ends an endless loop at the hard deadline by terminating the worker', async () => {
    const before = sandbox.workersStarted
    const r = await expectRefusal(hostile, 'loop', 'SEALPOST_GUEST_TIMEOUT')
    expect(r.ok === false && 'hard' in r.error && r.error.hard).toBe(true)
    expect(sandbox.workersStarted).toBe(before + 1)
  })

  it('ends memory growth at the bound', async () => {
    const r = await expectRefusal(hostile, 'grow', 'SEALPOST_GUEST_OUT_OF_MEMORY')
    expect(r.ok === false && r.error.message).toMatch(/grow its memory past the bound/)
  })

  it('ends an allocation larger than any memory the runtime can give', async () => {
    const r = await expectRefusal(hostile, 'huge', 'SEALPOST_GUEST_OUT_OF_MEMORY')
    expect(r.ok === false && r.error.message).toMatch(/Invalid (typed array )?length/)
  })

  it('ends an access outside the linear memory', async () => {
    await expectRefusal(hostile, 'oob', 'SEALPOST_GUEST_OUT_OF_MEMORY')
  })

  it('ends deep recursion at the stack bound', async () => {
    await expectRefusal(hostile, 'recurse', 'SEALPOST_GUEST_STACK_OVERFLOW')
  })

  it('refuses an output over the cap before decoding it', async () => {
    const r = await expectRefusal(hostile, 'big', 'SEALPOST_OUTPUT_TOO_LARGE')
    expect(r.ok === false && r.error.message).toMatch(/30002 bytes, over the cap of 20000 bytes/)
    // 30,000 bytes that are not UTF-8: refused for their length, never decoded.
    const raw = await expectRefusal(hostile, 'big-not-utf8', 'SEALPOST_OUTPUT_TOO_LARGE')
    expect(raw.ok === false && raw.error.message).toMatch(/30000 bytes/)
  })

  it('refuses an output that is not UTF-8 or lies outside the memory', async () => {
    const r = await expectRefusal(hostile, 'not-utf8', 'SEALPOST_GUEST_ERROR')
    expect(r.ok === false && r.error.message).toMatch(/not valid UTF-8/)
    const o = await expectRefusal(hostile, 'outside', 'SEALPOST_GUEST_ERROR')
    expect(o.ok === false && o.error.message).toMatch(/outside the module/)
  })

  it('reports an abort (AssemblyScript throw) with its message', async () => {
    const r = await expectRefusal(hostile, 'throw', 'SEALPOST_GUEST_ERROR')
    expect(r.ok === false && r.error.message).toMatch(
      /partner bug: no data \(.*hostile\.ts:\d+:\d+\)/,
    )
  })

  it('reports a trap such as an integer division by zero', async () => {
    const r = await expectRefusal(hostile, 'divide', 'SEALPOST_GUEST_ERROR')
    expect(r.ok === false && r.error.message).toMatch(/trapped: divide by zero/)
  })

  it('reports a refused kernel call with the kernel’s message', async () => {
    const r = await expectRefusal(hostile, 'kernel', 'SEALPOST_GUEST_ERROR')
    expect(r.ok === false && r.error.message).toMatch(/kernel groupSum: no field 'heartRate'/)
  })

  it('refuses a module that imports anything outside the allow-list, before running it', async () => {
    const r = await expectRefusal(fetching, 'healthy', 'SEALPOST_MODULE_REJECTED')
    expect(r.ok === false && r.error.message).toMatch(/imports 'env\.fetch' \(function\)/)
  })

  it('refuses a module without analyze', async () => {
    const r = await expectRefusal(noAnalyze, 'healthy', 'SEALPOST_GUEST_ERROR')
    expect(r.ok === false && r.error.message).toMatch(/does not export a function analyze\(\)/)
  })

  it('refuses bytes that are not WebAssembly, and source text', async () => {
    await expectRefusal(
      new TextEncoder().encode('export function analyze() {}'),
      'x',
      'SEALPOST_MODULE_REJECTED',
    )
    const r = await sandbox.run({ ...job(hostile, 'healthy'), code: 'export const x = 1' })
    expect(r.ok === false && r.error.code).toBe('SEALPOST_MODULE_REJECTED')
  })

  it('gives each run a fresh instance: globals do not survive', async () => {
    const a = await sandbox.run(job(hostile, 'healthy'))
    const b = await sandbox.run(job(hostile, 'healthy'))
    expect([a.ok && a.stats.reused, b.ok && b.stats.reused]).toEqual([false, false])
    // The compiled module is cached by digest in the worker.
    expect(b.ok && b.stats.warm).toBe(true)
  })
})

describe('wasm outputs through the run pipeline', () => {
  async function runWith(mode: string) {
    const js = await loadModuleFolder(join(repoRoot, 'algorithms/favorite-sport'))
    const bundle: RunnableBundle = {
      manifest: { ...js.manifest, engine: 'wasm', entry: 'hostile.wasm' },
      code: hostile,
      assets: { mode } as Record<string, unknown>,
      digest: `dev-hostile-${mode}`,
    }
    const now = Date.UTC(2026, 10, 1)
    return runBundle(
      { source: new MemorySource({ activities: [] }), sandbox, consent: giveConsent(bundle, now) },
      bundle,
      { now },
    )
  }

  it('refuses an output that is not JSON', async () => {
    await expect(runWith('not-json')).rejects.toMatchObject({ code: 'SEALPOST_OUTPUT_INVALID' })
  })

  it('refuses an output that breaks the output schema', async () => {
    await expect(runWith('schema')).rejects.toMatchObject({ code: 'SEALPOST_OUTPUT_INVALID' })
  })
})
