/**
 * Hostile class: host work driven by what a guest passes, and text a guest makes the host print.
 * Kernel arguments are capped in length and nesting before they are copied or parsed (from QuickJS
 * and from wasm alike); a guest's error message reaches logs and terminals as one escaped line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSandbox,
  DEFAULT_LIMITS,
  frameFromRecords,
  type GuestJob,
  type Sandbox,
} from '../../sandbox/index.ts'
import { callKernel, MAX_KERNEL_ARGS_CHARS, MAX_KERNEL_ARGS_DEPTH } from '../../sandbox/kernels.ts'
import { createBridge } from '../../sandbox/wasm/_bridge.ts'
import { oneLine, SealpostError } from '../../sandbox/errors.ts'

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: { startedAt: 'time', sport: 'category', durationSec: 'number' },
} as const
const records = Array.from({ length: 100 }, (_, i) => ({
  startedAt: 1_700_000_000_000 + i * 3_600_000,
  sport: ['running', 'cycling'][i % 2],
  durationSec: 600 + i,
}))
const frame = () =>
  frameFromRecords(layout, records, ['startedAt', 'sport', 'durationSec'], 0, Infinity)

const job = (code: string, extra: Partial<GuestJob> = {}): GuestJob => ({
  engine: 'quickjs',
  code,
  frames: [frame()],
  now: 0,
  params: null,
  limits: DEFAULT_LIMITS,
  ...extra,
})

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = createSandbox()
  await sandbox.warmUp()
}, 60_000)
afterAll(async () => {
  await sandbox?.dispose()
})

describe('kernel arguments are bounded before they are parsed', () => {
  const frames = () => new Map([['activities', frame()]])

  it('refuses an argument list over the length cap', () => {
    const big = JSON.stringify([{ eq: { sport: 'x'.repeat(MAX_KERNEL_ARGS_CHARS) } }])
    expect(() => callKernel(frames(), 'count', 'activities', big)).toThrow(
      /kernel arguments are \d+ characters, over the cap of 1048576/,
    )
  })

  it('refuses nesting past the depth cap, even inside a small string', () => {
    const deep = '['.repeat(MAX_KERNEL_ARGS_DEPTH + 1) + ']'.repeat(MAX_KERNEL_ARGS_DEPTH + 1)
    expect(() => callKernel(frames(), 'count', 'activities', deep)).toThrow(
      /nest deeper than 32 levels/,
    )
    // Brackets inside strings are text, not nesting.
    const inString = JSON.stringify([{ eq: { sport: '['.repeat(1000) } }])
    expect(callKernel(frames(), 'count', 'activities', inString)).toBe('0')
  })

  it('serves a large list of wanted values in one pass (a Set, not a scan per row)', () => {
    const wanted = Array.from({ length: 50_000 }, (_, i) => 600 + i)
    const args = JSON.stringify([{ eq: { durationSec: wanted } }])
    expect(callKernel(frames(), 'count', 'activities', args)).toBe('100')
  })

  it('tells a QuickJS guest, which may catch it; the host is untouched', async () => {
    const r = await sandbox.run(
      job(`export function analyze(input) {
        const a = input.collections.activities
        const out = {}
        try { a.count({ eq: { sport: new Array(300000).fill('running-shoes') } }) }
        catch (e) { out.long = e.message }
        let deep = null
        for (let i = 0; i < 40; i++) deep = [deep]
        try { a.count({ eq: { sport: deep } }) } catch (e) { out.deep = e.message }
        out.n = a.count()
        return out
      }`),
    )
    expect(r.ok).toBe(true)
    const out = r.ok ? JSON.parse(r.output) : {}
    expect(out.long).toMatch(/over the cap of 1048576/)
    expect(out.deep).toMatch(/nest deeper than 32 levels/)
    expect(out.n).toBe(100)
  })

  it('refuses a wasm guest’s 12 MB argument by its declared length, without reading it', () => {
    const memory = new WebAssembly.Memory({ initial: 256, maximum: 256 })
    const bridge = createBridge(job('', { engine: 'wasm', code: new Uint8Array() }), memory)
    const host = bridge.imports['sealpost'] as Record<string, (...a: number[]) => number>
    const name = new TextEncoder().encode('count')
    new Uint8Array(memory.buffer).set(name, 0)
    const r = host['kernel']!(0, name.length, 0, 64, 12 << 20)
    // A negative answer: the kernel's complaint is staged for the guest to take.
    expect(r).toBeLessThan(0)
    const len = -1 - r
    host['take']!(1024, len)
    const message = new TextDecoder().decode(new Uint8Array(memory.buffer, 1024, len))
    expect(message).toBe('kernel arguments are 12582912 characters, over the cap of 1048576')
  })
})

describe('text a guest controls is one escaped line', () => {
  it('escapes newlines, ANSI escapes and bidi overrides, and caps the length', () => {
    expect(oneLine('ok\nFAKE LINE\u001b[2J\u202eevil')).toBe(
      'ok\\u000aFAKE LINE\\u001b[2J\\u202eevil',
    )
    expect(oneLine('x'.repeat(5000)).length).toBe(301)
  })

  it('a guest exception with a newline and an ANSI escape comes back as one line', async () => {
    const r = await sandbox.run(
      job(`export function analyze() {
        throw new Error('partner bug\\nsealpost: installed com.evil 9.9.9 [OK]\\u001b[31m' + 'x'.repeat(10000))
      }`),
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('SEALPOST_GUEST_ERROR')
    expect(r.error.message).not.toMatch(/[\u0000-\u001f\u007f]/)
    expect(r.error.message).toContain('partner bug\\u000asealpost: installed')
    expect(r.error.message.length).toBeLessThan(400)
  })

  it('every SealpostError message is one printable line, whatever it quotes', () => {
    const e = new SealpostError('SEALPOST_X', `bad file name: evil\r\n\u001b]0;title\u0007`)
    expect(e.message).toBe('bad file name: evil\\u000d\\u000a\\u001b]0;title\\u0007')
  })
})
