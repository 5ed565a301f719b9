/**
 * Timing classes on a starved machine (load 18 on 2 cores made the soft-deadline tests end as
 * hard timeouts). A loaded machine can keep the host's thread off the CPU past a run's hard
 * deadline while the guest answers in time. When the thread runs again, the answer is already waiting and so is the
 * expired timer; the timer must not win. (Node runs expired timers before it reads messages, so
 * the old host terminated a Worker that had answered, and reported a hard timeout.) The host's
 * thread is held here by a busy loop, which is what descheduling looks like from inside: no
 * wall-clock assertion.
 */
import { afterEach, expect, it } from 'vitest'
import { spawnNodeWorker } from '../../sandbox/_node_platform.ts'
import {
  createSandbox,
  DEFAULT_LIMITS,
  type GuestJob,
  type HostWorker,
  type Sandbox,
} from '../../sandbox/index.ts'
import { hostileModule } from './_wasm.ts'

const limits = { ...DEFAULT_LIMITS, deadlineMs: 200, graceMs: 100 }

/** A Worker whose answers reach the host `delayMs` late, as from a thread short of CPU. */
function slowToAnswer(delayMs: number): () => HostWorker {
  return () => {
    const w = spawnNodeWorker()
    return {
      ...w,
      onMessage: (handler) =>
        w.onMessage((message) => {
          if (message.type === 'result') setTimeout(() => handler(message), delayMs)
          else handler(message)
        }),
    }
  }
}

/** A Worker whose host thread is held `holdMs` right after the guest starts. */
function heldAfterStart(holdMs: number): () => HostWorker {
  return () => {
    const w = spawnNodeWorker()
    return {
      ...w,
      onMessage: (handler) =>
        w.onMessage((message) => {
          handler(message)
          if (message.type !== 'started') return
          // Hold the thread at the end of a loop turn (after the messages were read, before the
          // next turn runs its expired timers): the hard timer is armed by then.
          setImmediate(() => {
            const until = performance.now() + holdMs
            while (performance.now() < until) {
              // the host thread is off the CPU
            }
          })
        }),
    }
  }
}

const job = (code: string): GuestJob => ({
  engine: 'quickjs',
  code,
  frames: [],
  now: 0,
  params: null,
  limits,
})

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.dispose()
})

it('an answer that arrived while the host thread was held wins over the expired hard timer', async () => {
  sandbox = createSandbox({ spawn: heldAfterStart(1_000) })
  await sandbox.warmUp()
  const before = sandbox.workersStarted
  for (let i = 0; i < 3; i++) {
    const r = await sandbox.run(job(`export function analyze() { return ${i} }`))
    expect(r.ok ? r.output : r.error.message).toBe(String(i))
  }
  // Nobody was terminated: the same Worker answered every run.
  expect(sandbox.workersStarted).toBe(before)
})

it('a guest that really runs on is still ended at the hard deadline while the host is held', async () => {
  sandbox = createSandbox({ spawn: heldAfterStart(1_000) })
  await sandbox.warmUp()
  const r = await sandbox.run({
    ...job(''),
    engine: 'quickjs',
    // A native call the interrupt cannot stop (about a second of JSON.stringify), so only the
    // hard deadline ends it.
    code: `export function analyze() {
      let o = { a: 'xxxxxxxxxxxxxxxx' }
      for (let i = 0; i < 21; i++) o = [o, o]
      return JSON.stringify(o).length
    }`,
    limits: { ...limits, memoryBytes: 256 << 20 },
  })
  expect(r.ok === false && r.error.code).toBe('SEALPOST_GUEST_TIMEOUT')
  expect(r.ok === false && 'hard' in r.error && r.error.hard).toBe(true)
})

it('a guest the soft deadline stopped is not terminated when its Worker answers late', async () => {
  // The Worker sets a shared flag the moment the soft deadline stops the guest; past the hard
  // deadline the host then waits for the answer instead of terminating a Worker that is only
  // short of CPU. Three grace periods late here.
  sandbox = createSandbox({ spawn: slowToAnswer(3 * limits.graceMs) })
  await sandbox.warmUp()
  const before = sandbox.workersStarted
  const r = await sandbox.run(job('export function analyze() { for (;;) {} }'))
  expect(r.ok === false && r.error.code).toBe('SEALPOST_GUEST_TIMEOUT')
  expect(r.ok === false && 'hard' in r.error && r.error.hard).toBe(false)
  expect(r.ok === false && r.error.message).toMatch(/ran past its deadline and was stopped/)
  expect(sandbox.workersStarted).toBe(before)
})

it('a wasm guest, which has no soft deadline, is terminated at the hard deadline all the same', async () => {
  sandbox = createSandbox({ spawn: slowToAnswer(3 * limits.graceMs) })
  await sandbox.warmUp()
  const before = sandbox.workersStarted
  const endless = hostileModule({ analyzePrefix: [0x03, 0x40, 0x0c, 0x00, 0x0b] })
  const r = await sandbox.run({ ...job(''), engine: 'wasm', code: endless })
  expect(r.ok === false && 'hard' in r.error && r.error.hard).toBe(true)
  const next = await sandbox.run(job('export function analyze() { return 7 }'))
  expect(next.ok && next.output).toBe('7')
  expect(sandbox.workersStarted).toBe(before + 1)
})
