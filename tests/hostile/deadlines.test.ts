/**
 * Timing on a loaded machine: the hard deadline counts from the moment the guest's code starts,
 * not from when the host handed the job over. Before, the time a busy Worker spent getting to the
 * job (a queue, an engine instance, a compile) came out of the guest's own deadline, so on a
 * loaded machine a soft-deadline timeout or an out-of-memory arrived as a hard timeout. A Worker
 * whose job arrives late stands in for the loaded machine here: no wall-clock assertions.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Worker } from 'node:worker_threads'
import {
  hostWorker,
  spawnNodeWorker,
  WORKER_RESOURCE_LIMITS,
} from '../../sandbox/_node_platform.ts'
import {
  createSandbox,
  DEFAULT_LIMITS,
  frameFromRecords,
  type GuestJob,
  type HostWorker,
  type Sandbox,
} from '../../sandbox/index.ts'
import { hostileModule } from './_wasm.ts'

/** A Worker that receives each job `delayMs` late, as a starved thread would. */
function lateWorker(delayMs: number): () => HostWorker {
  return () => {
    const w = spawnNodeWorker()
    return {
      ...w,
      post: (message, transfer) => void setTimeout(() => w.post(message, transfer), delayMs),
    }
  }
}

const tight = { ...DEFAULT_LIMITS, deadlineMs: 150, graceMs: 150 }
const layout = { name: 'a', timeField: 't', kinds: { t: 'time' } } as const
const job = (code: string, extra: Partial<GuestJob> = {}): GuestJob => ({
  engine: 'quickjs',
  code,
  frames: [frameFromRecords(layout, [{ t: 1 }], ['t'], 0, Infinity)],
  now: 0,
  params: null,
  limits: tight,
  ...extra,
})

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.dispose()
})

describe('the hard deadline starts with the guest', () => {
  it('a job that reaches its Worker late still gets its soft deadline', async () => {
    // 600 ms late: more than deadline + grace (300 ms), which the old timer counted from posting.
    sandbox = createSandbox({ spawn: lateWorker(600) })
    await sandbox.warmUp()
    const r = await sandbox.run(job('export function analyze() { for (;;) {} }'))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('SEALPOST_GUEST_TIMEOUT')
    expect('hard' in r.error && r.error.hard).toBe(false)
    expect(r.error.message).toMatch(/ran past its deadline and was stopped/)
  })

  it('a late memory bomb ends as out of memory, not as a timeout', async () => {
    sandbox = createSandbox({ spawn: lateWorker(600) })
    await sandbox.warmUp()
    const r = await sandbox.run(
      job('export function analyze() { let s = "x"; for (;;) s = s + s }', {
        limits: { ...tight, deadlineMs: 2_000 },
      }),
    )
    expect(r.ok === false && r.error.code).toBe('SEALPOST_GUEST_OUT_OF_MEMORY')
  })

  it('a guest that never yields is still ended by the hard deadline, and the next run works', async () => {
    sandbox = createSandbox({ spawn: lateWorker(100) })
    await sandbox.warmUp()
    const before = sandbox.workersStarted
    // A wasm `loop br 0 end`: no soft deadline exists for wasm, only the Worker's termination
    // can end it, however late the host's timer fires on a loaded machine.
    const endless = hostileModule({ analyzePrefix: [0x03, 0x40, 0x0c, 0x00, 0x0b] })
    const r = await sandbox.run(job('', { engine: 'wasm', code: endless }))
    expect(r.ok === false && r.error.code).toBe('SEALPOST_GUEST_TIMEOUT')
    expect(r.ok === false && 'hard' in r.error && r.error.hard).toBe(true)
    const next = await sandbox.run(job('export function analyze() { return 1 }'))
    expect(next.ok && next.output).toBe('1')
    expect(sandbox.workersStarted).toBe(before + 1)
  })

  it('a job that never starts is ended by the admission timeout', async () => {
    sandbox = createSandbox({ spawn: lateWorker(5_000), admissionTimeoutMs: 200 })
    await sandbox.warmUp()
    const r = await sandbox.run(job('export function analyze() { return 1 }'))
    expect(r.ok === false && r.error.code).toBe('SEALPOST_GUEST_TIMEOUT')
    expect(r.ok === false && r.error.message).toMatch(/did not start within 200 ms/)
  })
})

describe('the sandbox Worker has resource limits', () => {
  it('a Worker that exhausts its heap is ended as out of memory; the host process lives on', async () => {
    // A stand-in worker that speaks the protocol and then allocates without end, under the same
    // kind of resourceLimits as the real one (a smaller heap, to be quick). Without them V8 would
    // abort the whole process.
    const code = `
      const { parentPort } = require('node:worker_threads')
      parentPort.postMessage({ type: 'ready' })
      parentPort.on('message', (m) => {
        parentPort.postMessage({ type: 'started', id: m.id })
        const keep = []
        for (;;) keep.push(new Array(1 << 16).fill(keep.length))
      })`
    sandbox = createSandbox({
      spawn: () =>
        hostWorker(
          new Worker(code, {
            eval: true,
            resourceLimits: { ...WORKER_RESOURCE_LIMITS, maxOldGenerationSizeMb: 64 },
          }),
        ),
    })
    await sandbox.warmUp()
    const r = await sandbox.run(job('unused', { limits: { ...tight, deadlineMs: 60_000 } }))
    expect(r.ok === false && r.error.code).toBe('SEALPOST_GUEST_OUT_OF_MEMORY')
    expect(r.ok === false && r.error.message).toMatch(/heap limit/)
  }, 60_000)
})
