/**
 * A run's frames are not kept past the run: neither the engine (its deadline callback) nor the
 * Worker loop may reach the last job, or a large view would stay alive beside the next one.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { QuickJSEngine } from '../../sandbox/quickjs/engine.ts'
import { quickJSBuild } from '../../sandbox/quickjs/_build.ts'
import { collectorNode } from '../../sandbox/_node_platform.ts'
import { serveSandbox, type WorkerPort } from '../../sandbox/worker_main.ts'
import { DEFAULT_LIMITS, type GuestJob } from '../../sandbox/index.ts'
import type { WorkerRequest, WorkerResponse } from '../../sandbox/_protocol.ts'

const require = createRequire(import.meta.url)
const wasmBytes = () =>
  new Uint8Array(readFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')))

const CODE = `export function analyze(input) {
  const t = input.collections.pings.num('t')
  return t[t.length - 1]
}`

/** A job over a fresh frame, and a weak reference to that frame's buffer. */
function jobWithFrame(): { job: GuestJob; buffer: WeakRef<ArrayBuffer> } {
  const values = new Float64Array(1024).map((_, i) => i)
  const job: GuestJob = {
    engine: 'quickjs',
    code: CODE,
    frames: [{ collection: 'pings', length: 1024, columns: { t: { kind: 'time', values } } }],
    now: 0,
    params: null,
    limits: DEFAULT_LIMITS,
    reuseKey: 'memory-test',
  }
  return { job, buffer: new WeakRef(values.buffer) }
}

async function collected(ref: WeakRef<object>, gc: () => void): Promise<boolean> {
  for (let k = 0; k < 5; k++) {
    await sleep(1) // a WeakRef holds its target until the current job ends
    gc()
    if (ref.deref() === undefined) return true
  }
  return false
}

const gc = collectorNode()

describe.runIf(gc)('a run keeps nothing of its frames', () => {
  it('the engine drops the job after the run, deadline callback included', async () => {
    const build = await quickJSBuild(wasmBytes())
    const engine = new QuickJSEngine(build.module, { image: build.image })
    let buffer: WeakRef<ArrayBuffer>
    {
      const made = jobWithFrame()
      buffer = made.buffer
      const out = await engine.run(
        made.job,
        () => undefined,
        () => void made.job,
      )
      expect(out.ok && out.output).toBe('1023')
      engine.tidy()
    }
    expect(await collected(buffer, gc!)).toBe(true)
  })

  it('the Worker loop keeps neither the job nor its callbacks', async () => {
    const build = await quickJSBuild(wasmBytes())
    let handler: ((m: WorkerRequest) => void) | undefined
    const results: WorkerResponse[] = []
    const port: WorkerPort = {
      post: (m) => void results.push(m),
      onMessage: (h) => void (handler = h),
    }
    await serveSandbox(port, async () => build)
    // Made and posted in a plain function, so that no frame of this test holds the job.
    const buffer = ((): WeakRef<ArrayBuffer> => {
      const made = jobWithFrame()
      handler!({ type: 'run', id: 1, job: made.job, stopped: new SharedArrayBuffer(4) })
      return made.buffer
    })()
    for (let k = 0; k < 200 && !results.some((r) => r.type === 'result'); k++) await sleep(5)
    const result = results.find((r) => r.type === 'result')
    expect(result && result.ok && result.output).toBe('1023')
    expect(await collected(buffer, gc!)).toBe(true)
  })
})
