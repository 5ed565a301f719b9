/**
 * The page of the Chromium pristine-state test (built by Vite, like the host app, so the sandbox
 * Worker and the QuickJS wasm are bundled the same way). Exposes `window.sealpostPristine`.
 */
import { createSandbox, DEFAULT_LIMITS, frameFromRecords } from '../../../sandbox/index.ts'
import type { GuestJob } from '../../../sandbox/index.ts'
import { MARKER, markerModule } from '../../sandbox/_pristine.ts'

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: { startedAt: 'time', sport: 'category', durationSec: 'number' },
} as const

const frames = (sport: string) => [
  frameFromRecords(
    layout,
    [{ startedAt: 1_700_000_000_000, sport, durationSec: 60 }],
    ['startedAt', 'sport', 'durationSec'],
    0,
    Infinity,
  ),
]

const sandbox = createSandbox()
const limits = { ...DEFAULT_LIMITS, deadlineMs: 1_000 }

/** One run's answer, its error code, and whether it started from the bundle's snapshot. */
interface Answer {
  readonly output?: unknown
  readonly code?: string
  readonly reused?: boolean
}

async function run(job: GuestJob): Promise<Answer> {
  const r = await sandbox.run(job)
  return r.ok ? { output: JSON.parse(r.output), reused: r.stats.reused } : { code: r.error.code }
}

const quickjs = (code: string, sport = 'running'): GuestJob => ({
  engine: 'quickjs',
  code,
  frames: frames(sport),
  now: 1_800_000_000_000,
  params: { shops: [1, 2] },
  limits,
  reuseKey: 'partner-a/digest-1',
})

const api = {
  /** The marker module three times, then a loop, a memory bomb and the marker again. */
  async quickjs(): Promise<Answer[]> {
    const out: Answer[] = []
    for (let i = 0; i < 3; i++) out.push(await run(quickjs(MARKER)))
    const hostile = `let calls = 0
      export function analyze(input) {
        calls++
        globalThis.leak = calls
        const mode = input.collections.activities.get('sport', 0)
        if (mode === 'loop') for (;;) {}
        if (mode === 'bomb') { const a = []; for (;;) a.push(new Float64Array(1 << 20)) }
        return { calls, leak: globalThis.leak }
      }`
    for (const mode of ['fine', 'loop', 'fine', 'bomb', 'fine']) {
      out.push(await run(quickjs(hostile, mode)))
    }
    return out
  },
  /** The wasm marker module four times, the third one trapping. */
  async wasm(): Promise<Answer[]> {
    const out: Answer[] = []
    for (const trap of [false, false, true, false]) {
      out.push(
        await run({
          engine: 'wasm',
          code: markerModule(trap),
          frames: [],
          now: 0,
          params: null,
          limits: { ...limits, memoryBytes: 16 << 20 },
        }),
      )
    }
    return out
  },
}

;(globalThis as unknown as { sealpostPristine: typeof api }).sealpostPristine = api
