/**
 * The page of the browser sandbox-limits test (bundled by esbuild for Chromium): the browser
 * sandbox, with its Worker served as `/worker.js`, and a stand-in Worker whose own heap grows
 * without end. Exposes `window.sealpostSandbox`.
 */
import { createSandbox } from '../../sandbox/_create_browser.ts'
import { DEFAULT_LIMITS } from '../../sandbox/limits.ts'
import type { GuestJob, Sandbox } from '../../sandbox/index.ts'

const limits = { ...DEFAULT_LIMITS, memoryBytes: 32 << 20, deadlineMs: 500, graceMs: 250 }

// Speaks the Worker protocol, then allocates on its own JavaScript heap until something ends it:
// what a bug in the Worker itself would do (browser Workers have no resourceLimits).
const HEAP_BOMB = `
  self.postMessage({ type: 'ready' })
  self.onmessage = (e) => {
    self.postMessage({ type: 'started', id: e.data.id })
    const keep = []
    for (;;) keep.push(new Array(1 << 16).fill(keep.length))
  }`

let sandbox: Sandbox | undefined
let ticks = 0
setInterval(() => ticks++, 20)

/** What a run ended with, as plain data. */
interface Ended {
  readonly ok: boolean
  readonly code?: string
  readonly hard?: boolean
  readonly output?: string
  readonly workersStarted: number
}

async function run(
  s: Sandbox,
  job: Omit<GuestJob, 'frames' | 'now' | 'params' | 'limits'>,
  deadlineMs = limits.deadlineMs,
) {
  const r = await s.run({
    frames: [],
    now: 0,
    params: null,
    limits: { ...limits, deadlineMs },
    ...job,
  })
  const error = r.ok ? undefined : (r.error as { code: string; hard?: boolean })
  return {
    ok: r.ok,
    ...(r.ok ? { output: r.output } : { code: error!.code, hard: error!.hard === true }),
    workersStarted: s.workersStarted,
  } as Ended
}

const api = {
  /** Runs a QuickJS module in the real browser sandbox. */
  js: (code: string) =>
    run((sandbox ??= createSandbox({ workerUrl: '/worker.js' })), { engine: 'quickjs', code }),
  /** Runs a wasm module (bytes as numbers) in the real browser sandbox. */
  wasm: (bytes: number[]) =>
    run((sandbox ??= createSandbox({ workerUrl: '/worker.js' })), {
      engine: 'wasm',
      code: new Uint8Array(bytes),
    }),
  /** Runs any job, with a deadline of `deadlineMs`, in a sandbox whose Worker exhausts its own heap. */
  async heapBomb(deadlineMs: number): Promise<Ended> {
    const url = URL.createObjectURL(new Blob([HEAP_BOMB], { type: 'text/javascript' }))
    const s = createSandbox({ workerUrl: url })
    try {
      return await run(s, { engine: 'quickjs', code: 'unused' }, deadlineMs)
    } finally {
      await s.dispose()
    }
  },
  /** Timer ticks so far: they advance only while the page's thread is free. */
  ticks: (): number => ticks,
}

;(globalThis as { sealpostSandbox?: typeof api }).sealpostSandbox = api
